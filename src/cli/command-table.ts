import { Option } from "commander";
import type { CliIo } from "./io.js";
import { configureOptions } from "./commands/configure-options.js";
import { credentialOptions } from "./credential-options.js";

/** What a command receives from the parser: its positionals and its options, untyped. */
export interface CommandInput {
  readonly positionals: readonly unknown[];
  readonly options: Readonly<Record<string, unknown>>;
}

/**
 * A command's body: validates its input, calls a use-case, prints, returns the exit code (an
 * `ExitCode`, or the status of the child `exec` ran).
 */
export type CommandRun = (input: CommandInput, io: CliIo) => Promise<number>;

/** One row of the command table; `load` imports the command's module on demand. */
export interface CommandSpec {
  readonly usage: string;
  readonly description: string;
  readonly options: readonly Option[];
  readonly load: () => Promise<CommandRun>;
}

const json = (): Option => new Option("--json", "print JSON");
const backend = (): Option =>
  new Option(
    "--backend <name>",
    "secret store: keychain, file or pass (default: AWSAFE_BACKEND, awsafe's config, the OS keychain)",
  );
const force = (what: string): Option => new Option("--force", what);

/** Every command awsafe has. */
export const commandTable: readonly CommandSpec[] = [
  {
    usage: "list",
    description: "list profiles, their regions and where their credentials come from",
    options: [json(), backend()],
    load: async () => (await import("./commands/list.js")).run,
  },
  {
    usage: "explain [profile]",
    description: "show the credential plan of a profile, step by step, without calling AWS",
    options: [json(), backend()],
    load: async () => (await import("./commands/explain.js")).run,
  },
  {
    usage: "configure <profile>",
    description:
      "create or update a profile's settings, keeping comments (like `aws configure set`)",
    options: configureOptions.map(({ flag, key }) => new Option(flag, `set ${key}`)),
    load: async () => (await import("./commands/configure.js")).run,
  },
  {
    usage: "add <profile>",
    description: "store a profile's long-term access key in the secret store (asked for, hidden)",
    options: [
      new Option("--env", "take the key from AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY"),
      force("replace a different stored key without asking"),
      backend(),
    ],
    load: async () => (await import("./commands/add.js")).run,
  },
  {
    usage: "import",
    description:
      "move plain-text keys from the shared files into the secret store and point the profiles at awsafe (credential_process)",
    options: [
      new Option("--profile <name>", "import this profile only (repeatable)").argParser(
        (value: string, previous: string[] | undefined) => [...(previous ?? []), value],
      ),
      new Option("--dry-run", "show what would change, change nothing"),
      new Option(
        "--keep-plaintext-backup",
        "also keep a plain-text copy (mode 0600) of each changed file",
      ),
      backend(),
    ],
    load: async () => (await import("./commands/import.js")).run,
  },
  {
    usage: "remove <profile>",
    description: "delete a profile's stored key (or, with --sessions, its cached sessions)",
    options: [
      new Option(
        "--sessions",
        "delete the profile's cached sessions instead of its key (awsafe caches none yet)",
      ),
      force("delete without asking"),
      backend(),
    ],
    load: async () => (await import("./commands/remove.js")).run,
  },
  {
    usage: "migrate",
    description:
      "move every stored item to another backend, verify, delete the source, and use the new backend",
    options: [
      new Option(
        "--from <backend>",
        "the backend to empty: keychain, file or pass",
      ).makeOptionMandatory(),
      new Option(
        "--to <backend>",
        "the backend to fill: keychain, file or pass",
      ).makeOptionMandatory(),
    ],
    load: async () => (await import("./commands/migrate.js")).run,
  },
  {
    usage: "credential-process <profile>",
    description:
      "print a profile's temporary credentials as credential_process JSON (for ~/.aws/config)",
    options: credentialOptions(),
    load: async () => (await import("./commands/credential-process.js")).run,
  },
  {
    usage: "export <profile>",
    description: "print a profile's temporary credentials for a shell, a file or a program",
    options: [
      new Option(
        "--format <format>",
        "env, dotenv, fish, powershell, json, process or ini",
      ).default("env"),
      ...credentialOptions(),
    ],
    load: async () => (await import("./commands/export.js")).run,
  },
  {
    usage: "exec <profile> [command...]",
    description:
      "run a command (after --) with temporary credentials in a clean environment; no command: $SHELL",
    options: [
      new Option(
        "--server",
        "give the command a local credential endpoint that refreshes them, instead of keys",
      ),
      ...credentialOptions(),
    ],
    load: async () => (await import("./commands/exec.js")).run,
  },
  {
    usage: "serve <profile>",
    description:
      "serve a profile's credentials on a loopback endpoint (ECS style; IMDSv2 with --ec2) until stopped",
    options: [
      new Option("--port <port>", "the port on 127.0.0.1 (default: a free one)"),
      new Option("--ec2", "also serve the EC2 instance metadata (IMDSv2) flow"),
      ...credentialOptions(),
    ],
    load: async () => (await import("./commands/serve.js")).run,
  },
  {
    usage: "agent <action>",
    description:
      "the per-user agent holding sessions in memory: start, stop or status (started on demand)",
    options: [new Option("--json", "status as JSON")],
    load: async () => (await import("./commands/agent.js")).run,
  },
];
