import { type IamUserCaller, type MfaState, userRequestContext } from "./caller-context.js";
import { evaluateRequest, isAllowed } from "./evaluate-request.js";
import {
  assumeOnlyPolicy,
  auditReadonlyPolicy,
  forceMfaPolicy,
  rotateOwnKeysPolicy,
  roleTrustPolicy,
  type PolicyJson,
} from "./generated-policies.js";
import { readPolicyDocument } from "./policy-document.js";
import { evaluateProbe, userProbes } from "./user-probes.js";

/** One row of the table: a request and, per policy, whether it is allowed without / with MFA. */
export interface PolicyTableRow {
  readonly request: string;
  readonly cells: readonly (readonly [
    withoutMfa: boolean | undefined,
    withMfa: boolean | undefined,
  ])[];
}

/** The example the table is computed for (the emulator's default seed uses the same names). */
export const exampleUser: IamUserCaller = {
  arn: "arn:aws:iam::123456789012:user/assume-only",
  userName: "assume-only",
  userId: "AIDAEXAMPLEEXAMPLE00",
};
export const exampleRoleArn = "arn:aws:iam::210987654321:role/AdminRole";
const otherRoleArn = "arn:aws:iam::210987654321:role/OtherRole";

/** The identity policies of the table, in column order. */
export const identityPolicyColumns: readonly (readonly [string, PolicyJson])[] = [
  ["force-mfa", forceMfaPolicy()],
  ["assume-only", assumeOnlyPolicy([exampleRoleArn])],
  ["rotate-own-keys", rotateOwnKeysPolicy()],
  ["audit-readonly", auditReadonlyPolicy()],
];

const states: readonly MfaState[] = ["long-term-keys", "mfa-session"];

/**
 * What each generated identity policy, attached alone to `exampleUser`, allows with long-term
 * keys and with an MFA session, as awsafe's evaluator finds it. Both roles trust the user's
 * account with MFA (`role-trust`); only one is named to `assume-only`.
 */
export function identityPolicyTable(now: Date): PolicyTableRow[] {
  const trust = readPolicyDocument(roleTrustPolicy({ accountId: "123456789012", principals: [] }));
  const probes = userProbes(exampleUser, [
    { arn: exampleRoleArn, trust },
    { arn: otherRoleArn, trust },
  ]);
  return probes.map((probe) => ({
    request: probe.label,
    cells: identityPolicyColumns.map(([, policy]) => {
      const documents = [readPolicyDocument(policy)];
      const [without, withMfa] = states.map((state) =>
        isAllowed(evaluateProbe(documents, exampleUser, probe, state, now)),
      );
      return [without, withMfa] as const;
    }),
  }));
}

/** Who may assume a role whose trust policy is `role-trust --account-id 123456789012`. */
export function roleTrustTable(now: Date): PolicyTableRow[] {
  const trust = readPolicyDocument(roleTrustPolicy({ accountId: "123456789012", principals: [] }));
  const allowAssume = readPolicyDocument({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Action: "sts:AssumeRole", Resource: "*" }],
  });
  const outsider: IamUserCaller = {
    arn: "arn:aws:iam::999999999999:user/outsider",
    userName: "outsider",
    userId: "AIDAOUTSIDEREXAMPLE0",
  };
  const rows: Array<[string, IamUserCaller, boolean]> = [
    ["a user of the account whose policies allow sts:AssumeRole", exampleUser, true],
    ["a user of the account without that permission", exampleUser, false],
    ["a user of another account, allowed by its own policies", outsider, true],
  ];
  return rows.map(([request, caller, allowed]) => {
    const [without, withMfa] = states.map((state) =>
      isAllowed(
        evaluateRequest(
          { identity: allowed ? [allowAssume] : [], resource: trust },
          {
            principal: caller.arn,
            action: "sts:AssumeRole",
            resource: exampleRoleArn,
            resourceAccount: "210987654321",
            context: userRequestContext(caller, state, now),
          },
        ),
      ),
    );
    return { request, cells: [[without, withMfa]] };
  });
}

/** The rows as a Markdown table, `✓` allowed, `✗` refused, each cell "without MFA / with MFA". */
export function markdownTable(headers: readonly string[], rows: readonly PolicyTableRow[]): string {
  const mark = (value: boolean | undefined) => (value === undefined ? "?" : value ? "✓" : "✗");
  const lines = [
    `| ${headers.join(" | ")} |`,
    `| ${headers.map(() => "---").join(" | ")} |`,
    ...rows.map(
      (row) =>
        `| ${[row.request, ...row.cells.map(([a, b]) => `${mark(a)} / ${mark(b)}`)].join(" | ")} |`,
    ),
  ];
  return `${lines.join("\n")}\n`;
}
