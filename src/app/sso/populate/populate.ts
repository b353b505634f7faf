import { writePrivateFile } from "../../../config/edit/write-private-file.js";
import { readSharedFile } from "../../../config/read-shared-config.js";
import { ConfigError } from "../../../errors.js";
import type { SsoPort } from "../../../ports/aws/sso.js";
import type { SsoTarget } from "../../../plan/sso-target.js";
import type { AppContext } from "../../app-context.js";
import { loadSharedConfig } from "../../load-shared-config.js";
import { ssoAccessToken, type TokenSourceDeps } from "../token-source.js";
import {
  type Assignments,
  type ListingHooks,
  type ListingLimits,
  type ListingProgress,
  listAssignments,
} from "./list-assignments.js";
import { planPopulate, type PopulatePlan } from "./plan-populate.js";
import { nameProfiles } from "./profile-names.js";

/** Where a listing that stopped part-way is kept until a rerun finishes it. */
export interface ProgressCache {
  load(): Promise<ListingProgress | undefined>;
  save(progress: ListingProgress): Promise<void>;
  clear(): Promise<void>;
}

/** What `sso populate` works with. */
export interface PopulateDeps extends Omit<TokenSourceDeps, "signIn"> {
  readonly sso: SsoPort;
  readonly cache: ProgressCache;
  readonly progress?: ((done: number, total: number) => void) | undefined;
  readonly limits?: ListingLimits | undefined;
}

/** What `sso populate` is asked. */
export interface PopulateRequest {
  readonly target: SsoTarget & { readonly session: string };
  readonly template: string;
  readonly region: string | undefined;
  readonly prune: boolean;
  readonly dryRun: boolean;
  readonly processLine: (profile: string) => string;
}

/** What it did: the plan, and whether the file was written. */
export interface PopulateResult {
  readonly plan: PopulatePlan;
  readonly file: string;
  readonly written: boolean;
  readonly accounts: number;
  readonly resumed: boolean;
}

/**
 * `awsafe sso populate`: lists every account and role of the signed-in user (see
 * list-assignments.ts: one rate limit, bounded concurrency, retries per call; a listing that
 * fails part-way is kept in `deps.cache` so a rerun resumes), then plans the profiles
 * (plan-populate.ts) and writes the config file once, atomically (0600), only when the listing is
 * complete and something changed. `--dry-run` plans and writes nothing.
 */
export async function ssoPopulate(
  context: AppContext,
  deps: PopulateDeps,
  request: PopulateRequest,
): Promise<PopulateResult> {
  const shared = await loadSharedConfig(context);
  const token = await ssoAccessToken(request.target, { ...deps, signIn: undefined });
  const resume = await deps.cache.load();
  const hooks: ListingHooks = {
    ...(deps.progress === undefined ? {} : { progress: deps.progress }),
    save: (progress) => deps.cache.save(progress),
  };
  const assignments: Assignments = await listAssignments(
    deps.sso,
    token,
    { region: request.target.region, startUrl: request.target.startUrl },
    { resume, hooks, ...(deps.limits === undefined ? {} : { limits: deps.limits }) },
  );
  const file = shared.paths.configFile;
  const before = (await readSharedFile(file))?.text ?? "";
  if (before.startsWith("\uFEFF")) {
    throw new ConfigError(`${file} starts with a UTF-8 byte-order mark`, {
      hint: "Re-save the file as UTF-8 without a BOM; the AWS CLI cannot read it as it is",
    });
  }
  const plan = planPopulate(before, {
    session: request.target.session,
    profiles: nameProfiles(
      assignments.accounts,
      assignments.roles,
      request.template,
      request.target.session,
    ),
    processLine: request.processLine,
    region: request.region,
    prune: request.prune,
  });
  const written = !request.dryRun && plan.changes.length > 0;
  if (written) await writePrivateFile(file, plan.text, context.checkpoint);
  if (!request.dryRun) await deps.cache.clear();
  return {
    plan,
    file,
    written,
    accounts: assignments.accounts.length,
    resumed: resume !== undefined,
  };
}
