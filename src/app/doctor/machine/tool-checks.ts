import { type Finding, finding } from "../finding.js";

/** The secret store as the doctor sees it, without prompting. */
export type StoreHealth =
  | {
      readonly status: "open";
      readonly backend: string;
      readonly location: string;
      readonly keys: number;
    }
  | {
      readonly status: "locked" | "unavailable";
      readonly backend: string;
      readonly message: string;
      readonly hint: string | undefined;
    };

/** The agent: running (with its memory closed to other processes or not), or not. */
export type AgentHealth =
  | { readonly running: true; readonly pid: number; readonly memoryProtected: boolean }
  | { readonly running: false };

export function storeFinding(store: StoreHealth): Finding {
  switch (store.status) {
    case "open":
      return finding(
        "store",
        "ok",
        `secret store: ${store.backend} (${store.location}), ${String(store.keys)} key(s)`,
      );
    case "locked":
      return finding(
        "store",
        "warn",
        `secret store: ${store.backend}: ${store.message}`,
        store.hint,
      );
    case "unavailable":
      return finding(
        "store",
        "fail",
        `secret store: ${store.backend}: ${store.message}`,
        store.hint,
      );
  }
}

export function agentFinding(agent: AgentHealth): Finding {
  if (!agent.running) return finding("agent", "ok", "agent: not running (started on demand)");
  return finding(
    "agent",
    "ok",
    `agent: running (pid ${String(agent.pid)})${agent.memoryProtected ? ", memory closed to other processes" : ""}`,
  );
}

/**
 * The AWS CLI's version (`aws --version` output): `credential_process` needs v2, or v1 from
 * 1.16.0 (botocore 1.12, 2018); not installed is fine.
 */
export function awsCliFinding(versionOutput: string | undefined): Finding {
  if (versionOutput === undefined)
    return finding("aws-cli", "ok", "AWS CLI: not installed (nothing to check)");
  const match = /aws-cli\/(\d+)\.(\d+)\.(\d+)/.exec(versionOutput);
  if (match === null)
    return finding(
      "aws-cli",
      "warn",
      `AWS CLI: cannot tell its version from "${versionOutput.trim().slice(0, 80)}"`,
    );
  const [major, minor] = [Number(match[1]), Number(match[2])];
  const version = `${match[1] ?? ""}.${match[2] ?? ""}.${match[3] ?? ""}`;
  if (major >= 2 || (major === 1 && minor >= 16))
    return finding("aws-cli", "ok", `AWS CLI ${version}: reads credential_process`);
  return finding(
    "aws-cli",
    "fail",
    `AWS CLI ${version} is too old for credential_process`,
    "install AWS CLI v2",
  );
}

/** This machine's clock against STS's `Date` header: SigV4 refuses requests 5 minutes off. */
export function clockFinding(skewMs: number | Error): Finding {
  if (skewMs instanceof Error) {
    return finding("clock", "warn", `clock: could not reach STS to compare (${skewMs.message})`);
  }
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const direction = skewMs > 0 ? "ahead of" : "behind";
  if (seconds >= 300) {
    return finding(
      "clock",
      "fail",
      `clock: ${String(seconds)} s ${direction} STS; AWS refuses signatures 5 minutes off`,
      "timedatectl set-ntp true",
    );
  }
  if (seconds >= 60)
    return finding(
      "clock",
      "warn",
      `clock: ${String(seconds)} s ${direction} STS`,
      "timedatectl set-ntp true",
    );
  return finding("clock", "ok", `clock: within ${String(Math.max(seconds, 1))} s of STS`);
}
