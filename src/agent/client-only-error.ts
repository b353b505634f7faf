import { AppError, ExitCode } from "../errors.js";

/**
 * What the agent answers a request it will not serve by design, which the client then works out
 * itself: long-term keys (`--no-session` on a profile without a role) never leave the agent, as
 * ssh-agent signs with a key but never exports it. The client reads them from the store, which
 * it must unlock itself. A client never shows this error; it switches to working in-process.
 */
export class ClientOnlyError extends AppError {
  readonly exitCode = ExitCode.Unavailable;
}
