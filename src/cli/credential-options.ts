import type { CredentialRequest } from "../runtime/credential-request.js";
import type { OptionSpec } from "./command-spec.js";
import { durationOption, flagOption, negatedFlag, requiredArg, textOption } from "./options.js";

/** `--backend`: which secret store (checked where the backend is chosen, with its hint). */
export function backendOption(): OptionSpec<string | undefined> {
  return {
    ...textOption(
      "--backend <name>",
      "secret store: keychain, file or pass (default: AWSAFE_BACKEND, awsafe's config, the OS keychain)",
    ),
    choices: ["keychain", "file", "pass"],
  };
}

/** `--json`. */
export function jsonOption(what = "print JSON"): OptionSpec<boolean> {
  return flagOption("--json", what);
}

/** The profile a credential command works for. */
export const profileArg = requiredArg("profile", "the profile in ~/.aws/config");

/** The options every credential command takes (`credential-process`, `export`, `exec`, `serve`). */
export const credentialOptions = {
  region: textOption(
    "--region <region>",
    "region for STS and the credentials (default: env, profile)",
  ),
  duration: durationOption("--duration <duration>", "lifetime of the credentials: 3600, 90m, 12h"),
  noSession: negatedFlag(
    "--no-session",
    "skip GetSessionToken (MFA goes to AssumeRole, or keys are used as they are)",
  ),
  mfaToken: textOption("--mfa-token <code>", "the MFA code, instead of asking"),
  noAgent: negatedFlag(
    "--no-agent",
    "work in this process, caching sessions encrypted in the secret store, instead of the agent",
  ),
  backend: backendOption(),
} as const;

/** What the credential options say, typed. */
export interface CredentialOptionsInput {
  readonly region: string | undefined;
  readonly duration: number | undefined;
  readonly noSession: boolean;
  readonly mfaToken: string | undefined;
  readonly noAgent: boolean;
  readonly backend: string | undefined;
}

/** The request a credential command makes of the engine. */
export function credentialRequest(
  profile: string,
  input: CredentialOptionsInput,
): CredentialRequest {
  return {
    profile,
    options: { region: input.region, durationSeconds: input.duration, noSession: input.noSession },
    agent: !input.noAgent,
    backend: input.backend,
    mfaToken: input.mfaToken,
  };
}
