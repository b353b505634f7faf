import { readPolicyDocument, type PolicyDocument } from "../../iam/policy-document.js";
import type { AwsCallContext } from "../../ports/aws/call-context.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type { IamPort, PolicyHolder } from "../../ports/aws/iam.js";

/** One of the policies that apply to a user, where it comes from, and its document. */
export interface UserPolicy {
  /** `inline policy X`, `managed policy ARN`, `group G: inline policy X`. */
  readonly source: string;
  readonly document: PolicyDocument;
}

/**
 * Every identity policy of `userName`: its inline and attached policies and those of its
 * groups, read with `credentials` (which need the `audit-readonly` permissions). Managed
 * policies attached twice are read once.
 */
export async function readUserPolicies(
  iam: IamPort,
  credentials: AwsCredentials,
  userName: string,
  context: AwsCallContext,
): Promise<UserPolicy[]> {
  const holders: Array<{ readonly holder: PolicyHolder; readonly label: string }> = [
    { holder: { kind: "user", name: userName }, label: "" },
  ];
  for (const group of await iam.listGroupsForUser(credentials, userName, context)) {
    holders.push({ holder: { kind: "group", name: group }, label: `group "${group}": ` });
  }
  const policies: UserPolicy[] = [];
  const managed = new Set<string>();
  for (const { holder, label } of holders) {
    for (const name of await iam.listInlinePolicies(credentials, holder, context)) {
      const text = await iam.getInlinePolicy(credentials, holder, name, context);
      policies.push({ source: `${label}inline policy "${name}"`, document: parse(text, name) });
    }
    for (const arn of await iam.listAttachedPolicies(credentials, holder, context)) {
      if (managed.has(arn)) continue;
      managed.add(arn);
      const text = await iam.getManagedPolicy(credentials, arn, context);
      policies.push({ source: `${label}managed policy ${arn}`, document: parse(text, arn) });
    }
  }
  return policies;
}

function parse(text: string, name: string): PolicyDocument {
  return readPolicyDocument(text, `policy ${name}`);
}
