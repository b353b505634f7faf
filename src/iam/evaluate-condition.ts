import { iamPattern, resolveVariables } from "./iam-pattern.js";
import type { Condition } from "./policy-document.js";
import type { RequestContext } from "./request-context.js";
import type { Tri } from "./tri.js";

/** Compares one request value with a condition's values (any of them, or none for `Not` ones). */
type BaseOperator = (
  value: string,
  policyValues: readonly string[],
  context: RequestContext,
) => boolean;

/**
 * Whether `condition` holds for the request, as IAM evaluates it: a key the request lacks fails
 * the condition, except for `Null`, for the `...IfExists` forms and for the negated operators
 * (`StringNotEquals`, ...), which hold then; a key with several values needs `ForAnyValue:`
 * (some value matches; none when absent) or `ForAllValues:` (every value matches; holds when
 * absent). Operators outside the subset awsafe evaluates are undecided, never guessed.
 */
export function evaluateCondition(condition: Condition, context: RequestContext): Tri {
  const parsed = parseOperator(condition.operator);
  if (parsed === undefined) return notEvaluated(condition);
  const value = context.get(condition.key);
  if (parsed.base === "null") {
    const goal = value === undefined ? "true" : "false";
    return condition.values.some((policyValue) => policyValue.toLowerCase() === goal);
  }
  const base = baseOperators.get(parsed.base);
  if (base === undefined) return notEvaluated(condition);
  const test = (one: string) => base(one, condition.values, context);
  switch (parsed.set) {
    case "ForAnyValue":
      return value === undefined ? false : asList(value).some(test);
    case "ForAllValues":
      return value === undefined ? true : asList(value).every(test);
    case undefined:
      if (value === undefined) return parsed.ifExists || parsed.base.includes("not");
      return typeof value === "string" ? test(value) : false;
  }
}

/** The operators awsafe evaluates, for messages and documentation. */
export const evaluatedOperators: readonly string[] = [
  "Bool",
  "Null",
  "StringEquals",
  "StringNotEquals",
  "StringEqualsIgnoreCase",
  "StringNotEqualsIgnoreCase",
  "StringLike",
  "StringNotLike",
  "ArnEquals",
  "ArnLike",
  "ArnNotEquals",
  "ArnNotLike",
  "NumericEquals",
  "NumericNotEquals",
  "NumericLessThan",
  "NumericLessThanEquals",
  "NumericGreaterThan",
  "NumericGreaterThanEquals",
];

interface ParsedOperator {
  readonly set: "ForAnyValue" | "ForAllValues" | undefined;
  /** Lower case, without `IfExists`. */
  readonly base: string;
  readonly ifExists: boolean;
}

function parseOperator(operator: string): ParsedOperator | undefined {
  const parts = operator.split(":");
  if (parts.length > 2) return undefined;
  const [first = "", second] = parts;
  let set: ParsedOperator["set"];
  if (second !== undefined) {
    if (first.toLowerCase() === "forallvalues") set = "ForAllValues";
    else if (first.toLowerCase() === "foranyvalue") set = "ForAnyValue";
    else return undefined;
  }
  const name = (second ?? first).toLowerCase();
  const ifExists = name.endsWith("ifexists");
  return { set, base: ifExists ? name.slice(0, -"ifexists".length) : name, ifExists };
}

function asList(value: string | readonly string[]): readonly string[] {
  return typeof value === "string" ? [value] : value;
}

function notEvaluated(condition: Condition): Tri {
  return { unknown: `condition operator ${condition.operator} (on ${condition.key})` };
}

const anyString =
  (wildcards: boolean, ignoreCase: boolean): BaseOperator =>
  (value, policyValues, context) =>
    policyValues.some(
      (policyValue) =>
        iamPattern(policyValue, context, { wildcards, ignoreCase })?.test(value) === true,
    );

const noString =
  (wildcards: boolean, ignoreCase: boolean): BaseOperator =>
  (value, policyValues, context) =>
    policyValues.every(
      (policyValue) =>
        iamPattern(policyValue, context, { wildcards, ignoreCase })?.test(value) === false,
    );

const bool: BaseOperator = (value, policyValues, context) =>
  policyValues.some((policyValue) => {
    const resolved = resolveVariables(policyValue, context)?.toLowerCase();
    const given = value.toLowerCase();
    const booleans = ["true", "false"];
    return (
      resolved !== undefined &&
      booleans.includes(resolved) &&
      booleans.includes(given) &&
      resolved === given
    );
  });

const numeric =
  (holds: (requestNumber: number, policyNumber: number) => boolean, every = false): BaseOperator =>
  (value, policyValues) => {
    const requestNumber = parseNumber(value);
    const check = (policyValue: string) => {
      const policyNumber = parseNumber(policyValue);
      return (
        requestNumber !== undefined &&
        policyNumber !== undefined &&
        holds(requestNumber, policyNumber)
      );
    };
    return every ? policyValues.every(check) : policyValues.some(check);
  };

function parseNumber(text: string): number | undefined {
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : undefined;
}

/** ArnLike/ArnEquals: five `:`-separated parts compared one by one, wildcards in each. */
function arnMatches(
  policyArn: string,
  value: string,
  context: RequestContext,
): boolean | undefined {
  const policy = arnParts(policyArn);
  const request = arnParts(value);
  if (policy === undefined || request === undefined) return undefined;
  let matched = true;
  for (const [index, part] of policy.entries()) {
    const regex = iamPattern(part, context, { wildcards: true, ignoreCase: false });
    if (regex === undefined) return undefined;
    if (!regex.test(request[index] ?? "")) matched = false;
  }
  return matched;
}

function arnParts(arn: string): string[] | undefined {
  const parts = arn.split(":");
  if (parts.length < 5) return undefined;
  return [...parts.slice(1, 5), parts.slice(5).join(":")];
}

const anyArn: BaseOperator = (value, policyValues, context) =>
  policyValues.some((policyValue) => arnMatches(policyValue, value, context) === true);

const noArn: BaseOperator = (value, policyValues, context) =>
  policyValues.every((policyValue) => arnMatches(policyValue, value, context) === false);

const baseOperators = new Map<string, BaseOperator>([
  ["bool", bool],
  ["stringequals", anyString(false, false)],
  ["stringnotequals", noString(false, false)],
  ["stringequalsignorecase", anyString(false, true)],
  ["stringnotequalsignorecase", noString(false, true)],
  ["stringlike", anyString(true, false)],
  ["stringnotlike", noString(true, false)],
  ["arnequals", anyArn],
  ["arnlike", anyArn],
  ["arnnotequals", noArn],
  ["arnnotlike", noArn],
  ["numericequals", numeric((a, b) => a === b)],
  ["numericnotequals", numeric((a, b) => a !== b, true)],
  ["numericlessthan", numeric((a, b) => a < b)],
  ["numericlessthanequals", numeric((a, b) => a <= b)],
  ["numericgreaterthan", numeric((a, b) => a > b)],
  ["numericgreaterthanequals", numeric((a, b) => a >= b)],
]);
