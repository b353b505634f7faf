import { iamPattern } from "./iam-pattern.js";
import type { PatternList } from "./policy-document.js";
import type { RequestContext } from "./request-context.js";
import type { Tri } from "./tri.js";

/** Identity policies (of users, groups, roles) or resource policies (a role's trust policy). */
export type PolicyKind = "identity" | "resource";

/** A pattern's verdict; `final` when a mismatch says nothing about NotResource (see below). */
interface PatternVerdict {
  readonly matches: boolean;
  /** A mismatch that does not put the resource outside the pattern (an unfillable variable). */
  readonly final: boolean;
}

/**
 * Whether a statement's `Resource` (any pattern covers the resource) or `NotResource` (none
 * does) applies to `resource`. ARNs are compared segment by segment: partition, service, region
 * and account without regard to case, with wildcards; then the resource type (`user/`), which
 * must be written as it is; then the resource ID, case-sensitive, with wildcards and policy
 * variables. A pattern with a variable the request cannot fill matches nothing, and for
 * NotResource it does not exclude anything either (IAM cannot tell). In identity policies an
 * ARN of fewer than six segments is read with `*` for the missing ones; in resource policies
 * only when it has a wildcard. `*` as the request's resource stands for an action that takes
 * no resource (`iam:ListUsers`): only a `*` pattern covers it.
 */
export function resourceElementMatches(
  element: PatternList,
  resource: string,
  context: RequestContext,
  kind: PolicyKind,
): Tri {
  for (const pattern of element.patterns) {
    if (!/^\*+$/.test(pattern) && !pattern.startsWith("arn:")) {
      return { unknown: `resource "${pattern}" is not an ARN` };
    }
  }
  const verdicts = element.patterns.map((pattern) =>
    patternVerdict(pattern, resource, context, kind),
  );
  if (!element.negated) return verdicts.some((verdict) => verdict.matches);
  return verdicts.every((verdict) => !verdict.matches && !verdict.final);
}

function patternVerdict(
  pattern: string,
  resource: string,
  context: RequestContext,
  kind: PolicyKind,
): PatternVerdict {
  if (/^\*+$/.test(pattern)) return { matches: true, final: false };
  const segments = pattern.split(":");
  if (segments.length < 6) {
    const wildcard = pattern.includes("*");
    if (kind === "resource" && !wildcard) return { matches: false, final: false };
    while (segments.length < 6) segments.push("*");
    const verdict = patternVerdict(segments.join(":"), resource, context, kind);
    return verdict.matches ? verdict : { matches: false, final: true };
  }
  if (resource === "*") return { matches: false, final: false };
  return arnVerdict(segments, resource, context);
}

function arnVerdict(
  segments: readonly string[],
  resource: string,
  context: RequestContext,
): PatternVerdict {
  const mismatch = { matches: false, final: false };
  const wanted = resource.split(":");
  for (let index = 1; index <= 4; index++) {
    const regex = iamPattern(segments[index] ?? "", context, { wildcards: true, ignoreCase: true });
    if (regex === undefined || !regex.test(wanted[index] ?? "")) return mismatch;
  }
  const policyResource = segments.slice(5).join(":");
  const requestResource = wanted.slice(5).join(":");
  const s3Bucket = segments[2] === "s3" && segments[3] === "" && segments[4] === "";
  const product = s3Bucket ? "" : resourceType(policyResource);
  if (!requestResource.startsWith(product)) return mismatch;
  const id = iamPattern(policyResource.slice(product.length), context, {
    wildcards: true,
    ignoreCase: false,
  });
  if (id === undefined) return { matches: false, final: true };
  return { matches: id.test(requestResource.slice(product.length)), final: false };
}

/** The resource-type part of an ARN's resource (`user/`, `key:`), written without wildcards. */
function resourceType(resource: string): string {
  const slash = resource.indexOf("/");
  const colon = resource.indexOf(":");
  if (slash !== -1 && colon !== -1) return resource.slice(0, Math.min(slash, colon) + 1);
  if (colon === -1) return resource.slice(0, slash + 1);
  return resource.slice(0, colon + 1);
}
