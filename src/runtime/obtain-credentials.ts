import type { ResolvedCredentials } from "../app/credentials/resolve-credentials.js";
import { agentFallbackNotice } from "./agent-fallback-notice.js";
import { chooseAgentRoute } from "./agent-route.js";
import { clientMfaSource } from "./client-mfa-source.js";
import type { RuntimeContext } from "./context.js";
import type { CredentialRequest } from "./credential-request.js";
import type { OpenedCommandStore } from "./open-configured-store.js";

/**
 * The credentials of a request, for `credential-process`, `export`, `exec` and `serve`: one
 * decision (see agent-route.ts), then either the per-user agent (started on demand; sessions in
 * its memory) or this process (sessions cached encrypted in the store). An agent that was wanted
 * but cannot serve costs one bounded wait and a one-line notice, then the request is worked out
 * here; it is not asked again. Each path is imported only when taken. `opened` is the store the
 * command already opened (`login` and `rotate`, which asked for the encrypted file's passphrase
 * before), which the in-process path then uses as it is.
 */
export async function obtainCredentials(
  context: RuntimeContext,
  request: CredentialRequest,
  opened?: OpenedCommandStore,
): Promise<ResolvedCredentials> {
  const route = chooseAgentRoute(context, request);
  if (route.kind === "agent") {
    const { credentialsFromAgent } = await import("./ask-agent.js");
    const answer = await credentialsFromAgent(context, route.socketPath, request, {
      // Made when the agent asks for a code, not before: a cached answer needs no MFA source.
      // Async, so that a source that cannot be made (an unknown AWSAFE_PROMPT) is a failed
      // answer sent to the agent, not an exception thrown out of the socket's data handler.
      mfa: async (mfaRequest) =>
        (request.mfaSource ?? clientMfaSource(context, request.mfaToken))(mfaRequest),
      signIn: async (wanted) => {
        const { clientSsoSignIn } = await import("./sso-sign-in.js");
        return clientSsoSignIn(context, { mode: "auto" })(wanted);
      },
    });
    if (answer.kind === "credentials") return answer.resolved;
    if (answer.kind === "client-only") context.debug?.(`working without the agent: ${answer.why}`);
    else context.notice(agentFallbackNotice(answer.why));
  } else {
    context.debug?.(`working without the agent: ${route.reason}`);
  }
  const { resolveInProcess } = await import("./credential-engine.js");
  return resolveInProcess(context, request, opened);
}
