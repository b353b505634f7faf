import type { ConfigData } from "../config/config-data.js";
import type { DebugLog } from "../ports/debug-log.js";
import type { Environment } from "../ports/environment.js";
import type { StsPort } from "../ports/aws/sts.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import type { CommandRunner } from "../ports/command-runner.js";
import type { NamedLock } from "../ports/lock.js";
import type { MfaCodeSource } from "../ports/mfa-code-source.js";
import type { SecretStore } from "../ports/secret-store.js";
import type { SsoProviderDeps } from "./from-sso.js";

/** Produces credentials when called; each call may call AWS or read the cache again. */
export type CredentialProvider = () => Promise<AwsCredentials>;

/** Everything the providers touch, passed in: the domain reads no env and prompts nobody. */
export interface ProviderDeps extends SsoProviderDeps {
  /** Long-term keys and, when {@link ProviderDeps.lock} is given, cached sessions. */
  readonly store: SecretStore;
  readonly sts: StsPort;
  /** The shared files, for plain-text keys (the plan names them but holds no secret). */
  readonly config: ConfigData;
  /** For `credential_source = Environment`. */
  readonly env: Environment;
  readonly mfa: MfaCodeSource;
  /** Runs `credential_process`. */
  readonly processRunner: CommandRunner;
  /** Reads a web identity token file. */
  readonly readTextFile: (path: string) => Promise<string>;
  readonly now: () => Date;
  /** When given, sessions are cached in the store under this lock; absent: nothing is cached. */
  readonly lock?: NamedLock;
  /** `--debug`: cache hits and misses, and why. */
  readonly debug?: DebugLog;
}

/** What the command line asks beyond the profile. */
export interface ProviderOptions {
  /** `--duration`: the lifetime of the credentials handed out (capped where AWS caps it). */
  readonly durationSeconds?: number | undefined;
  /** `--no-session`: no GetSessionToken step. */
  readonly noSession?: boolean | undefined;
  /**
   * Only the long-term keys' GetSessionToken session, with the MFA device the plan gives it, not
   * the roles assumed from it: what `rotate` calls IAM with, through the same cache as the
   * roles (so a session already made for them is reused).
   */
  readonly sessionOnly?: boolean | undefined;
  /** The region to call STS in. */
  readonly region?: string | undefined;
}
