import type { SetupDeps } from "../app/setup/set-up-profile.js";
import { createIamAdapter } from "../aws/iam-adapter.js";
import { credentialProcessLine } from "../config/awsafe-process-line.js";
import type { SecretStore } from "../ports/secret-store.js";
import type { RuntimeContext } from "./context.js";
import type { ConfiguredBackend } from "./configured-backend.js";
import { openChosenStore } from "./open-configured-store.js";
import { terminalQuestions } from "./terminal-questions.js";

/**
 * What `awsafe setup` works with: questions on the terminal when there is one (clack, drawn on
 * `/dev/tty`; plain lines in the Bun single executable), IAM for the MFA devices, awsafe's own
 * `credential_process` line (naming no backend: it reads the recorded store), and the chosen
 * store, opened once.
 */
export function setupDeps(context: RuntimeContext, choice: ConfiguredBackend): SetupDeps {
  let store: Promise<SecretStore> | undefined;
  return {
    questions: terminalQuestions(context),
    processLine: (profile) => credentialProcessLine(context.selfCommand, profile),
    openStore: () => (store ??= openChosenStore(context, choice)),
    iam: createIamAdapter({ env: context.env }),
    now: context.now,
    checkpoint: context.checkpoint,
  };
}
