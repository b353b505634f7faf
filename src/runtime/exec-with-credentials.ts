import {
  execEnvironment,
  refuseNestedExec,
  serverExecEnvironment,
} from "../app/credentials/exec-environment.js";
import { runChild } from "../process/run-child.js";
import type { RuntimeContext } from "./context.js";
import type { CredentialRequest } from "./credential-request.js";
import { obtainCredentials } from "./obtain-credentials.js";
import { serveCredentials } from "./serve-credentials.js";

/** The command `exec` runs, and how it gets its credentials. */
export interface ExecChoice {
  readonly program: string;
  readonly args: readonly string[];
  /** A loopback credential endpoint instead of keys in the environment (`--server`). */
  readonly server: boolean;
  /** A failed refresh of the endpoint (the child owns the terminal; nothing else is said). */
  readonly warn: (line: string) => void;
}

/**
 * `exec`: runs the command with the request's credentials in a clean environment (signals
 * forwarded) and resolves to its exit code, or 128 + signal. With `server`, the command gets no
 * keys but an endpoint that refreshes them, which lives as long as the command.
 *
 * @throws UsageError when run inside another `awsafe exec`.
 */
export async function execWithCredentials(
  context: RuntimeContext,
  request: CredentialRequest,
  choice: ExecChoice,
): Promise<number> {
  refuseNestedExec(context.env);
  if (!choice.server) {
    const resolved = await obtainCredentials(context, request);
    return runChild(choice.program, choice.args, execEnvironment(context.env, resolved));
  }
  const { served, resolved } = await serveCredentials(context, request, {
    log: () => undefined,
    warn: choice.warn,
  });
  try {
    const env = serverExecEnvironment(context.env, resolved, served);
    return await runChild(choice.program, choice.args, env);
  } finally {
    await served.stop();
  }
}
