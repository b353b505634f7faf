import { createValidatedPolicy, validateTrustPolicy } from "@cloud-copilot/iam-policy";
import { runUnsafeSimulation } from "@cloud-copilot/iam-simulate";
import { describe, expect, it } from "vitest";
import { evaluateRequest, type IamRequest } from "../../src/iam/evaluate-request.js";
import { readPolicyDocument } from "../../src/iam/policy-document.js";
import { RequestContext } from "../../src/iam/request-context.js";

// awsafe's evaluator (src/iam/) against @cloud-copilot/iam-simulate (AGPL: a dev-only oracle,
// never shipped) on generated (policies, request) cases from one seed. Every case awsafe decides
// must agree with the oracle; cases it reports "not evaluated" (operators outside its subset,
// mixed in on purpose) must be exactly those that depend on such a construct.

const SEED = 20261201;
const IDENTITY_CASES = 6000;
const TRUST_CASES = 3000;

const A = "111111111111";
const B = "222222222222";

/** mulberry32: a small seeded generator, so a failing case can be regenerated. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class Gen {
  constructor(readonly next: () => number) {}
  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("empty pool");
    return item;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  some<T>(items: readonly T[], max: number): T[] {
    const count = 1 + Math.floor(this.next() * max);
    return Array.from({ length: count }, () => this.pick(items));
  }
  oneOrList<T>(items: readonly T[], max: number): T | T[] {
    const list = this.some(items, max);
    return list.length === 1 && this.chance(0.5) ? (list[0] as T) : list;
  }
}

const callers = [
  { arn: `arn:aws:iam::${A}:user/alice`, username: "alice", userid: "AIDAALICE" },
  { arn: `arn:aws:iam::${A}:user/bob`, username: "bob", userid: "AIDABOB" },
  { arn: `arn:aws:iam::${A}:user/ops/carol`, username: "carol", userid: "AIDACAROL" },
  { arn: `arn:aws:sts::${A}:assumed-role/Admin/s1`, username: undefined, userid: "AROAADMIN:s1" },
  { arn: `arn:aws:sts::${B}:assumed-role/Deploy/ci`, username: undefined, userid: "AROADEP:ci" },
  { arn: `arn:aws:iam::${B}:user/dave`, username: "dave", userid: "AIDADAVE" },
] as const;

const requests = [
  ["iam:GetUser", `arn:aws:iam::${A}:user/alice`, A],
  ["iam:CreateAccessKey", `arn:aws:iam::${A}:user/bob`, A],
  ["iam:ListAccessKeys", `arn:aws:iam::${A}:user/ops/carol`, A],
  ["iam:DeleteUser", `arn:aws:iam::${A}:user/alice-admin`, A],
  ["iam:EnableMFADevice", `arn:aws:iam::${A}:user/alice`, A],
  ["iam:CreateVirtualMFADevice", `arn:aws:iam::${A}:mfa/alice`, A],
  ["iam:PassRole", `arn:aws:iam::${A}:role/Admin`, A],
  ["s3:GetObject", "arn:aws:s3:::bucket/alice/notes.txt", A],
  ["s3:PutObject", "arn:aws:s3:::other/key", A],
  ["ec2:DescribeInstances", `arn:aws:ec2:us-east-1:${A}:instance/i-123`, A],
  ["sts:AssumeRole", `arn:aws:iam::${A}:role/Admin`, A],
  ["sts:AssumeRole", `arn:aws:iam::${B}:role/Deploy`, B],
  ["sts:GetFederationToken", `arn:aws:sts::${A}:federated-user/alice`, A],
] as const;

const actionPatterns = [
  "*",
  "iam:*",
  "iam:Get*",
  "iam:*AccessKey*",
  "IAM:getuser",
  "iam:List*",
  "iam:*MFA*",
  "iam:?etUser",
  "s3:Get?bject",
  "s3:*",
  "sts:*",
  "sts:AssumeRole",
  "ec2:Describe*",
  "iam:CreateAccessKey",
  "iam:DeleteUser",
  "sts:GetFederationToken",
];

const resourcePatterns = [
  "*",
  "arn:aws:iam::*:user/${aws:username}",
  `arn:aws:iam::${A}:user/*`,
  "arn:aws:iam::*:user/a*",
  "arn:aws:iam::*:user/${aws:username}-*",
  "arn:aws:iam::*:user/${aws:PrincipalTag/team, 'nobody'}",
  "arn:aws:iam::*:user/ops/*",
  "arn:aws:iam::*:mfa/${aws:username}",
  "arn:aws:iam::*:mfa/*",
  `arn:aws:iam::${A}:role/*`,
  "arn:aws:iam::*:role/Admin",
  `arn:aws:iam::${B}:role/Deploy`,
  "arn:aws:s3:::bucket/*",
  "arn:aws:s3:::bucket/${aws:username}/*",
  "arn:aws:s3:::*",
  "arn:aws:ec2:*:*:instance/*",
  "arn:aws:ec2:us-west-2:*:instance/*",
  `arn:aws:iam::${A}`,
  "arn:aws:iam::*:*",
  "arn:aws:sts::*:federated-user/${aws:username}",
  "arn:aws:iam::*:user/${aws:userid}",
];

type ConditionPool = readonly [
  key: string,
  operators: readonly string[],
  values: readonly string[],
];

const conditionPools: readonly ConditionPool[] = [
  ["aws:MultiFactorAuthPresent", ["Bool", "BoolIfExists", "Null"], ["true", "false", "TRUE"]],
  [
    "aws:MultiFactorAuthAge",
    [
      "NumericLessThan",
      "NumericLessThanEquals",
      "NumericGreaterThan",
      "NumericGreaterThanEquals",
      "NumericEquals",
      "NumericNotEquals",
      "NumericLessThanIfExists",
      "Null",
    ],
    ["300", "3600", "0", "43200", "1.5"],
  ],
  [
    "aws:username",
    [
      "StringEquals",
      "StringNotEquals",
      "StringLike",
      "StringNotLike",
      "StringEqualsIgnoreCase",
      "StringNotEqualsIgnoreCase",
      "StringEqualsIfExists",
      "StringNotLikeIfExists",
      "Null",
    ],
    ["alice", "ALICE", "a*", "b?b", "*", "${aws:username}", "car${*}ol", "dave"],
  ],
  [
    "aws:PrincipalArn",
    ["ArnEquals", "ArnLike", "ArnNotEquals", "ArnNotLike", "ArnLikeIfExists", "StringLike"],
    [
      `arn:aws:iam::${A}:user/*`,
      `arn:aws:iam::${A}:role/Admin`,
      "arn:aws:iam::*:user/${aws:username}",
      "arn:aws:iam::*:role/*",
      `arn:aws:iam::${B}:*`,
      "arn:aws:iam",
    ],
  ],
  [
    "aws:TagKeys",
    [
      "ForAnyValue:StringEquals",
      "ForAllValues:StringEquals",
      "ForAnyValue:StringLike",
      "ForAllValues:StringNotEquals",
      "ForAllValues:StringLike",
      "StringEquals",
    ],
    ["team", "env", "cost*", "owner"],
  ],
  [
    "aws:PrincipalTag/team",
    ["StringEquals", "StringLike", "Null", "StringNotEquals"],
    ["red", "blue", "r*"],
  ],
  ["sts:ExternalId", ["StringEquals", "StringEqualsIfExists", "Null"], ["partner-1", "partner-2"]],
  [
    "aws:SourceIdentity",
    ["StringLike", "StringNotLike", "StringEquals"],
    ["${aws:username}", "alice", "*"],
  ],
];

// Outside the subset: awsafe must report these as not evaluated, never guess.
const unsupported: ConditionPool = [
  "aws:CurrentTime",
  ["DateLessThan", "DateGreaterThan"],
  ["2030-01-01T00:00:00Z", "2020-01-01T00:00:00Z"],
];

function condition(gen: Gen): Record<string, Record<string, string | string[]>> {
  const out: Record<string, Record<string, string | string[]>> = {};
  const count = 1 + Math.floor(gen.next() * 2);
  for (let i = 0; i < count; i++) {
    const [key, operators, values] = gen.chance(0.03) ? unsupported : gen.pick(conditionPools);
    const operator = gen.pick(operators);
    const value =
      operator === "Null" ? gen.oneOrList(["true", "false"], 1) : gen.oneOrList(values, 3);
    (out[operator] ??= {})[key] = value;
  }
  return out;
}

function identityStatement(gen: Gen): Record<string, unknown> {
  const statement: Record<string, unknown> = { Effect: gen.chance(0.6) ? "Allow" : "Deny" };
  statement[gen.chance(0.8) ? "Action" : "NotAction"] = gen.oneOrList(actionPatterns, 3);
  statement[gen.chance(0.85) ? "Resource" : "NotResource"] = gen.oneOrList(resourcePatterns, 3);
  if (gen.chance(0.6)) statement["Condition"] = condition(gen);
  return statement;
}

const principalEntries = [
  `arn:aws:iam::${A}:root`,
  A,
  B,
  `arn:aws:iam::${A}:user/alice`,
  `arn:aws:iam::${A}:user/bob`,
  `arn:aws:iam::${A}:role/Admin`,
  `arn:aws:iam::${B}:role/Deploy`,
  `arn:aws:iam::${B}:user/dave`,
  "*",
];

function trustStatement(gen: Gen): Record<string, unknown> {
  const statement: Record<string, unknown> = {
    Effect: gen.chance(0.75) ? "Allow" : "Deny",
    Action: gen.oneOrList(["sts:AssumeRole", "sts:*", "sts:TagSession", "*"], 2),
  };
  const principal = gen.chance(0.1) ? "*" : { AWS: gen.oneOrList(principalEntries, 2) };
  statement[gen.chance(0.85) ? "Principal" : "NotPrincipal"] = principal;
  if (gen.chance(0.7)) statement["Condition"] = condition(gen);
  return statement;
}

function context(gen: Gen, caller: (typeof callers)[number]): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    "aws:PrincipalArn": caller.arn.replace(
      /:sts::(\d+):assumed-role\/([^/]+)\/.*/,
      ":iam::$1:role/$2",
    ),
    "aws:userid": caller.userid,
  };
  if (caller.username !== undefined) values["aws:username"] = caller.username;
  const mfa = gen.pick(["absent", "true", "false"]);
  if (mfa !== "absent") values["aws:MultiFactorAuthPresent"] = mfa;
  if (mfa === "true")
    values["aws:MultiFactorAuthAge"] = gen.pick(["10", "299", "300", "4000", "0"]);
  if (gen.chance(0.4)) values["aws:TagKeys"] = gen.some(["team", "env", "cost-center", "owner"], 3);
  if (gen.chance(0.4)) values["aws:PrincipalTag/team"] = gen.pick(["red", "blue", "alice"]);
  if (gen.chance(0.3)) values["sts:ExternalId"] = gen.pick(["partner-1", "partner-2"]);
  if (gen.chance(0.3)) values["aws:SourceIdentity"] = gen.pick(["alice", "bob"]);
  if (gen.chance(0.2)) values["aws:CurrentTime"] = "2026-12-01T00:00:00Z";
  return values;
}

