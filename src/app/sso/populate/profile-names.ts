import { UsageError } from "../../../errors.js";
import type { SsoAccount } from "../../../ports/aws/sso.js";

/** The name template `sso populate` uses by default. */
export const defaultNameTemplate = "{account_name}.{role_name}";

const placeholders = ["account_id", "account_name", "role_name", "sso_session"] as const;

/** One profile to generate: its account, role and name. */
export interface GeneratedProfile {
  readonly name: string;
  readonly accountId: string;
  readonly accountName: string | undefined;
  readonly roleName: string;
}

/**
 * Checks a `--template`: only the known placeholders, and at least one that tells profiles
 * apart (`{account_id}` or `{account_name}`, and `{role_name}`, unless collisions are fine).
 *
 * @throws UsageError naming the unknown placeholder.
 */
export function checkNameTemplate(template: string): void {
  for (const match of template.matchAll(/\{([^}]*)\}/g)) {
    const name = match[1] ?? "";
    if (!placeholders.some((known) => known === name)) {
      throw new UsageError(`--template has an unknown placeholder {${name}}`, {
        hint: `Use ${placeholders.map((p) => `{${p}}`).join(", ")}`,
      });
    }
  }
}

/**
 * The profile names for every account × role, from `template`, each made safe (see
 * {@link safeProfileName}); names that come out equal get the account id, then the role, added,
 * deterministically (accounts by id, roles by name), so a rerun names every profile the same.
 */
export function nameProfiles(
  accounts: readonly SsoAccount[],
  roles: ReadonlyMap<string, readonly string[]>,
  template: string,
  session: string,
): GeneratedProfile[] {
  const sorted = [...accounts].sort((a, b) => a.accountId.localeCompare(b.accountId));
  const wanted = sorted.flatMap((account) =>
    [...(roles.get(account.accountId) ?? [])].sort().map((roleName) => ({
      accountId: account.accountId,
      accountName: account.accountName,
      roleName,
      name: safeProfileName(render(template, account, roleName, session), account.accountId),
    })),
  );
  const count = (list: readonly { name: string }[]) => {
    const seen = new Map<string, number>();
    for (const item of list) seen.set(item.name, (seen.get(item.name) ?? 0) + 1);
    return seen;
  };
  let counts = count(wanted);
  const withId = wanted.map((p) =>
    (counts.get(p.name) ?? 0) > 1
      ? { ...p, name: safeProfileName(`${p.name}-${p.accountId}`, p.accountId) }
      : p,
  );
  counts = count(withId);
  return withId.map((p) =>
    (counts.get(p.name) ?? 0) > 1
      ? { ...p, name: safeProfileName(`${p.name}-${p.roleName}`, p.accountId) }
      : p,
  );
}

/**
 * A name made of `[A-Za-z0-9._-]` only: every other character (spaces, `[`, `]`, `#`, `;`,
 * quotes, `$`, `/`, non-ASCII…) becomes `-`, runs of `-` become one (and none stays beside a
 * `.`), and `-`/`.` are trimmed at the ends. Such a name needs no quoting in a section header of the shared config (the SDKs'
 * common grammar), nor in `credential_process`, which botocore splits with `shlex` and the SDK
 * for JavaScript runs through `/bin/sh` — an account name set by an administrator must never
 * become shell syntax there. Empty after that: the account id.
 */
export function safeProfileName(text: string, fallback: string): string {
  const safe = text
    .replace(/[^A-Za-z0-9._-]+/g, "-")
    .replace(/-{2,}/g, "-")
    .replace(/-*\.-*/g, ".")
    .replace(/^[-.]+|[-.]+$/g, "");
  return safe === "" ? fallback : safe;
}

function render(template: string, account: SsoAccount, roleName: string, session: string): string {
  return template.replace(/\{([a-z_]+)\}/g, (_match, name: string) => {
    switch (name) {
      case "account_id":
        return account.accountId;
      case "account_name":
        return account.accountName ?? account.accountId;
      case "role_name":
        return roleName;
      case "sso_session":
        return session;
      default:
        return "";
    }
  });
}
