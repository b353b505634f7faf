import { describe, expect, it } from "vitest";
import { parseSharedConfig } from "../../src/config/parse-shared-config.js";
import { parseIniSections } from "../../src/config/parse/parse-ini-sections.js";
import { classifySection } from "../../src/config/parse/classify-section.js";
import { readConformanceJson } from "../support/conformance.js";

interface ParserCase {
  name: string;
  input: { configFile?: string; credentialsFile?: string };
  output: Record<string, unknown>;
}

function casesOf(path: string): ParserCase[] {
  const suite = readConformanceJson(path) as { tests: ParserCase[] };
  return suite.tests;
}

function parse(input: ParserCase["input"]) {
  return parseSharedConfig({
    config: input.configFile === undefined ? undefined : { path: "config", text: input.configFile },
    credentials:
      input.credentialsFile === undefined
        ? undefined
        : { path: "credentials", text: input.credentialsFile },
  });
}

const pyCases = casesOf(
  "smithy-python/packages/smithy-aws-core/tests/unit/config/test-data/config-file-parser-tests.json",
);

describe("smithy-python config-file-parser", () => {
  it.each(pyCases.map((c, i) => [`${i + 1}. ${c.name}`, c] as const))("%s", (_, testCase) => {
    const { output } = testCase;
    if (typeof output.errorContaining === "string") {
      expect(() => parse(testCase.input)).toThrow(output.errorContaining);
      return;
    }
    const { data } = parse(testCase.input);
    if (output.profiles !== undefined) expect(plainMap(data.profiles)).toEqual(output.profiles);
    if (output.ssoSessions !== undefined)
      expect(plainMap(data.ssoSessions)).toEqual(output.ssoSessions);
  });
});

const rsCases = casesOf(
  "smithy-rs/aws/rust-runtime/aws-runtime/test-data/profile-parser-tests.json",
);

describe("smithy-rs profile-parser", () => {
  it.each(rsCases.map((c, i) => [`${i + 1}. ${c.name}`, c] as const))("%s", (_, testCase) => {
    const output = testCase.output as {
      errorContaining?: string;
      config?: { profiles: unknown; sso_sessions?: unknown };
    };
    // The two suites word their errors differently (README of the corpus): compare presence.
    if (output.errorContaining !== undefined) {
      expect(() => parse(testCase.input)).toThrow();
      return;
    }
    expect(rawProfiles(testCase.input)).toEqual(output.config?.profiles);
    if (output.config?.sso_sessions !== undefined) {
      expect(plainMap(parse(testCase.input).data.ssoSessions)).toEqual(output.config.sso_sessions);
    }
  });
});

/**
 * The smithy-rs suite keeps sub-sections as their raw text (`"\nname = value"`), including
 * sub-keys the SDKs reject: take the merged profiles and put back the raw text of sub-sections.
 */
function rawProfiles(input: ParserCase["input"]): unknown {
  const profiles = plainMap(parse(input).data.profiles) as Record<string, Record<string, unknown>>;
  const files = [
    ["config", input.configFile],
    ["credentials", input.credentialsFile],
  ] as const;
  for (const [kind, text] of files) {
    for (const section of parseIniSections(text ?? "", kind).sections) {
      const meaning = classifySection(section.header, kind);
      const profile = meaning.kind === "ignored" ? undefined : profiles[meaning.name];
      for (const property of section.properties) {
        if (property.subProperties !== undefined && profile?.[property.key] !== undefined) {
          profile[property.key] = property.value;
        }
      }
    }
  }
  return profiles;
}

/** Sections by name as the suites write them: one plain object. */
function plainMap(map: ReadonlyMap<string, unknown>): unknown {
  return JSON.parse(JSON.stringify(Object.fromEntries(map))) as unknown;
}
