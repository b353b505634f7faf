import { chmod, unlink } from "node:fs/promises";
import { locateSharedConfig } from "../../config/locate-shared-config.js";
import { AppError } from "../../errors.js";
import type { AppContext } from "../app-context.js";
import { loadSharedConfig, type LoadedSharedConfig } from "../load-shared-config.js";
import { type Finding, finding, type LocalFix } from "./finding.js";
import { cacheFindings } from "./machine/cache-checks.js";
import {
  configWarningFindings,
  credentialProcessFindings,
  roleMfaFindings,
} from "./machine/config-checks.js";
import { type AwsafeFiles, modeFindings } from "./machine/mode-checks.js";
import {
  environmentFindings,
  sharedFileKeyFindings,
  shellFileFindings,
} from "./machine/plaintext-checks.js";
import {
  type AgentHealth,
  agentFinding,
  awsCliFinding,
  clockFinding,
  type StoreHealth,
  storeFinding,
} from "./machine/tool-checks.js";

/** A titled group of findings: this machine, the account, the IAM user behind the keys. */
export interface DoctorSection {
  readonly title: string;
  readonly findings: readonly Finding[];
}

/** What the machine checks need besides the files: the tools and services they ask. */
export interface MachineCheckDeps {
  readonly cwd: string;
  readonly awsafePaths: AwsafeFiles;
  readonly store: StoreHealth;
  readonly storedKeyProfiles: ReadonlySet<string>;
  readonly agent: () => Promise<AgentHealth>;
  readonly awsCliVersion: () => Promise<string | undefined>;
  /** This machine's clock minus STS's (ms), or why STS could not be asked. */
  readonly clockSkew: () => Promise<number | Error>;
}

/**
 * Every machine check (no AWS call but the clock's unsigned request to STS): plain-text keys in
 * the shared files, the environment, shell and env files; other tools' plain-text caches; file
 * modes; the parser's warnings; role profiles without MFA; `credential_process` lines that are
 * not awsafe's; the store, the agent, the AWS CLI and the clock.
 */
export async function checkMachine(
  context: AppContext,
  deps: MachineCheckDeps,
): Promise<Finding[]> {
  const paths = locateSharedConfig(context.env, context.platform);
  let shared: LoadedSharedConfig | undefined;
  const found: Finding[] = [];
  try {
    shared = await loadSharedConfig(context);
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    found.push(
      finding(
        "shared-config",
        "fail",
        `cannot read the shared files: ${error.message}`,
        error.hint,
      ),
    );
  }
  if (shared !== undefined) found.push(...sharedFileKeyFindings(shared));
  found.push(...environmentFindings(context));
  found.push(...(await shellFileFindings(context, deps.cwd)));
  found.push(...(await cacheFindings(context)));
  const holdsKeys = found.some((f) => f.check === "plaintext-keys" && f.status === "fail");
  found.push(...(await modeFindings(context, paths, deps.awsafePaths, holdsKeys)));
  if (shared !== undefined) {
    found.push(...configWarningFindings(shared));
    found.push(...roleMfaFindings(shared, deps.storedKeyProfiles));
    found.push(...credentialProcessFindings(shared));
  }
  found.push(storeFinding(deps.store));
  found.push(agentFinding(await deps.agent()));
  found.push(awsCliFinding(await deps.awsCliVersion()));
  found.push(clockFinding(await deps.clockSkew()));
  return found;
}

/** Applies one local fix; `importKeys` runs `awsafe import` (the CLI supplies it). */
export async function applyLocalFix(fix: LocalFix, importKeys: () => Promise<void>): Promise<void> {
  switch (fix.kind) {
    case "chmod":
      await chmod(fix.path, fix.mode);
      return;
    case "delete":
      for (const file of fix.paths) await unlink(file);
      return;
    case "import":
      await importKeys();
      return;
  }
}

/** 0 when no finding is ✗, 1 otherwise: `doctor` in CI fails on what the practice forbids. */
export function doctorExitCode(sections: readonly DoctorSection[]): number {
  return sections.some((section) => section.findings.some((f) => f.status === "fail")) ? 1 : 0;
}