interface Case {
  readonly identity: Record<string, unknown>[];
  readonly trust: Record<string, unknown> | undefined;
  readonly principal: string;
  readonly action: string;
  readonly resource: string;
  readonly account: string;
  readonly context: Record<string, string | string[]>;
}

function identityCase(gen: Gen): Case {
  const caller = gen.pick(callers);
  const [action, resource, account] = gen.pick(requests);
  const policies = Array.from({ length: 1 + Math.floor(gen.next() * 2) }, () => ({
    Version: "2012-10-17",
    Statement: Array.from({ length: 1 + Math.floor(gen.next() * 3) }, () => identityStatement(gen)),
  }));
  return {
    identity: policies,
    trust: undefined,
    principal: caller.arn,
    action,
    resource,
    account,
    context: context(gen, caller),
  };
}

function trustCase(gen: Gen): Case {
  const caller = gen.pick(callers);
  const [resource, account] = gen.pick([
    [`arn:aws:iam::${A}:role/Admin`, A],
    [`arn:aws:iam::${B}:role/Deploy`, B],
  ] as const);
  const identity = gen.chance(0.8)
    ? [
        {
          Version: "2012-10-17",
          Statement: Array.from({ length: 1 + Math.floor(gen.next() * 2) }, () =>
            identityStatement(gen),
          ),
        },
      ]
    : [];
  return {
    identity,
    trust: {
      Version: "2012-10-17",
      Statement: Array.from({ length: 1 + Math.floor(gen.next() * 2) }, () => trustStatement(gen)),
    },
    principal: caller.arn,
    action: "sts:AssumeRole",
    resource,
    account,
    context: context(gen, caller),
  };
}

