import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import type { CommandInput } from "../cli/command-table.js";
import { providerOptions } from "../cli/credential-input.js";
import type { CliIo } from "../cli/io.js";

/**
 * The credentials of `profile` for `credential-process`, `export` and `exec`: from the per-user
 * agent (started on demand; sessions in its memory) unless `--no-agent` or `AWSAFE_AGENT=off`
 * say otherwise or no agent can run here; then in this process, caching sessions encrypted in
 * the store. Each path is imported only when taken, so the agent's hot path loads neither the
 * config parser nor the store.
 */
export async function obtainCredentials(
  io: CliIo,
  input: CommandInput,
  profile: string,
): Promise<ResolvedCredentials> {
  const options = providerOptions(input);
  if (agentWanted(io, input)) {
    const { viaAgent } = await import("./ask-agent.js");
    const resolved = await viaAgent(io, input, profile, options);
    if (resolved !== undefined) return resolved;
  }
  const [{ credentialDeps }, { resolveCredentials }] = await Promise.all([
    import("./credential-engine.js"),
    import("../app/credentials/resolve-credentials.js"),
  ]);
  return resolveCredentials(io, await credentialDeps(io, input), profile, options);
}

function agentWanted(io: CliIo, input: CommandInput): boolean {
  // Commander turns `--no-agent` into `agent: false`. Windows has no Unix socket to use yet.
  return (
    input.options.agent !== false &&
    io.env.AWSAFE_AGENT !== "off" &&
    io.platform.platform !== "win32"
  );
}
