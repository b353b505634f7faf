import path from "node:path";
import type { SharedConfigPaths } from "../../../config/locate-shared-config.js";
import type { AppContext } from "../../app-context.js";
import { type Finding, finding } from "../finding.js";
import { homeOf, modeOf } from "./files.js";

/** Where awsafe keeps its settings file and its data (the encrypted store). */
export interface AwsafeFiles {
  readonly configFile: string;
  readonly dataDir: string;
}

interface Wanted {
  readonly file: string;
  readonly mode: number;
  /** Others reading it exposes a secret: a failure, not a warning. */
  readonly secret: boolean;
}

/**
 * Files and directories that should be private: `~/.aws` (0700) and the shared files (0600; the
 * AWS CLI warns about the credentials file beyond 0600 since 2.34), the SSO cache, and awsafe's
 * own config, data directory and store. Group or other access is reported with the `chmod`
 * that fixes it (`doctor --fix` runs it, after asking). Not on Windows, which has no such modes.
 */
export async function modeFindings(
  context: AppContext,
  shared: SharedConfigPaths,
  awsafe: AwsafeFiles,
  sharedHoldsKeys: boolean,
): Promise<Finding[]> {
  if (context.platform.platform === "win32") return [];
  const home = homeOf(context);
  const wanted: Wanted[] = [
    { file: path.join(home, ".aws"), mode: 0o700, secret: false },
    { file: shared.credentialsFile, mode: 0o600, secret: sharedHoldsKeys },
    { file: shared.configFile, mode: 0o600, secret: false },
    { file: path.join(home, ".aws", "sso", "cache"), mode: 0o700, secret: false },
    { file: path.dirname(awsafe.configFile), mode: 0o700, secret: false },
    { file: awsafe.configFile, mode: 0o600, secret: false },
    { file: awsafe.dataDir, mode: 0o700, secret: false },
    { file: path.join(awsafe.dataDir, "store.age"), mode: 0o600, secret: false },
  ];
  const found: Finding[] = [];
  for (const { file, mode, secret } of wanted) {
    const actual = await modeOf(file);
    if (actual === undefined || (actual.mode & 0o077) === 0) continue;
    const octal = mode.toString(8);
    found.push(
      finding(
        "file-modes",
        secret ? "fail" : "warn",
        `${file} is mode ${actual.mode.toString(8)}: other users can ${actual.directory ? "list" : "read"} it`,
        `chmod ${octal} ${file}`,
        { kind: "chmod", path: file, mode },
      ),
    );
  }
  if (found.length === 0)
    found.push(finding("file-modes", "ok", "~/.aws and awsafe's files are private to you"));
  return found;
}
