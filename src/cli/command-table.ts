import type { CommandNode } from "./command-spec.js";
import { addCommand } from "./commands/add/add-command.js";
import { clearCommand } from "./commands/clear/clear-command.js";
import { completeCommand, completionCommand } from "./commands/completion/completion-command.js";
import { agentCommand } from "./commands/agent/agent-command.js";
import { backupCommand } from "./commands/backup/backup-command.js";
import { doctorCommand } from "./commands/doctor/doctor-command.js";
import { iamCommand } from "./commands/iam/iam-command.js";
import { configureCommand } from "./commands/configure/configure-command.js";
import { credentialProcessCommand } from "./commands/credential-process/credential-process-command.js";
import { execCommand } from "./commands/exec/exec-command.js";
import { explainCommand } from "./commands/explain/explain-command.js";
import { exportCommand } from "./commands/export/export-command.js";
import { importCommand } from "./commands/import/import-command.js";
import { listCommand } from "./commands/list/list-command.js";
import { loginCommand } from "./commands/login/login-command.js";
import { migrateCommand } from "./commands/migrate/migrate-command.js";
import { removeCommand } from "./commands/remove/remove-command.js";
import { rotateCommand } from "./commands/rotate/rotate-command.js";
import { serveCommand } from "./commands/serve/serve-command.js";
import { setupCommand } from "./commands/setup/setup-command.js";
import { ssoCommand } from "./commands/sso/sso-command.js";

/**
 * Every command awsafe has, in the order `--help` lists them. Each entry holds only its options
 * and how to read them; the body of a command is imported when it runs.
 */
export const commandTable: readonly CommandNode[] = [
  setupCommand,
  listCommand,
  explainCommand,
  configureCommand,
  addCommand,
  importCommand,
  removeCommand,
  clearCommand,
  backupCommand,
  migrateCommand,
  rotateCommand,
  credentialProcessCommand,
  exportCommand,
  execCommand,
  serveCommand,
  loginCommand,
  ssoCommand,
  agentCommand,
  doctorCommand,
  iamCommand,
  completionCommand,
  completeCommand,
];
