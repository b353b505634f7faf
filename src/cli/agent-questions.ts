// What the hot path (`credential-process` answered by the agent) answers when the agent asks it
// something: an MFA code, an IAM Identity Center sign-in. A module of its own, which entry.ts
// loads only then: it holds the MFA sources and the prompter, and not the command parser, which
// a cold call's MFA answer would wait for.
import type { MfaRequest } from "../ports/mfa-code-source.js";
import type { SsoSignedIn, SsoSignInRequest } from "../ports/sso-sign-in.js";
import type { WireError } from "../agent/agent-protocol.js";
import { clientMfaSource } from "../runtime/client-mfa-source.js";
import { toWireError } from "../runtime/wire-errors.js";
import { processContext, type RuntimeContext } from "../runtime/context.js";
import { terminalPrompter } from "../runtime/terminal-prompter.js";
import { debugOutput, debugWanted } from "./debug-output.js";

/**
 * The sign-in the agent asks of the hot path (`credential-process` answered by the agent): run
 * here, not in the hot path's own file, which stays small. Its error comes back as a
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
// agent asks for it, rather than with this module: an MFA answer would pay for loading it.
async function signInHere(request: SsoSignInRequest): Promise<SsoSignedIn> {
  const { clientSsoSignIn } = await import("../runtime/sso-sign-in.js");
  return clientSsoSignIn(contextForAgent(), { mode: "auto" })(request);
}

/**
 * The MFA code the agent asks the hot path for, found here (the profile's
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
