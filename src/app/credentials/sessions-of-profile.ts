import type { ConfigData } from "../../config/config-data.js";
import { AppError } from "../../errors.js";
import { planCredentials } from "../../plan/plan-credentials.js";
import { sessionStepName } from "../../providers/session-cache-name.js";
import type { AppContext } from "../app-context.js";
import { loadSharedConfig } from "../load-shared-config.js";

/** Whether a cached session (by its name, see `sessionCacheName`) belongs to a profile. */
export type SessionMatcher = (sessionName: string) => boolean;

/**
 * Which cached sessions belong to `profile`, wherever they are cached (the store, the agent):
 *
 * - a profile whose own credentials start its plan (stored or plain-text keys, a
 *   `credential_process`, ...): every session made from them, the roles assumed from them
 *   included, since they stop making sense once its key is gone;
 * - a role profile: the sessions of its role made from its source, with or without the MFA
 *   session between them — not the source's MFA session, which other roles share;
 * - a profile that cannot be planned (gone from the files): every session whose source is a
 *   profile of that name.
 */
export function sessionsOfProfile(
  config: ConfigData,
  profile: string,
  storedKeyProfiles: ReadonlySet<string>,
): SessionMatcher {
  const sourced = (name: string) => (segment: string) =>
    name === segment || name.startsWith(`${segment} > `);
  let plan;
  try {
    plan = planCredentials(config, profile, { storedKeyProfiles });
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (name) => (name.split(" > ", 1)[0] ?? "").endsWith(`:${profile}`);
  }
  const [source] = plan.steps;
  const sourceName = sessionStepName(source);
  const last = plan.steps.at(-1);
  if (source.profile === profile || last === undefined || last.kind !== "assumeRole") {
    return (name) => sourced(name)(sourceName);
  }
  const roleName = sessionStepName(last);
  return (name) => sourced(name)(sourceName) && name.endsWith(` > ${roleName}`);
}

/**
 * {@link sessionsOfProfile} over this context's shared files; when they cannot be read (a
 * malformed file must not stop a removal), the sessions whose source is a profile of that name.
 */
export async function profileSessionMatcher(
  context: AppContext,
  profile: string,
  storedKeyProfiles: ReadonlySet<string>,
): Promise<SessionMatcher> {
  try {
    const shared = await loadSharedConfig(context);
    return sessionsOfProfile(shared.data, profile, storedKeyProfiles);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return (name) => (name.split(" > ", 1)[0] ?? "").endsWith(`:${profile}`);
  }
}
