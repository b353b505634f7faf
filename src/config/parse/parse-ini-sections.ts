import { ConfigWarningCode, type ConfigWarning } from "../config-warning.js";
import { ConfigParseError } from "./config-parse-error.js";
import { knownKeyAt } from "./known-keys.js";
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

/**
 * Receives a file's sections and properties in file order, each property once it is complete
 * (its parts as arguments: a 10,000-profile file has some 50,000 properties, and an object for
 * each would only be garbage).
 */
export interface IniHandler {
  section(header: string, line: number): void;
  property(
    key: string,
    line: number,
    value: string,
    subProperties: Record<string, string> | undefined,
  ): void;
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
  const parser = new LineParser(text, file, handler);
  let start = 0;
  if (text.startsWith("\uFEFF")) {
    start = 1;
    parser.warn(
      1,
      ConfigWarningCode.ByteOrderMark,
      "the file starts with a UTF-8 byte-order mark, which the AWS CLI cannot read",
    );
  }
  // One line at a time, cut at "\n" alone, and read in place: the common lines (headers and
  // `key = value`) are never copied out whole, only their header, key and value are. Every part
  // is trimmed, so the "\r" a CRLF line keeps changes nothing.
  for (let lineNumber = 1; ; lineNumber++) {
    const newline = text.indexOf("\n", start);
    const end = newline === -1 ? text.length : newline;
    parser.accept(start, end, lineNumber);
    if (newline === -1) break;
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
    property: (key, line, value, subProperties) =>
      sections.at(-1)?.properties.push({ key, line, value, subProperties }),
  });
  return { sections, warnings };
}

const [space, tab, carriageReturn, hash, semicolon, openBracket] = [
  " ",
  "\t",
  "\r",
  "#",
  ";",
  "[",
].map((c) => c.charCodeAt(0));

/** A printable ASCII character other than a space: never trimmed. */
function isPrintable(code: number): boolean {
  return code > 0x20 && code < 0x7f;
}

/**
 * Tracks where the parser is: which section, which property, whether inside a sub-section. Lines
 * are given as a range of the file's text; the common ones are read in place.
 */
class LineParser {
  readonly warnings: ConfigWarning[] = [];
  private inSection = false;
  // The property being read, handed on when the next line shows it is complete. Its parts are
  // fields, not an object, so a file's many properties leave nothing behind but their strings.
  private hasProperty = false;
  private key = "";
  private keyLine = 0;
  private value = "";
  private subProperties: Record<string, string> | undefined;
  private inSubSection = false;
  // After a property with a name the SDKs reject, its continuation lines are skipped too.
  private skippingContinuation = false;

  constructor(
    private readonly text: string,
    private readonly file: string,
    private readonly handler: IniHandler,
  ) {}

  finish(): void {
    this.emitProperty();
  }

  warn(line: number, code: ConfigWarningCode, message: string): void {
    this.warnings.push({ code, file: this.file, line, message });
  }

  /** Reads the line `text[start, end)`. */
  accept(start: number, end: number, lineNumber: number): void {
    if (start === end) return;
    const first = this.text.charCodeAt(start);
    // Only a line starting with whitespace can be blank; most lines skip the trim.
    if ((first <= 32 || first >= 127) && this.slice(start, end).trim() === "") return;
    // Checked before comments: an indented "# x" after a property continues its value.
    if (first === space || first === tab)
      this.acceptContinuation(this.slice(start, end).trim(), lineNumber);
    else if (first === hash || first === semicolon) return;
    else if (first === openBracket) this.acceptSection(start, end, lineNumber);
    else this.acceptProperty(start, end, lineNumber);
  }

  private slice(start: number, end: number): string {
    return this.text.slice(start, end);
  }

  /**
   * `text[start, end)` trimmed. Most parts are `key = value` with one space on each side of the
   * '=' (and maybe the "\r" of a CRLF line): those are cut out at once, not copied and trimmed.
   */
  private trimmed(start: number, end: number): string {
    const { text } = this;
    const from = text.charCodeAt(start) === space ? start + 1 : start;
    const last = text.charCodeAt(end - 1);
    const to = last === space || last === carriageReturn ? end - 1 : end;
    if (from < to && isPrintable(text.charCodeAt(from)) && isPrintable(text.charCodeAt(to - 1)))
      return text.slice(from, to);
    return text.slice(start, end).trim();
  }

