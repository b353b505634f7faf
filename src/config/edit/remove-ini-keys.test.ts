import { describe, expect, it } from "vitest";
import { removeIniKeys } from "./remove-ini-keys.js";

const CREDENTIAL_KEYS = ["aws_access_key_id", "aws_secret_access_key"];

describe("removeIniKeys", () => {
  const table: readonly [name: string, section: string, before: string, after: string][] = [
    [
      "removes only the named keys, keeping comments and blank lines",
      "default",
      "# mine\n[default]\naws_access_key_id = AKIAEXAMPLEFAKE\n\n# keep\naws_secret_access_key = FAKE\nregion = eu-west-1\n",
      "# mine\n[default]\n\n# keep\nregion = eu-west-1\n",
    ],
    [
      "leaves other sections alone",
      "profile dev",
      "[dev]\naws_access_key_id = AKIAEXAMPLEFAKE\n[profile dev]\naws_access_key_id = AKIAEXAMPLEFAKE2\nregion = x\n",
      "[dev]\naws_access_key_id = AKIAEXAMPLEFAKE\n[profile dev]\nregion = x\n",
    ],
    [
      "removes continuation lines with their key, not comments between them",
      "default",
      "[default]\naws_secret_access_key = FAKE\n# note\n  FAKE-CONTINUED\nregion = x\n",
      "[default]\n# note\nregion = x\n",
    ],
    [
      "matches keys case-insensitively",
      "default",
      "[default]\nAWS_Access_Key_Id = AKIAEXAMPLEFAKE\nregion = x\n",
      "[default]\nregion = x\n",
    ],
    [
      "removes from every duplicate section",
      "default",
      "[default]\naws_access_key_id = A\n[x]\na = 1\n[default]\naws_access_key_id = B\n",
      "[default]\n[x]\na = 1\n[default]\n",
    ],
    [
      "matches the quoted header spelling",
      "profile my dev",
      '[profile "my dev"]\naws_access_key_id = A\nregion = x\n',
      '[profile "my dev"]\nregion = x\n',
    ],
    [
      "keeps CRLF endings and a missing final newline",
      "default",
      "[default]\r\naws_access_key_id = A\r\nregion = x",
      "[default]\r\nregion = x",
    ],
    [
      "keeps sub-property lines named like the key",
      "default",
      "[default]\ns3 =\n    aws_access_key_id = not-a-credential\n",
      "[default]\ns3 =\n    aws_access_key_id = not-a-credential\n",
    ],
    [
      "keeps commented-out keys",
      "default",
      "[default]\n#aws_access_key_id = A\n",
      "[default]\n#aws_access_key_id = A\n",
    ],
    [
      "does nothing when the section is missing",
      "profile x",
      "[default]\naws_access_key_id = A\n",
      "[default]\naws_access_key_id = A\n",
    ],
  ];
  for (const [name, section, before, after] of table) {
    it(name, () => {
      expect(removeIniKeys(before, section, CREDENTIAL_KEYS)).toBe(after);
    });
  }
});
