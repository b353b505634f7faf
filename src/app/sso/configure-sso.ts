import { assertSafeProfileInput } from "../../config/edit/assert-safe-profile-input.js";
import { setProfileProperties } from "../../config/edit/set-profile-properties.js";
import { updateIniSection } from "../../config/edit/update-ini-section.js";
import { writePrivateFile } from "../../config/edit/write-private-file.js";
import { locateSharedConfig } from "../../config/locate-shared-config.js";
import { readSharedFile } from "../../config/read-shared-config.js";
import { UsageError } from "../../errors.js";
import type { AppContext } from "../app-context.js";
import { loadSharedConfig } from "../load-shared-config.js";

/** What `sso configure` writes. */
export interface SsoConfigureRequest {
  readonly session: string;
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: string;
  /** A profile of one account and role, routed through awsafe's `credential_process`. */
  readonly profile?: {
    readonly name: string;
    readonly accountId: string;
    readonly roleName: string;
    readonly region: string | undefined;
    readonly processLine: string;
  };
}

/**
 * Writes `[sso-session NAME]` (`sso_start_url`, `sso_region`, `sso_registration_scopes`), as
 * `aws configure sso` does, keeping every other line; and, when asked, a profile for one
 * account and role. The profile holds awsafe's `credential_process` and the SSO settings as
 * `awsafe_sso_*`, so the AWS CLI and the SDKs get its credentials through awsafe, and no tool
 * needs the AWS CLI's plain-text token cache.
 */
export async function configureSso(
  context: AppContext,
  request: SsoConfigureRequest,
): Promise<readonly string[]> {
  const urlProblem = startUrlProblem(request.startUrl);
  if (urlProblem !== undefined) {
    throw new UsageError(`--start-url ${urlProblem}`, {
      hint: "Give the AWS access portal URL, e.g. https://d-1234567890.awsapps.com/start (or your own domain)",
    });
  }
  const badRegion = regionProblem(request.region);
  if (badRegion !== undefined) {
    throw new UsageError(`--region ${badRegion}`, {
      hint: "Give the region of the IAM Identity Center instance, e.g. us-east-1",
    });
  }
  const values = {
    sso_start_url: request.startUrl,
    sso_region: request.region,
    sso_registration_scopes: request.scopes,
  };
  assertSafeProfileInput(request.session, values);
  await loadSharedConfig(context);
  const paths = locateSharedConfig(context.env, context.platform);
  const before = (await readSharedFile(paths.configFile))?.text ?? "";
  const after = updateIniSection(before, `sso-session ${request.session}`, values);
  const changed: string[] = [];
  if (after !== before) {
    await writePrivateFile(paths.configFile, after, context.checkpoint);
    changed.push(paths.configFile);
  }
  const profile = request.profile;
  if (profile !== undefined) {
    const result = await setProfileProperties(
      paths,
      profile.name,
      {
        credential_process: profile.processLine,
        awsafe_sso_session: request.session,
        awsafe_sso_account_id: profile.accountId,
        awsafe_sso_role_name: profile.roleName,
        ...(profile.region === undefined ? {} : { region: profile.region }),
      },
      ["sso_session", "sso_account_id", "sso_role_name", "sso_start_url", "sso_region"],
    );
    for (const file of result.changedFiles) if (!changed.includes(file)) changed.push(file);
  }
  return changed;
}

/** What is wrong with an AWS access portal URL (`sso_start_url`), or `undefined`. */
export function startUrlProblem(url: string): string | undefined {
  return /^https:\/\/\S+$/.test(url) || /^http:\/\/127\.0\.0\.1[:/]/.test(url)
    ? undefined
    : `${url} is not an https URL`;
}

/** What is wrong with an AWS region name, or `undefined`. */
export function regionProblem(region: string): string | undefined {
  return /^[a-z]{2}(-[a-z]+)+-\d+$/.test(region)
    ? undefined
    : `${region} is not an AWS region name`;
}
