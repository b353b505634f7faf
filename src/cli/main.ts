// The CLI proper, which entry.ts imports for every command the fast path does not answer; with
// entry.ts, the only place the exit status of the process is decided.
import type { MfaRequest } from "../ports/mfa-code-source.js";
import type { SsoSignedIn, SsoSignInRequest } from "../ports/sso-sign-in.js";
import type { WireError } from "../agent/agent-protocol.js";
import { clientMfaSource } from "../runtime/client-mfa-source.js";
import { toWireError } from "../runtime/wire-errors.js";
import { processContext, type RuntimeContext } from "../runtime/context.js";
import { terminalPrompter } from "../runtime/terminal-prompter.js";
import type { HandOver } from "./fast-credential-process.js";
import { debugOutput, debugWanted } from "./debug-output.js";
import { quietBrokenPipe } from "./quiet-broken-pipe.js";
import { runCli } from "./run-cli.js";

/** Runs the command `args` name; `handOver` is what the fast path already found out. */
export async function main(args: readonly string[], handOver: HandOver = {}): Promise<void> {
  quietBrokenPipe([process.stdout, process.stderr]);
  const debug = debugWanted(args, process.env);
  const context = processContext({
    notice: (line) => process.stderr.write(`awsafe: ${line}\n`),
    prompter: terminalPrompter(process.env),
    debug: debug ? debugOutput(process.stderr) : undefined,
    agentUnavailable: handOver.agentUnavailable,
  });
  process.exitCode = await runCli(args, {
    ...context,
    stdout: process.stdout,
    stderr: process.stderr,
  });
}

/**
 * The sign-in the agent asks of the hot path (`credential-process` answered by the agent): run
 * here, in the CLI proper, so the hot path's own file stays small. Its error comes back as a
 * wire error: the hot path's file has its own copy of the error classes, which `instanceof`
 * would not recognise.
 */
export async function ssoSignInForAgent(
  request: SsoSignInRequest,
): Promise<{ readonly signedIn: SsoSignedIn } | { readonly error: WireError }> {
  try {
    return { signedIn: await signInHere(request) };
  } catch (error) {
    return { error: toWireError(error) };
  }
}

// The sign-in (browser, loopback server, node:http and node:crypto) is imported here, when the
// agent asks for it, rather than with main.ts: every other command would pay for loading it.
async function signInHere(request: SsoSignInRequest): Promise<SsoSignedIn> {
  const { clientSsoSignIn } = await import("../runtime/sso-sign-in.js");
  return clientSsoSignIn(contextForAgent(), { mode: "auto" })(request);
}

/**
 * The MFA code the agent asks the hot path for, found here in the CLI proper (the profile's
 * `mfa_process`, else the prompt `AWSAFE_PROMPT` names), so that the hot path's file holds
 * neither the MFA sources nor the prompter. Its error comes back as a wire error, as the
 * sign-in's does.
 */
export async function mfaCodeForAgent(
  request: MfaRequest,
): Promise<{ readonly code: string } | { readonly error: WireError }> {
  try {
    return { code: await clientMfaSource(contextForAgent(), undefined)(request) };
  } catch (error) {
    return { error: toWireError(error) };
  }
}

/** The context of a question the agent puts to the hot path. */
function contextForAgent(): RuntimeContext {
  const debug = debugWanted([], process.env);
  return processContext({
    notice: (line) => process.stderr.write(`awsafe: ${line}\n`),
    prompter: terminalPrompter(process.env),
    debug: debug ? debugOutput(process.stderr) : undefined,
  });
}
