import { ConfigWarningCode, type ConfigWarning } from "../config-warning.js";
import { ConfigParseError } from "./config-parse-error.js";
import { smallRecord } from "../name-map.js";

/** One `key = value` line (and its continuation lines) as written. */
export interface RawProperty {
  /** The key, lower-cased as every SDK does. */
  readonly key: string;
  readonly line: number;
  /** The value; for a sub-section the text of its lines joined (`"\nname = value"`). */
  readonly value: string;
  /** Set when the value is a sub-section (`s3 =` followed by indented `key = value` lines). */
  readonly subProperties: Record<string, string> | undefined;
}

/** One `[header]` and the properties under it, in file order. */
export interface RawSection {
  /** The text between the brackets, trimmed: `profile foo`, `default`, `sso-session x`. */
  readonly header: string;
  readonly line: number;
  readonly properties: RawProperty[];
}

/** A file split into sections, plus the warnings its lines raised. */
export interface RawFile {
  readonly sections: RawSection[];
  readonly warnings: ConfigWarning[];
}

/** Names of profiles, sessions and properties the SDKs accept (smithy `_VALID_IDENTIFIER_RE`). */
export const validIdentifier = /^[A-Za-z0-9_\-/.%@:+]+$/;

/** Receives a file's sections and properties in file order, each property once it is complete. */
export interface IniHandler {
  section(header: string, line: number): void;
  property(property: RawProperty): void;
}

/**
 * Reads a shared config or credentials file following the AWS SDKs' language-neutral grammar
 * (the smithy-python and smithy-rs parser suites): comments start a line with `#`/`;` or follow
 * a value after whitespace, indented lines continue the previous property, an empty value
 * followed by indented `key = value` lines is a sub-section. Hands what it reads to `handler` as
 * it goes and returns the warnings its lines raised.
 *
 * @throws ConfigParseError with the file and line of the first malformed line.
 */
export function scanIni(text: string, file: string, handler: IniHandler): ConfigWarning[] {
  const parser = new LineParser(file, handler);
  let start = 0;
  if (text.startsWith("\uFEFF")) {
    start = 1;
    parser.warn(
      1,
      ConfigWarningCode.ByteOrderMark,
      "the file starts with a UTF-8 byte-order mark, which the AWS CLI cannot read",
    );
  }
  // One line at a time, cut at "\n" alone: a 10,000-profile file read this way leaves no array
  // of every line for the garbage collector to carry, and every line is trimmed before it is
  // read, so the "\r" a CRLF line keeps changes nothing.
  for (let lineNumber = 1; ; lineNumber++) {
    const end = text.indexOf("\n", start);
    parser.accept(end === -1 ? text.slice(start) : text.slice(start, end), lineNumber);
    if (end === -1) break;
    start = end + 1;
  }
  parser.finish();
  return parser.warnings;
}

/** {@link scanIni} collected into a list of sections. */
export function parseIniSections(text: string, file: string): RawFile {
  const sections: RawSection[] = [];
  const warnings = scanIni(text, file, {
    section: (header, line) => sections.push({ header, line, properties: [] }),
    property: (property) => sections.at(-1)?.properties.push(property),
  });
  return { sections, warnings };
}

const [space, tab, hash, semicolon, openBracket] = [" ", "\t", "#", ";", "["].map((c) =>
  c.charCodeAt(0),
);

/** Tracks where the parser is: which section, which property, whether inside a sub-section. */
class LineParser {
  readonly warnings: ConfigWarning[] = [];
  private inSection = false;
  private property: MutableProperty | undefined;
  // After a property with a name the SDKs reject, its continuation lines are skipped too.
  private skippingContinuation = false;

  constructor(
    private readonly file: string,
    private readonly handler: IniHandler,
  ) {}

  finish(): void {
    this.emitProperty();
  }

  warn(line: number, code: ConfigWarningCode, message: string): void {
    this.warnings.push({ code, file: this.file, line, message });
  }

  accept(line: string, lineNumber: number): void {
    const first = line.charCodeAt(0);
    // Only a line starting with whitespace (or empty) can be blank; most lines skip the trim.
    if (Number.isNaN(first) || ((first <= 32 || first >= 127) && line.trim() === "")) return;
    // Checked before comments: an indented "# x" after a property continues its value.
    if (first === space || first === tab) this.acceptContinuation(line.trim(), lineNumber);
    else if (first === hash || first === semicolon) return;
    else if (first === openBracket) this.acceptSection(line.trim(), lineNumber);
    else this.acceptProperty(line, lineNumber);
  }

