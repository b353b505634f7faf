import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import { loadSharedConfig } from "../app/load-shared-config.js";
import { AppError } from "../errors.js";
import { planCredentials } from "../plan/plan-credentials.js";
import type { RuntimeContext } from "./context.js";
import { storedKeyProfiles } from "./inspect-store.js";
import { obtainCredentials } from "./obtain-credentials.js";

/**
 * A profile's credentials for IAM calls. IAM refuses a GetSessionToken session made without MFA
 * (STS docs), so a profile whose plan would end in such a session (bare keys, no `mfa_serial`)
 * uses its keys as they are; every other profile gets its usual credentials (an MFA session, a
 * role), through the agent as any command does.
 */
export async function credentialsForIam(
  context: RuntimeContext,
  profile: string,
  backend: string | undefined,
): Promise<ResolvedCredentials> {
  return obtainCredentials(context, {
    profile,
    options: {
      region: undefined,
      durationSeconds: undefined,
      noSession: await endsInSessionWithoutMfa(context, profile, backend),
    },
    agent: true,
    backend,
    mfaToken: undefined,
  });
}

async function endsInSessionWithoutMfa(
  context: RuntimeContext,
  profile: string,
  backend: string | undefined,
): Promise<boolean> {
  try {
    const shared = await loadSharedConfig(context);
    const stored = (await storedKeyProfiles(context, backend)) ?? new Set<string>();
    const last = planCredentials(shared.data, profile, { storedKeyProfiles: stored }).steps.at(-1);
    return last?.kind === "sessionToken" && last.mfaSerial === undefined;
  } catch (error) {
    // The plan's errors surface again, with their hints, when the credentials are asked for.
    if (error instanceof AppError) return false;
    throw error;
  }
}
