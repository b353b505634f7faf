import { describe, expect, it } from "vitest";
import { locateSharedConfig, selectedProfileName } from "../../src/config/locate-shared-config.js";
import { readConformanceJson } from "../support/conformance.js";

interface LocationCase {
  name: string;
  environment: Record<string, string>;
  languageSpecificHome?: string;
  platform: "linux" | "windows";
  profile?: string;
  configLocation: string;
  credentialsLocation: string;
}

const suites = [
  [
    "smithy-python config-file-location",
    "smithy-python/packages/smithy-aws-core/tests/unit/config/test-data/config-file-location-tests.json",
  ],
  [
    "smithy-rs file-location",
    "smithy-rs/aws/rust-runtime/aws-runtime/test-data/file-location-tests.json",
  ],
] as const;

for (const [suiteName, path] of suites) {
  const { tests } = readConformanceJson(path) as { tests: LocationCase[] };
  describe(suiteName, () => {
    it.each(tests.map((c, i) => [`${i + 1}. ${c.name}`, c] as const))("%s", (_, testCase) => {
      const paths = locateSharedConfig(testCase.environment, {
        platform: testCase.platform === "windows" ? "win32" : "linux",
        homedir: () => testCase.languageSpecificHome ?? "/no-language-home",
      });
      expect(paths).toEqual({
        configFile: testCase.configLocation,
        credentialsFile: testCase.credentialsLocation,
      });
      if (testCase.profile !== undefined) {
        expect(selectedProfileName(testCase.environment)).toBe(testCase.profile);
      }
    });
  });
}
