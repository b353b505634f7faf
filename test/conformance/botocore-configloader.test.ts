import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigWarningCode as W, type ConfigWarningCode } from "../../src/config/config-warning.js";
import { parseSharedConfig, type SharedConfig } from "../../src/config/parse-shared-config.js";
import { decodeConfigText } from "../../src/config/read-shared-config.js";
import { conformanceRoot, readConformanceJson } from "../support/conformance.js";

interface BotocoreOutcome {
  result?: { profiles: Record<string, unknown>; sso_sessions: Record<string, unknown> };
  error?: string;
}

const cases = readConformanceJson("botocore/botocore-cases.json") as {
  configloader_probes: Record<string, { input: string; load_config: BotocoreOutcome }>;
  configloader_fixtures: Record<string, { load_config: BotocoreOutcome }>;
};

// What awsafe reports for each probe: the warnings it raises, or "error" where the SDK grammar
// itself rejects the file (the error's hint then names the construct).
const expected: Record<string, readonly ConfigWarningCode[] | "error"> = {
  inline_hash_comment: [W.InlineComment],
  inline_semicolon_comment: [W.InlineComment],
  colon_delimiter: "error",
  duplicate_section_same_file: [W.DuplicateSection],
  duplicate_key_same_section: [W.DuplicateKey],
  profile_default_then_default: [W.DefaultTwice],
  default_then_profile_default: [W.DefaultTwice],
  key_case_folded: [W.UpperCaseKey, W.UpperCaseKey],
  section_prefix_case_sensitive: [W.IgnoredSection, W.IgnoredSection],
  quoted_profile_name: [W.CliOnlyProfileName],
  unquoted_space_in_name: [W.IgnoredSection],
  no_space_after_profile: [W.IgnoredSection],
  tab_after_profile: [],
  extra_spaces_in_header: [],
  nested_subsection: [],
  continuation_line: [],
  DEFAULT_section_is_inherited_by_all: [W.UpperDefaultSection],
  sso_session_services_plugins: [],
  key_without_equals: "error",
  empty_value: [],
  indented_first_key: "error",
  property_before_any_section: "error",
  utf8_bom: [W.ByteOrderMark],
  crlf_line_endings: [],
  indented_comment_line: [W.IndentedComment],
  equals_in_value: [],
  unprefixed_section_in_config: [W.IgnoredSection],
};

function attempt(parse: () => SharedConfig): SharedConfig | Error {
  try {
    return parse();
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

/** A file botocore reads differently from the SDKs must never pass silently. */
function expectDifferenceReported(ours: SharedConfig | Error, botocore: BotocoreOutcome): void {
  if (ours instanceof Error) return;
  const sameProfiles =
    botocore.result !== undefined &&
    JSON.stringify(sortKeys(Object.fromEntries(ours.data.profiles))) ===
      JSON.stringify(sortKeys(botocore.result.profiles));
  if (!sameProfiles) expect(ours.warnings.length).toBeGreaterThan(0);
}

describe("botocore configloader-probes", () => {
  it.each(Object.entries(cases.configloader_probes))("%s", (name, probe) => {
    const ours = attempt(() =>
      parseSharedConfig({ config: { path: "config", text: probe.input } }),
    );
    const want = expected[name];
    expect(want, `no expectation written for probe ${name}`).toBeDefined();
    if (want === "error") {
      expect(ours).toBeInstanceOf(Error);
    } else {
      expect(ours).not.toBeInstanceOf(Error);
      if (!(ours instanceof Error)) expect(ours.warnings.map((w) => w.code)).toEqual(want);
    }
    expectDifferenceReported(ours, probe.load_config);
  });
});

describe("botocore configloader-fixtures", () => {
  it.each(Object.entries(cases.configloader_fixtures))("%s", (name, fixture) => {
    const path = resolve(conformanceRoot, "botocore/tests/unit/cfg", name);
    const bytes = readFileSync(path);
    const ours = attempt(() =>
      parseSharedConfig({ config: { path: name, text: decodeConfigText(bytes, name) } }),
    );
    expectDifferenceReported(ours, fixture.load_config);
  });
});

function sortKeys(value: unknown): unknown {
  if (typeof value !== "object" || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, sortKeys(v)]),
  );
}
