import type * as IamSdk from "@aws-sdk/client-iam";
import { setTimeout as sleep } from "node:timers/promises";
import { AwsUnavailableError } from "../ports/aws/aws-errors.js";
import type { IamPort, IamRole, PolicyHolder } from "../ports/aws/iam.js";
import { collectPages } from "./collect-pages.js";
import { failedIamCall, type IamCall, nextMarker } from "./iam-call.js";
import { unexpectedAwsAnswer } from "./map-aws-error.js";

type AuditMethods = Pick<
  IamPort,
  | "getAccountSummary"
  | "credentialReport"
  | "listRoles"
  | "getRole"
  | "listGroupsForUser"
  | "listInlinePolicies"
  | "getInlinePolicy"
  | "listAttachedPolicies"
  | "getManagedPolicy"
>;

// IAM builds the report in seconds; the checks wait this long at most.
const reportPolls = 10;
const reportPollMs = 1000;

/** The read-only calls of the account checks (`doctor`, `iam check`). */
export function iamAuditMethods(call: IamCall): AuditMethods {
  return {
    getAccountSummary: (credentials, context) =>
      call(
        credentials,
        context,
        failedIamCall(
          "GetAccountSummary",
          credentials,
          context,
          undefined,
          undefined,
          "the account",
        ),
        async (sdk, client) => {
          const out = await client.send(new sdk.GetAccountSummaryCommand({}));
          return { ...out.SummaryMap };
        },
      ),
    credentialReport: async (credentials, context) => {
      const failed = failedIamCall(
        "GenerateCredentialReport",
        credentials,
        context,
        undefined,
        undefined,
        "the account",
      );
      for (let poll = 0; ; poll++) {
        const state = await call(credentials, context, failed, async (sdk, client) => {
          return (await client.send(new sdk.GenerateCredentialReportCommand({}))).State;
        });
        if (state === "COMPLETE") break;
        if (poll + 1 >= reportPolls) {
          throw new AwsUnavailableError(
            `IAM did not finish the credential report within ${String((reportPolls * reportPollMs) / 1000)} s`,
            { hint: "Try again in a minute" },
          );
        }
        await sleep(reportPollMs);
      }
      return call(
        credentials,
        context,
        { ...failed, operation: "GetCredentialReport" },
        async (sdk, client) => {
          const out = await client.send(new sdk.GetCredentialReportCommand({}));
          if (out.Content === undefined) throw unexpectedAwsAnswer("GetCredentialReport", "IAM");
          return { csv: new TextDecoder().decode(out.Content), generatedTime: out.GeneratedTime };
        },
      );
    },
    listRoles: (credentials, context) =>
      call(
        credentials,
        context,
        failedIamCall("ListRoles", credentials, context, undefined, undefined, "the account"),
        (sdk, client) =>
          collectPages(async (Marker) => {
            const out = await client.send(new sdk.ListRolesCommand({ Marker }));
            return {
              items: (out.Roles ?? []).map((r) => role(r, "ListRoles")),
              next: nextMarker(out),
            };
          }),
      ),
    getRole: (credentials, roleName, context) =>
      call(
        credentials,
        context,
        failedIamCall("GetRole", credentials, context, undefined, undefined, `role "${roleName}"`),
        async (sdk, client) =>
          role((await client.send(new sdk.GetRoleCommand({ RoleName: roleName }))).Role, "GetRole"),
      ),
    listGroupsForUser: (credentials, userName, context) =>
      call(
        credentials,
        context,
        failedIamCall("ListGroupsForUser", credentials, context, userName),
        (sdk, client) =>
          collectPages(async (Marker) => {
            const out = await client.send(
              new sdk.ListGroupsForUserCommand({ UserName: userName, Marker }),
            );
            const names = (out.Groups ?? []).flatMap((g) =>
              g.GroupName === undefined ? [] : [g.GroupName],
            );
            return { items: names, next: nextMarker(out) };
          }),
      ),
    listInlinePolicies: (credentials, holder, context) =>
      call(
        credentials,
        context,
        holderCall(
          holder.kind === "user" ? "ListUserPolicies" : "ListGroupPolicies",
          credentials,
          context,
          holder,
        ),
        (sdk, client) =>
          collectPages(async (Marker) => {
            const out =
              holder.kind === "user"
                ? await client.send(
                    new sdk.ListUserPoliciesCommand({ UserName: holder.name, Marker }),
                  )
                : await client.send(
                    new sdk.ListGroupPoliciesCommand({ GroupName: holder.name, Marker }),
                  );
            return { items: out.PolicyNames ?? [], next: nextMarker(out) };
          }),
      ),
    getInlinePolicy: (credentials, holder, policyName, context) =>
      call(
        credentials,
        context,
        holderCall(
          holder.kind === "user" ? "GetUserPolicy" : "GetGroupPolicy",
          credentials,
          context,
          holder,
        ),
        async (sdk, client) => {
          const out =
            holder.kind === "user"
              ? await client.send(
                  new sdk.GetUserPolicyCommand({ UserName: holder.name, PolicyName: policyName }),
                )
              : await client.send(
                  new sdk.GetGroupPolicyCommand({ GroupName: holder.name, PolicyName: policyName }),
                );
          return decodeDocument(
            out.PolicyDocument,
            holder.kind === "user" ? "GetUserPolicy" : "GetGroupPolicy",
          );
        },
      ),
    listAttachedPolicies: (credentials, holder, context) =>
      call(
        credentials,
        context,
        holderCall(
          holder.kind === "user" ? "ListAttachedUserPolicies" : "ListAttachedGroupPolicies",
          credentials,
          context,
          holder,
        ),
        (sdk, client) =>
          collectPages(async (Marker) => {
            const out =
              holder.kind === "user"
                ? await client.send(
                    new sdk.ListAttachedUserPoliciesCommand({ UserName: holder.name, Marker }),
                  )
                : await client.send(
                    new sdk.ListAttachedGroupPoliciesCommand({ GroupName: holder.name, Marker }),
                  );
            const arns = (out.AttachedPolicies ?? []).flatMap((p) =>
              p.PolicyArn === undefined ? [] : [p.PolicyArn],
            );
            return { items: arns, next: nextMarker(out) };
          }),
      ),
    getManagedPolicy: async (credentials, policyArn, context) => {
      const failed = failedIamCall(
        "GetPolicy",
        credentials,
        context,
        undefined,
        undefined,
        `policy ${policyArn}`,
      );
      const version = await call(credentials, context, failed, async (sdk, client) => {
        const out = await client.send(new sdk.GetPolicyCommand({ PolicyArn: policyArn }));
        return out.Policy?.DefaultVersionId ?? "v1";
      });
      return call(
        credentials,
        context,
        { ...failed, operation: "GetPolicyVersion" },
        async (sdk, client) => {
          const out = await client.send(
            new sdk.GetPolicyVersionCommand({ PolicyArn: policyArn, VersionId: version }),
          );
          return decodeDocument(out.PolicyVersion?.Document, "GetPolicyVersion");
        },
      );
    },
  };
}

function holderCall(
  operation: Parameters<typeof failedIamCall>[0],
  credentials: Parameters<typeof failedIamCall>[1],
  context: Parameters<typeof failedIamCall>[2],
  holder: PolicyHolder,
) {
  return holder.kind === "user"
    ? failedIamCall(operation, credentials, context, holder.name)
    : failedIamCall(
        operation,
        credentials,
        context,
        undefined,
        undefined,
        `group "${holder.name}"`,
      );
}

function role(found: IamSdk.Role | undefined, operation: string): IamRole {
  if (found?.RoleName === undefined || found.Arn === undefined) {
    throw unexpectedAwsAnswer(operation, "IAM");
  }
  return {
    roleName: found.RoleName,
    arn: found.Arn,
    path: found.Path ?? "/",
    trustPolicy: decodeDocument(found.AssumeRolePolicyDocument, operation),
  };
}

// IAM's Query API returns policy documents URL-encoded (RFC 3986).
function decodeDocument(document: string | undefined, operation: string): string {
  if (document === undefined) throw unexpectedAwsAnswer(operation, "IAM");
  try {
    return decodeURIComponent(document);
  } catch {
    return document;
  }
}
