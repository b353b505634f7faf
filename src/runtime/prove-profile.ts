import { execFile } from "node:child_process";
import { createStsAdapter } from "../aws/sts-adapter.js";
import { splitCommand } from "../config/split-command.js";
import { AuthError, ConfigError } from "../errors.js";
import { readProcessDocument } from "../ports/credentials-json.js";
import { awsafeSecretVariables } from "../ports/environment.js";
import { childEnvironment } from "../process/child-environment.js";
import { programOutput } from "../process/program-output.js";
import type { RuntimeContext } from "./context.js";

/** The identity a profile answered with, and the path the proof took. */
export interface Proof {
  /** The command that got it, as a person would type it. */
  readonly via: string;
  readonly arn: string;
  readonly account: string;
}

/**
 * Proves a profile routed through awsafe by one `GetCallerIdentity` on the AWS CLI's own path:
 * the real `aws sts get-caller-identity --profile P` when the AWS CLI is installed (it runs the
 * profile's `credential_process`, which runs awsafe, which asks for the MFA code on the
 * terminal); otherwise the profile's `credential_process` line run as the AWS CLI would run it,
 * and GetCallerIdentity signed with what it printed. The identity must be the role's.
 *
 * @throws AuthError when the call fails; ConfigError when the identity is not the role's.
 */
export async function proveProfile(
  context: RuntimeContext,
  profile: string,
  roleArn: string,
  processLine: string,
): Promise<Proof> {
  const hasAwsCli = (await programOutput("aws", ["--version"], context.env)) !== undefined;
  const proof = hasAwsCli
    ? await throughAwsCli(context, profile)
    : await throughProcessLine(context, profile, processLine);
  const role = /:role\/(?:.*\/)?([^/]+)$/.exec(roleArn)?.[1];
  if (!proof.arn.includes(`:assumed-role/${role ?? ""}/`)) {
    throw new ConfigError(`Profile "${profile}" answered as ${proof.arn}, not as role ${roleArn}`, {
      hint: `awsafe explain ${profile} shows where its credentials come from.`,
    });
  }
  return proof;
}

async function throughAwsCli(context: RuntimeContext, profile: string): Promise<Proof> {
  const args = ["sts", "get-caller-identity", "--profile", profile, "--output", "json"];
  const via = `aws ${args.join(" ")}`;
  const out = await run("aws", args, awsCliEnvironment(context), via);
  const identity = parseIdentity(out, via);
  return { via, ...identity };
}

async function throughProcessLine(
  context: RuntimeContext,
  profile: string,
  processLine: string,
): Promise<Proof> {
  const [program, ...args] = splitCommand(processLine, "credential_process");
  const via = `credential_process of profile "${profile}", then sts get-caller-identity`;
  const out = await run(program, args, awsCliEnvironment(context), via);
  let document: unknown;
  try {
    document = JSON.parse(out);
  } catch (error) {
    throw new AuthError(`${via}: awsafe printed no credentials`, { cause: error });
  }
  const read = readProcessDocument(document);
  if ("problem" in read) throw new AuthError(`${via}: awsafe printed ${read.problem}`);
  const identity = await createStsAdapter({ env: context.env }).getCallerIdentity(
    read.credentials,
    { profile },
  );
  return { via, arn: identity.arn, account: identity.account };
}

/**
 * The AWS CLI's environment: the caller's less the AWS credential variables (`--profile` names
 * the credentials). The store passphrase variables, which no other child gets, stay when set:
 * the AWS CLI runs awsafe, which needs them exactly as when the person runs `aws` in this shell.
 */
function awsCliEnvironment(context: RuntimeContext): Record<string, string> {
  const env = childEnvironment(context.env, "drop-aws-credentials");
  for (const name of awsafeSecretVariables) {
    const value = context.env[name];
    if (value !== undefined) env[name] = value;
  }
  return env;
}

/** Runs a program (stdin closed: prompts go to the terminal itself); its stdout, or an AuthError. */
function run(
  program: string,
  args: readonly string[],
  env: Record<string, string>,
  via: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      program,
      [...args],
      { env, maxBuffer: 1024 * 1024 },
      (error, stdout, stderr) => {
        if (error === null) {
          resolve(stdout);
          return;
        }
        const said = stderr.trim().split("\n").filter(Boolean).at(-1) ?? error.message;
        reject(
          new AuthError(`${via} failed: ${said}`, {
            hint: "Run it again to see the whole message; awsafe explain PROFILE shows the plan.",
            cause: error,
          }),
        );
      },
    );
    child.stdin?.end();
  });
}

function parseIdentity(out: string, via: string): { arn: string; account: string } {
  try {
    const value: unknown = JSON.parse(out);
    if (typeof value === "object" && value !== null && "Arn" in value && "Account" in value) {
      const { Arn, Account } = value;
      if (typeof Arn === "string" && typeof Account === "string")
        return { arn: Arn, account: Account };
    }
  } catch {
    // Reported below.
  }
  throw new AuthError(`${via} printed no identity`);
}
