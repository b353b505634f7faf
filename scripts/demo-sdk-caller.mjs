// The demo's stand-in for `aws [--profile P] sts get-caller-identity` where the AWS CLI is not
// installed: the AWS SDK for JavaScript, with the environment's credentials or, given
// `--profile P`, the profile's (through its credential_process). Usage: [--profile P] <endpoint>
import { GetCallerIdentityCommand, STSClient } from "@aws-sdk/client-sts";
import { fromIni } from "@aws-sdk/credential-provider-ini";

const args = process.argv.slice(2);
const profile = args[0] === "--profile" ? args[1] : undefined;
const endpoint = args.at(-1);
const client = new STSClient({
  region: "us-east-1",
  endpoint,
  ...(profile === undefined ? {} : { credentials: fromIni({ profile }) }),
});
const out = await client.send(new GetCallerIdentityCommand({}));
console.log(JSON.stringify({ Account: out.Account, Arn: out.Arn }, null, 2));
