import { createHash } from "node:crypto";
import { mkdir, readFile, rm } from "node:fs/promises";
import path from "node:path";
import type { ProgressCache } from "../app/sso/populate/populate.js";
import type { ListingProgress } from "../app/sso/populate/list-assignments.js";
import { writeFileAtomically } from "../atomic-write.js";
import { createSsoAdapter } from "../aws/sso-adapter.js";
import { createSsoOidcAdapter } from "../aws/sso-oidc-adapter.js";
import { namedFileLock } from "../lock/named-file-lock.js";
import type { SsoOidcPort, SsoTokens, ClientRegistration } from "../ports/aws/sso-oidc.js";
import type { SsoPort } from "../ports/aws/sso.js";
import type { NamedLock } from "../ports/lock.js";
import type { SecretStore } from "../ports/secret-store.js";
import type { SsoTarget } from "../plan/sso-target.js";
import type { RuntimeContext } from "./context.js";
import type { ConfiguredBackend } from "./configured-backend.js";
import { openCommandStore } from "./open-configured-store.js";

/** What the `sso` commands work with, chosen here for the door. */
export interface SsoCommandDeps {
  readonly store: SecretStore;
  readonly choice: ConfiguredBackend;
  readonly sso: SsoPort;
  readonly oidc: SsoOidcPort;
  readonly lock: NamedLock;
  readonly now: () => Date;
}

/**
 * The store (the passphrase asked on the terminal when needed), the portal and SSO-OIDC in this
 * environment, and the cross-process lock refreshes share with credential requests. With
 * `populate`, the portal keeps one client per region and retries nothing itself: populate paces
 * and retries each call (close it after).
 */
export async function ssoCommandDeps(
  context: RuntimeContext,
  backend: string | undefined,
  populate = false,
): Promise<SsoCommandDeps> {
  const { store, choice } = await openCommandStore(context, backend);
  return {
    store,
    choice,
    sso: createSsoAdapter(
      populate
        ? { env: context.env, debug: context.debug, reuseClients: true, maxAttempts: 1 }
        : { env: context.env, debug: context.debug },
    ),
    oidc: createSsoOidcAdapter({ env: context.env, now: context.now, debug: context.debug }),
    lock: namedFileLock(path.join(choice.paths.dataDir, "locks")),
    now: context.now,
  };
}

/**
 * Where a failed `sso populate` keeps its listing: `<data dir>/sso-populate/<hash>.json`, 0600
 * in a 0700 directory, one file per sign-in; account ids, names and role names, no secret. Used
 * for a rerun within a day, deleted once a run completes.
 */
export function populateProgressCache(
  choice: ConfiguredBackend,
  target: SsoTarget,
  now: () => Date,
): ProgressCache {
  const dir = path.join(choice.paths.dataDir, "sso-populate");
  const file = path.join(
    dir,
    `${createHash("sha256").update(target.key).digest("hex").slice(0, 32)}.json`,
  );
  const maxAgeMs = 24 * 3600 * 1000;
  return {
    async load() {
      let parsed: unknown;
      try {
        parsed = JSON.parse(await readFile(file, "utf8"));
      } catch {
        return undefined;
      }
      return readProgress(parsed, now().getTime() - maxAgeMs);
    },
    async save(progress) {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await writeFileAtomically(
        file,
        JSON.stringify({ savedAt: now().toISOString(), ...progress }),
        { mode: 0o600 },
      );
    },
    async clear() {
      await rm(file, { force: true });
    },
  };
}

function readProgress(value: unknown, notBefore: number): ListingProgress | undefined {
  if (typeof value !== "object" || value === null) return undefined;
  const record: Record<string, unknown> = Object.fromEntries(Object.entries(value));
  const savedAt = typeof record.savedAt === "string" ? Date.parse(record.savedAt) : NaN;
  if (!(savedAt >= notBefore) || !Array.isArray(record.accounts)) return undefined;
  const accounts = record.accounts.flatMap((a: unknown) => {
    if (typeof a !== "object" || a === null) return [];
    const m: Record<string, unknown> = Object.fromEntries(Object.entries(a));
    return typeof m.accountId === "string"
      ? [
          {
            accountId: m.accountId,
            accountName: typeof m.accountName === "string" ? m.accountName : undefined,
            emailAddress: typeof m.emailAddress === "string" ? m.emailAddress : undefined,
          },
        ]
      : [];
  });
  const roles: Record<string, readonly string[]> = Object.create(null) as Record<
    string,
    readonly string[]
  >;
  const rawRoles = record.roles;
  if (typeof rawRoles === "object" && rawRoles !== null) {
    for (const [id, list] of Object.entries(rawRoles)) {
      if (id !== "__proto__" && Array.isArray(list) && list.every((r) => typeof r === "string")) {
        roles[id] = list;
      }
    }
  }
  return { accounts, roles };
}

/**
 * `sso login --export-aws-cli-cache`: the AWS CLI's token file for the sign-in (SPECS §c.2:
 * `~/.aws/sso/cache/<sha1 of the sso-session name, or of the start URL>.json`, 0600), so native
 * `aws sso` profiles work. It is a plain-text bearer token for every account of the user: only
 * written when asked for.
 */
export async function writeAwsCliTokenCache(
  context: RuntimeContext,
  target: SsoTarget,
  tokens: SsoTokens,
  client: ClientRegistration,
): Promise<string> {
  const home = context.env.HOME ?? context.platform.homedir();
  const dir = path.join(home, ".aws", "sso", "cache");
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${createHash("sha1").update(target.key).digest("hex")}.json`);
  const cliTime = (date: Date) => `${date.toISOString().slice(0, 19)}Z`;
  const json = {
    startUrl: target.startUrl,
    region: target.region,
    accessToken: tokens.accessToken,
    expiresAt: cliTime(tokens.expiresAt),
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    registrationExpiresAt: cliTime(client.expiresAt),
    ...(tokens.refreshToken === undefined ? {} : { refreshToken: tokens.refreshToken }),
  };
  await writeFileAtomically(file, JSON.stringify(json), { mode: 0o600 });
  return file;
}