  private acceptSection(start: number, end: number, lineNumber: number): void {
    const close = this.text.indexOf("]", start);
    if (close === -1 || close >= end) this.fail(lineNumber, "Section definition must end with ']'");
    const header = this.trimmed(start + 1, close);
    if (header === "") this.fail(lineNumber, "Section name cannot be empty");
    this.emitProperty();
    this.inSection = true;
    this.handler.section(header, lineNumber);
    this.skippingContinuation = false;
  }

  private emitProperty(): void {
    if (!this.hasProperty) return;
    this.hasProperty = false;
    this.handler.property(this.key, this.keyLine, this.value, this.subProperties);
  }

  private acceptProperty(start: number, end: number, lineNumber: number): void {
    if (!this.inSection) {
      this.fail(
        lineNumber,
        "Expected a section definition, found property",
        "put the line under a section such as [default] or [profile NAME]",
      );
    }
    const equals = this.text.indexOf("=", start);
    if (equals === -1 || equals >= end) {
      const hint = this.slice(start, end).includes(":")
        ? "the AWS SDKs accept only '=' between key and value (the AWS CLI also accepts ':'); write `key = value`"
        : "write the line as `key = value`";
      this.fail(lineNumber, "Expected an '=' sign defining a property", hint);
    }
    // A known key is a lower-case identifier already: none of the checks below can refuse it.
    const known = this.knownKey(start, equals);
    const rawKey = known ?? this.trimmed(start, equals);
    if (rawKey === "") this.fail(lineNumber, "Property did not have a name");
    this.emitProperty();
    if (known === undefined && !validIdentifier.test(rawKey)) {
      this.skippingContinuation = true;
      return;
    }
    const key = known ?? this.checkedKey(rawKey, lineNumber);
    const value = this.stripInlineComment(key, this.trimmed(equals + 1, end), lineNumber);
    this.hasProperty = true;
    this.key = key;
    this.keyLine = lineNumber;
    this.value = value;
    this.subProperties = undefined;
    this.inSubSection = value === "";
    this.skippingContinuation = false;
  }

  /** The key of a line starting at `start`, when it is a known one written as such. */
  private knownKey(start: number, equals: number): string | undefined {
    // A property's line starts with no space; one space may come before the '='.
    const to = this.text.charCodeAt(equals - 1) === space ? equals - 1 : equals;
    return knownKeyAt(this.text, start, to);
  }

  private acceptContinuation(text: string, lineNumber: number): void {
    if (!this.inSection) this.fail(lineNumber, "Expected a section definition, found continuation");
    if (this.skippingContinuation) return;
    if (!this.hasProperty) {
      this.fail(
        lineNumber,
        "Expected a property definition, found continuation",
        "remove the indentation at the start of the line",
      );
    }
    if (this.inSubSection) {
      this.acceptSubProperty(text, lineNumber);
      return;
    }
    if (text.startsWith("#") || text.startsWith(";")) {
      this.warn(
        lineNumber,
        ConfigWarningCode.IndentedComment,
        `the indented comment is part of the value of "${this.key}" for the AWS SDKs; the AWS CLI ignores it`,
      );
    }
    this.value = `${this.value}\n${text}`;
  }

  private acceptSubProperty(text: string, lineNumber: number): void {
    this.value = `${this.value}\n${text}`;
    const subProperties = (this.subProperties ??= smallRecord<string>());
    const equals = text.indexOf("=");
    if (equals === -1)
      this.fail(lineNumber, "Expected an '=' sign defining a property in sub-property");
    const rawKey = text.slice(0, equals).trim();
    if (rawKey === "") this.fail(lineNumber, "Property did not have a name in sub-property");
    if (!validIdentifier.test(rawKey)) return;
    // Inside sub-sections '#' and ';' are part of the value in every SDK.
    subProperties[this.checkedKey(rawKey, lineNumber)] = text.slice(equals + 1).trim();
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
    // Most values have neither character: two searches cost less than the expression.
    if (!value.includes("#") && !value.includes(";")) return value;
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