  private acceptSection(line: string, lineNumber: number): void {
    const end = line.indexOf("]");
    if (end === -1) this.fail(lineNumber, "Section definition must end with ']'");
    const header = line.slice(1, end).trim();
    if (header === "") this.fail(lineNumber, "Section name cannot be empty");
    this.emitProperty();
    this.inSection = true;
    this.handler.section(header, lineNumber);
    this.skippingContinuation = false;
  }

  private emitProperty(): void {
    const property = this.property;
    if (property === undefined) return;
    this.property = undefined;
    this.handler.property(property);
  }

  private acceptProperty(line: string, lineNumber: number): void {
    if (!this.inSection) {
      this.fail(
        lineNumber,
        "Expected a section definition, found property",
        "put the line under a section such as [default] or [profile NAME]",
      );
    }
    const equals = line.indexOf("=");
    if (equals === -1) {
      const hint = line.includes(":")
        ? "the AWS SDKs accept only '=' between key and value (the AWS CLI also accepts ':'); write `key = value`"
        : "write the line as `key = value`";
      this.fail(lineNumber, "Expected an '=' sign defining a property", hint);
    }
    const rawKey = line.slice(0, equals).trim();
    if (rawKey === "") this.fail(lineNumber, "Property did not have a name");
    this.emitProperty();
    if (!validIdentifier.test(rawKey)) {
      this.skippingContinuation = true;
      return;
    }
    const key = this.checkedKey(rawKey, lineNumber);
    const value = this.stripInlineComment(key, line.slice(equals + 1).trim(), lineNumber);
    this.property = {
      key,
      line: lineNumber,
      value,
      subProperties: undefined,
      inSubSection: value === "",
    };
    this.skippingContinuation = false;
  }

  private acceptContinuation(text: string, lineNumber: number): void {
    if (!this.inSection) this.fail(lineNumber, "Expected a section definition, found continuation");
    if (this.skippingContinuation) return;
    const property = this.property;
    if (property === undefined) {
      this.fail(
        lineNumber,
        "Expected a property definition, found continuation",
        "remove the indentation at the start of the line",
      );
    }
    if (property.inSubSection) {
      this.acceptSubProperty(property, text, lineNumber);
      return;
    }
    if (text.startsWith("#") || text.startsWith(";")) {
      this.warn(
        lineNumber,
        ConfigWarningCode.IndentedComment,
        `the indented comment is part of the value of "${property.key}" for the AWS SDKs; the AWS CLI ignores it`,
      );
    }
    property.value = `${property.value}\n${text}`;
  }

  private acceptSubProperty(property: MutableProperty, text: string, lineNumber: number): void {
    property.value = `${property.value}\n${text}`;
    property.subProperties ??= smallRecord<string>();
    const equals = text.indexOf("=");
    if (equals === -1)
      this.fail(lineNumber, "Expected an '=' sign defining a property in sub-property");
    const rawKey = text.slice(0, equals).trim();
    if (rawKey === "") this.fail(lineNumber, "Property did not have a name in sub-property");
    if (!validIdentifier.test(rawKey)) return;
    // Inside sub-sections '#' and ';' are part of the value in every SDK.
    property.subProperties[this.checkedKey(rawKey, lineNumber)] = text.slice(equals + 1).trim();
  }

  private checkedKey(rawKey: string, lineNumber: number): string {
    const key = rawKey.toLowerCase();
    if (key === "__proto__") this.fail(lineNumber, `"${rawKey}" is not allowed as a property name`);
    if (key !== rawKey) {
      this.warn(
        lineNumber,
        ConfigWarningCode.UpperCaseKey,
        `"${rawKey}" has upper-case letters; the AWS JS SDK v3 only reads "${key}"`,
      );
    }
    return key;
  }

  // '#' and ';' start a comment only after whitespace: `value # note` → `value`.
  private stripInlineComment(key: string, value: string, lineNumber: number): string {
    const match = /[ \t][#;]/.exec(value);
    if (match === null) return value;
    this.warn(
      lineNumber,
      ConfigWarningCode.InlineComment,
      `the AWS CLI reads the comment after "${key}" as part of its value; put comments on their own line`,
    );
    return value.slice(0, match.index).trimEnd();
  }

  private fail(lineNumber: number, problem: string, hint?: string): never {
    throw new ConfigParseError(this.file, lineNumber, problem, hint);
  }
}

interface MutableProperty {
  key: string;
  line: number;
  value: string;
  subProperties: Record<string, string> | undefined;
  inSubSection: boolean;
}
