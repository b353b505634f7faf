import path from "node:path";
import type { AppContext } from "../../app-context.js";
import { type Finding, finding } from "../finding.js";
import { homeOf, jsonFilesIn, readIfPresent } from "./files.js";

/** A plain-text cache other AWS tools keep, and what a file in it holds. */
const caches = [
  { dir: [".aws", "cli", "cache"], what: "the AWS CLI's cached role credentials" },
  { dir: [".aws", "sso", "cache"], what: "IAM Identity Center tokens of the AWS CLI and SDKs" },
  { dir: [".aws", "login", "cache"], what: "the AWS CLI's console sign-in tokens" },
  { dir: [".awsume", "cache"], what: "AWSume's cached sessions" },
] as const;

/**
 * Credentials and tokens other tools left in plain text. A refresh token (SSO, sign-in) lives
 * for weeks: a failure; temporary credentials and access tokens expire: a warning. Either way
 * `doctor --fix` offers to delete them (the tools ask again when they need them).
 */
export async function cacheFindings(context: AppContext): Promise<Finding[]> {
  const home = homeOf(context);
  const found: Finding[] = [];
  for (const cache of caches) {
    const dir = path.join(home, ...cache.dir);
    const secrets: string[] = [];
    let refresh = false;
    for (const file of await jsonFilesIn(dir)) {
      const text = (await readIfPresent(file)) ?? "";
      if (/"refreshToken"\s*:/.test(text)) refresh = true;
      if (/"(SecretAccessKey|accessToken|refreshToken|SessionToken)"\s*:/.test(text))
        secrets.push(file);
    }
    if (secrets.length === 0) continue;
    found.push(
      finding(
        "plaintext-cache",
        refresh ? "fail" : "warn",
        `${String(secrets.length)} file(s) with ${cache.what}${refresh ? " (a refresh token, valid for weeks)" : ""} in plain text in ${dir}`,
        `delete them (awsafe doctor --fix does, after asking); the tools sign in again when needed`,
        { kind: "delete", paths: secrets },
      ),
    );
  }
  if (found.length === 0)
    found.push(
      finding("plaintext-cache", "ok", "no plain-text credential caches of other AWS tools"),
    );
  return found;
}
