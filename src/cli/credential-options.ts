import { Option } from "commander";

/** The options every credential command takes (`credential-process`, `export`, `exec`). */
export function credentialOptions(): Option[] {
  return [
    new Option("--region <region>", "region for STS and the credentials (default: env, profile)"),
    new Option("--duration <duration>", "lifetime of the credentials: 3600, 90m, 12h"),
    new Option(
      "--no-session",
      "skip GetSessionToken (MFA goes to AssumeRole, or keys are used as they are)",
    ),
    new Option("--mfa-token <code>", "the MFA code, instead of asking"),
    new Option(
      "--no-agent",
      "work in this process, caching sessions encrypted in the secret store, instead of the agent",
    ),
    new Option("--backend <name>", "secret store: keychain, file or pass"),
  ];
}
