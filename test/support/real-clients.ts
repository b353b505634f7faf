import { spawnSync } from "node:child_process";

// The real AWS CLI (Debian `awscli`) and boto3 (`python3-boto3`). Locally either may be missing:
// tests that need one then skip, saying so once per file; in CI they must be there and fail.
const inCi = process.env["CI"] !== undefined;
const awsFound = spawnSync("aws", ["--version"]).error === undefined;
const boto3Found = spawnSync("python3", ["-c", "import boto3"]).status === 0;

/** Whether tests of the AWS CLI run: it is installed, or this is CI (where it must be). */
export const withAwsCli = awsFound || inCi;
/** Whether tests of boto3 run. */
export const withBoto3 = boto3Found || inCi;

/** Says which of this file's tests skip for want of a client. */
export function noteSkippedClients(file: string): void {
  if (!withAwsCli) console.warn(`${file}: AWS CLI tests skipped — \`aws\` is not installed`);
  if (!withBoto3) console.warn(`${file}: boto3 tests skipped — python3-boto3 is not installed`);
}

/**
 * python3's arguments that print the caller's ARN through boto3 (`profile`, or the default
 * chain) against `endpointUrl`.
 */
export function boto3CallerArgs(endpointUrl: string, profile?: string): string[] {
  const session =
    profile === undefined ? "boto3.Session()" : `boto3.Session(profile_name="${profile}")`;
  const script = [
    "import boto3, sys",
    `sts = ${session}.client("sts", endpoint_url=sys.argv[1], region_name="us-east-1")`,
    'print(sts.get_caller_identity()["Arn"])',
  ].join("\n");
  return ["-c", script, endpointUrl];
}

/** node's arguments that print the caller's ARN through the JS SDK's `fromIni({ profile })`. */
export function fromIniCallerArgs(endpointUrl: string, profile: string): string[] {
  const script = [
    'import { fromIni } from "@aws-sdk/credential-provider-ini";',
    'import { STSClient, GetCallerIdentityCommand } from "@aws-sdk/client-sts";',
    `const client = new STSClient({ region: "us-east-1", endpoint: process.argv[1], credentials: fromIni({ profile: "${profile}" }) });`,
    "console.log((await client.send(new GetCallerIdentityCommand({}))).Arn);",
  ].join("\n");
  return ["--input-type=module", "-e", script, endpointUrl];
}

/** The JS SDK's environment for those scripts: no warning about this Node version on stderr. */
export const sdkEnv = { AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: "true" };

/** The AWS CLI's words for `sts get-caller-identity` against `endpointUrl`, printed as JSON. */
export function awsCallerIdentityArgs(endpointUrl: string): string[] {
  return ["sts", "get-caller-identity", "--endpoint-url", endpointUrl, "--output", "json"];
}
