import { findSsoTarget } from "../../../app/sso/find-sso-target.js";
import { listAssignments } from "../../../app/sso/populate/list-assignments.js";
import { ssoLogin } from "../../../app/sso/sso-login.js";
import { ssoLogout, storedSignIns } from "../../../app/sso/sso-logout.js";
import { readStoredClient, readStoredSignIn } from "../../../app/sso/stored-sso.js";
import { ssoAccessToken } from "../../../app/sso/token-source.js";
import { loadSharedConfig } from "../../../app/load-shared-config.js";
import { ExitCode, InterruptedError, UsageError } from "../../../errors.js";
import type { SsoTarget } from "../../../plan/sso-target.js";
import { forgetInAgent } from "../../../runtime/forget-in-agent.js";
import { clientSsoSignIn } from "../../../runtime/sso-sign-in.js";
import { ssoCommandDeps, writeAwsCliTokenCache } from "../../../runtime/sso-runtime.js";
import type { CommandRun } from "../../command-spec.js";
import { formatTable } from "../../format/format-table.js";
import type { SsoListInput, SsoLoginInput, SsoLogoutInput } from "./sso-command.js";

/** `awsafe sso login [--profile P | --sso-session S] [--use-device-code] [--no-browser] ...`. */
export const runSsoLogin: CommandRun<SsoLoginInput> = async (input, io) => {
  const shared = await loadSharedConfig(io);
  const target = findSsoTarget(shared.data, input);
  const deps = await ssoCommandDeps(io, input.backend);
  const result = await withCtrlC((signal) =>
    ssoLogin(
      target,
      {
        store: deps.store,
        now: io.now,
        signIn: clientSsoSignIn(io, {
          mode: "command",
          useDeviceCode: input.useDeviceCode,
          noBrowser: input.noBrowser,
          qr: input.qr,
          signal,
          show: (line) => io.stderr.write(`${line}\n`),
        }),
      },
      input.force,
    ),
  );
  const until = result.expiresAt.toISOString();
  io.stderr.write(
    result.outcome === "still-signed-in"
      ? `Still signed in to ${target.startUrl} until ${until} (--force signs in again)\n`
      : `Signed in to ${target.startUrl}; the token is in ${deps.store.location}, valid until ${until}${result.refreshable ? ", renewed by itself after that" : ""}\n`,
  );
  if (input.exportAwsCliCache) {
    const stored = await readStoredSignIn(deps.store, target);
    const client = await readStoredClient(deps.store, target);
    if (stored !== undefined && client !== undefined) {
      const file = await writeAwsCliTokenCache(io, target, stored.tokens, client);
      io.stderr.write(`Wrote the AWS CLI's token cache ${file} (plain text, 0600)\n`);
    }
  }
  return ExitCode.Ok;
};

/** `awsafe sso logout [--sso-session S | --profile P | --all]`. */
export const runSsoLogout: CommandRun<SsoLogoutInput> = async (input, io) => {
  const deps = await ssoCommandDeps(io, input.backend);
  let targets: SsoTarget[];
  if (input.all) {
    if (input.profile !== undefined || input.ssoSession !== undefined) {
      throw new UsageError("Give --all alone, or name one sign-in with --sso-session or --profile");
    }
    targets = await storedTargets(deps.store, await storedSignIns(deps.store));
  } else {
    targets = [findSsoTarget((await loadSharedConfig(io)).data, input)];
  }
  if (targets.length === 0) io.stderr.write(`No sign-in is stored in ${deps.store.location}\n`);
  for (const target of targets) {
    const result = await ssoLogout(target, deps);
    const agentSessions = await forgetInAgent(io, target.key, target.key);
    if (result.portalFailure !== undefined) {
      io.stderr.write(`warning: the portal's Logout failed: ${result.portalFailure}\n`);
    }
    const sessions = result.sessions + (agentSessions ?? 0);
    io.stderr.write(
      result.hadToken
        ? `Signed out of ${target.startUrl}: deleted its token and ${String(sessions)} cached role session(s); role credentials already handed out stay valid until they expire\n`
        : `Not signed in to ${target.startUrl}; deleted ${String(sessions)} cached role session(s)\n`,
    );
  }
  return ExitCode.Ok;
};

/** `awsafe sso list [--sso-session S | --profile P] [--json]`. */
export const runSsoList: CommandRun<SsoListInput> = async (input, io) => {
  const target = findSsoTarget((await loadSharedConfig(io)).data, input);
  const deps = await ssoCommandDeps(io, input.backend, true);
  try {
    const token = await ssoAccessToken(target, { ...deps, signIn: undefined });
    const { accounts, roles } = await listAssignments(deps.sso, token, {
      region: target.region,
      startUrl: target.startUrl,
    });
    const rows = [...accounts]
      .sort((a, b) => a.accountId.localeCompare(b.accountId))
      .flatMap((account) =>
        [...(roles.get(account.accountId) ?? [])].sort().map((roleName) => ({
          accountId: account.accountId,
          accountName: account.accountName ?? "",
          roleName,
        })),
      );
    if (input.json) {
      io.stdout.write(`${JSON.stringify({ startUrl: target.startUrl, roles: rows }, null, 2)}\n`);
    } else {
      io.stdout.write(
        formatTable(
          ["ACCOUNT", "NAME", "ROLE"],
          rows.map((row) => [row.accountId, row.accountName, row.roleName]),
        ),
      );
    }
    return ExitCode.Ok;
  } finally {
    deps.sso.close?.();
  }
};

async function storedTargets(
  store: Parameters<typeof readStoredSignIn>[0],
  keys: readonly string[],
): Promise<SsoTarget[]> {
  const targets: SsoTarget[] = [];
  for (const key of keys) {
    const item = await store.get({ kind: "sso-token", name: key });
    const legacy = /^https?:\/\//.test(key);
    targets.push({
      key,
      session: legacy ? undefined : key,
      startUrl: item?.startUrl ?? key,
      region: item?.region ?? "us-east-1",
      scopes: [],
      profile: undefined,
    });
  }
  return targets;
}

/** Runs `work` with Ctrl-C turned into an abort: the sign-in stops, closes its listener, exits 130. */
export async function withCtrlC<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const onInterrupt = () => {
    controller.abort(new InterruptedError("Interrupted; nothing was stored"));
  };
  process.once("SIGINT", onInterrupt);
  try {
    return await work(controller.signal);
  } finally {
    process.removeListener("SIGINT", onInterrupt);
  }
}
