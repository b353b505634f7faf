import {
  createValidatedPolicy,
  validateIdentityPolicy,
  validateTrustPolicy,
} from "@cloud-copilot/iam-policy";
import { runSimulation, runUnsafeSimulation, type Simulation } from "@cloud-copilot/iam-simulate";
import { AwsError } from "../http/aws-error.js";
import type { NamedPolicy } from "../world/world.js";

/** The three outcomes of IAM's policy evaluation logic. */
export type Decision = "Allowed" | "ExplicitlyDenied" | "ImplicitlyDenied";

/** One authorization question, with policies as JSON text. */
export interface PolicyQuestion {
  readonly principalArn: string;
  readonly action: string;
  readonly resourceArn: string;
  readonly resourceAccount: string;
  readonly identityPolicies: readonly NamedPolicy[];
  /** A trust or other resource policy. */
  readonly resourcePolicy?: string | undefined;
  /** The session policy of a role or federated-user session. */
  readonly sessionPolicy?: string | undefined;
  readonly context: Readonly<Record<string, string | string[]>>;
  /**
   * Keep context keys the library's IAM data does not list for the action. Needed for OIDC
   * federation: AWS supports `<provider>:aud` / `:sub` for every provider, the data lists them
   * for a few. Only for questions without a session policy (the unchecked path ignores those).
   */
  readonly keepUnlistedContextKeys?: boolean;
}

/**
 * Runs IAM's evaluation logic through `@cloud-copilot/iam-simulate` (identity, resource and
 * session policies, conditions, policy variables, same/cross-account rules). A policy the library
 * rejects is an emulator setup error and answers InternalFailure with its message.
 */
export async function evaluatePolicies(question: PolicyQuestion): Promise<Decision> {
  const simulation: Simulation = {
    request: {
      principal: question.principalArn,
      action: question.action,
      resource: { resource: question.resourceArn, accountId: question.resourceAccount },
      contextVariables: { ...question.context },
    },
    identityPolicies: question.identityPolicies.map((p) => ({
      name: p.name,
      policy: parse(p.document),
    })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    resourcePolicy:
      question.resourcePolicy === undefined ? undefined : parse(question.resourcePolicy),
    sessionPolicy: question.sessionPolicy === undefined ? undefined : parse(question.sessionPolicy),
  };
  if (question.keepUnlistedContextKeys === true) return evaluateUnlisted(question, simulation);
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") {
    throw new AwsError(
      "InternalFailure",
      `emulator could not evaluate ${question.action}: ${JSON.stringify(result.errors)}`,
      500,
    );
  }
  return result.overallResult;
}

// The library's unchecked path: same engine, no context-key filtering. Policies are validated
// here first, and handed over as ValidatedPolicy so they keep their names.
function evaluateUnlisted(question: PolicyQuestion, simulation: Simulation): Decision {
  const identity = question.identityPolicies.map((p) =>
    createValidatedPolicy(parse(p.document), validateIdentityPolicy, { name: p.name }),
  );
  const resource =
    question.resourcePolicy === undefined
      ? undefined
      : createValidatedPolicy(parse(question.resourcePolicy), validateTrustPolicy, {
          name: "ResourcePolicy",
        });
  const invalid = [...identity, ...(resource === undefined ? [] : [resource])].find(
    (p) => p.errors.length > 0,
  );
  if (invalid !== undefined || question.sessionPolicy !== undefined) {
    throw new AwsError(
      "InternalFailure",
      `emulator could not evaluate ${question.action}: ${JSON.stringify(invalid?.errors ?? "session policy")}`,
      500,
    );
  }
  return runUnsafeSimulation(
    {
      ...simulation,
      identityPolicies: identity.map((p, i) => ({
        name: question.identityPolicies[i]?.name ?? String(i),
        policy: p,
      })),
      resourcePolicy: resource,
    },
    {},
  );
}

function parse(document: string): unknown {
  return JSON.parse(document);
}
