import { findSsoTarget } from "../../../app/sso/find-sso-target.js";
import { listAssignments } from "../../../app/sso/populate/list-assignments.js";
import { safeProfileName } from "../../../app/sso/populate/profile-names.js";
import { ssoAccessToken } from "../../../app/sso/token-source.js";
import { loadSharedConfig } from "../../../app/load-shared-config.js";
import type { Questions } from "../../../ports/questions.js";
import { ssoCommandDeps } from "../../../runtime/sso-runtime.js";
import type { CliIo } from "../../io.js";
import { runSsoLogin } from "./run-sso.js";

/** The account and role a profile is for, and its name, as the person chose them. */
export interface ChosenSsoProfile {
  readonly name: string;
  readonly accountId: string;
  readonly roleName: string;
}

/**
 * Offers to sign in to the sso-session just written, then lists the accounts and roles the
 * portal gives and asks for one of each and the profile's name (as `aws configure sso` does).
 * `undefined`: the person said no, or the portal offers nothing.
 */
export async function askSsoProfile(
  io: CliIo,
  questions: Questions,
  session: string,
  backend: string | undefined,
): Promise<ChosenSsoProfile | undefined> {
  const signIn = await questions.confirm(
    "Sign in now and choose an account and a role for a profile?",
    true,
  );
  if (!signIn) return undefined;
  await runSsoLogin(
    {
      ssoSession: session,
      profile: undefined,
      useDeviceCode: false,
      noBrowser: false,
      qr: false,
      force: false,
      exportAwsCliCache: false,
      backend,
    },
    io,
  );
  const target = findSsoTarget((await loadSharedConfig(io)).data, { ssoSession: session });
  const deps = await ssoCommandDeps(io, backend, true);
  try {
    const token = await ssoAccessToken(target, { ...deps, signIn: undefined });
    const { accounts, roles } = await listAssignments(deps.sso, token, {
      region: target.region,
      startUrl: target.startUrl,
    });
    const reachable = [...accounts]
      .filter((account) => (roles.get(account.accountId)?.length ?? 0) > 0)
      .sort((a, b) => a.accountId.localeCompare(b.accountId));
    if (reachable.length === 0) {
      await questions.say(`${target.startUrl} gives this user no account and role to use`);
      return undefined;
    }
    const accountId = await questions.select(
      "The account",
      reachable.map((account) => ({
        value: account.accountId,
        label: account.accountId,
        ...(account.accountName === undefined ? {} : { hint: account.accountName }),
      })),
    );
    const roleName = await questions.select(
      "The role",
      [...(roles.get(accountId) ?? [])].sort().map((role) => ({ value: role, label: role })),
    );
    const accountName = reachable.find((account) => account.accountId === accountId)?.accountName;
    const name = await questions.text("A name for the profile (aws --profile NAME)", {
      initial: safeProfileName(`${accountName ?? accountId}.${roleName}`, accountId),
      check: nameProblem,
    });
    return { name, accountId, roleName };
  } finally {
    deps.sso.close?.();
  }
}

/** What is wrong with the name of a profile or an sso-session, or `undefined`. */
export function nameProblem(name: string): string | undefined {
  return /^[A-Za-z0-9._-]+$/.test(name)
    ? undefined
    : "use letters, digits, '.', '_' and '-' only (the name goes into a section header and a shell word)";
}