function oracle(c: Case): string {
  return runUnsafeSimulation(
    {
      request: {
        principal: c.principal,
        action: c.action,
        resource: { resource: c.resource, accountId: c.account },
        contextVariables: c.context,
      },
      identityPolicies: c.identity.map((policy, i) => ({ name: `p${i}`, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      // As the emulator does: the library names a resource policy only once it is validated.
      resourcePolicy:
        c.trust === undefined
          ? undefined
          : createValidatedPolicy(c.trust, validateTrustPolicy, { name: "TrustPolicy" }),
    },
    {},
  );
}

function ours(c: Case) {
  const request: IamRequest = {
    principal: c.principal,
    action: c.action,
    resource: c.resource,
    resourceAccount: c.account,
    context: new RequestContext(c.context),
  };
  return evaluateRequest(
    {
      identity: c.identity.map((policy) => readPolicyDocument(policy)),
      resource: c.trust === undefined ? undefined : readPolicyDocument(c.trust),
    },
    request,
  );
}

function run(kind: string, count: number, make: (gen: Gen) => Case) {
  const gen = new Gen(random(SEED + kind.length));
  let agreed = 0;
  let notEvaluated = 0;
  const disagreements: Array<{ c: Case; expected: string; got: string }> = [];
  const outcomes: Record<string, number> = {};
  for (let i = 0; i < count; i++) {
    const c = make(gen);
    const expected = oracle(c);
    const got = ours(c);
    outcomes[expected] = (outcomes[expected] ?? 0) + 1;
    if (got.result === "NotEvaluated") {
      notEvaluated++;
      expect(JSON.stringify(c)).toMatch(/Date(Less|Greater)Than/);
      if (got.allowed === false) expect(expected).not.toBe("Allowed");
    } else if (got.result === expected) agreed++;
    else disagreements.push({ c, expected, got: got.result });
  }
  return { agreed, notEvaluated, disagreements, outcomes };
}

describe("awsafe's IAM evaluator against iam-simulate", () => {
  it.each([
    ["identity policies", IDENTITY_CASES, identityCase],
    ["trust policies with sts:AssumeRole", TRUST_CASES, trustCase],
  ] as const)("agrees on %s (seeded generated cases)", (kind, count, make) => {
    const started = performance.now();
    const { agreed, notEvaluated, disagreements, outcomes } = run(kind, count, make);
    const ms = Math.round(performance.now() - started);
    console.log(
      `differential (${kind}, seed ${SEED}): ${count} cases, ${agreed} agree, ${disagreements.length} disagree, ${notEvaluated} not evaluated (outside the subset); oracle outcomes ${JSON.stringify(outcomes)}; ${ms} ms`,
    );
    expect(disagreements.slice(0, 3)).toEqual([]);
    expect(agreed + notEvaluated).toBe(count);
    // The generator must exercise every outcome, or agreement would prove little.
    expect(Object.keys(outcomes).sort()).toEqual([
      "Allowed",
      "ExplicitlyDenied",
      "ImplicitlyDenied",
    ]);
  });
});
