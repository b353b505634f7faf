import { UsageError } from "../errors.js";
import type { CredentialRequest } from "../runtime/credential-request.js";
import type { OptionSpec } from "./command-spec.js";
import {
  durationOption,
  flagOption,
  negatedFlag,
  optionalArg,
  requiredArg,
  textOption,
} from "./options.js";
import { readStdinLine } from "./read-stdin-line.js";

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

/**
 * The profile of a command that offers the profile picker when it is left out (`exec`,
 * `export`, `serve`): optional to the parser; the command asks, or reports it missing.
 */
export const pickableProfileArg = optionalArg(
  "profile",
  "the profile in ~/.aws/config; left out on a terminal (and no AWS_PROFILE): pick it from a list",
);

/** The options every credential command takes (`credential-process`, `export`, `exec`, `serve`). */
export const credentialOptions = {
  region: textOption(
    "--region <region>",
    "region for STS and the credentials (default: env, profile)",
  ),
  duration: durationOption(
    "--duration <duration>",
    "lifetime of the credentials: 3600, 90m, 12h (from 15 min; at most 36 h for a session, 12 h for a role, 1 h for a role chained from temporary credentials)",
  ),
  noSession: negatedFlag(
    "--no-session",
    "skip GetSessionToken (MFA goes to AssumeRole, or keys are used as they are)",
  ),
  mfaToken: mfaTokenOption(),
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
  readonly mfaToken: MfaTokenInput;
  readonly noAgent: boolean;
  readonly backend: string | undefined;
}

/** `--mfa-token`: the code itself, or `-` (read it from stdin). */
export type MfaTokenInput = { readonly code: string } | { readonly fromStdin: true } | undefined;

/**
 * The request a credential command makes of the engine. With `--mfa-token -`, the code is read
 * from one line of stdin now (`readLine`), before anything is asked of AWS.
 *
 * @throws UsageError when that line is missing or is not six digits.
 */
export function credentialRequest(
  profile: string,
  input: CredentialOptionsInput,
  readLine: () => string | undefined = readStdinLine,
): CredentialRequest {
  return {
    profile,
    options: { region: input.region, durationSeconds: input.duration, noSession: input.noSession },
    agent: !input.noAgent,
    backend: input.backend,
    mfaToken: mfaCode(input.mfaToken, readLine),
  };
}

/**
 * `--mfa-token <code>`: checked for form at once. A code in the arguments can be read by every
 * user of the machine (`ps`, /proc) while the command runs: `-` keeps it private.
 */
function mfaTokenOption(): OptionSpec<MfaTokenInput> {
  const text = textOption(
    "--mfa-token <code>",
    "the six-digit MFA code, instead of asking; other users can see it in the process list: `-` reads it from one line of stdin instead, which is private",
  );
  return {
    ...text,
    read: (raw) => {
      const value = text.read(raw);
      if (value === undefined) return undefined;
      if (value === "-") return { fromStdin: true };
      if (!sixDigits.test(value)) {
        throw new UsageError(`--mfa-token must be six digits, found ${describeCode(value)}`, {
          hint: "Give the code the MFA device shows now, e.g. --mfa-token 123456, or --mfa-token - to read it from stdin",
        });
      }
      return { code: value };
    },
  };
}

const sixDigits = /^\d{6}$/;

function mfaCode(token: MfaTokenInput, readLine: () => string | undefined): string | undefined {
  if (token === undefined) return undefined;
  if ("code" in token) return token.code;
  const line = readLine();
  if (line === undefined) {
    throw new UsageError("--mfa-token -: stdin ended before a code was read", {
      hint: "Pipe the code in, e.g. `otp-tool | awsafe exec admin --mfa-token - -- ...`",
    });
  }
  const code = line.trim();
  if (!sixDigits.test(code)) {
    throw new UsageError(
      `--mfa-token -: the line read from stdin must be six digits, found ${describeCode(code)}`,
    );
  }
  return code;
}

/** What a wrong code looks like, without echoing it: it may be a secret typed in the wrong place. */
function describeCode(value: string): string {
  const digits = /^\d+$/.test(value) ? "digits" : "characters";
  return `${value.length} ${digits}`;
}
