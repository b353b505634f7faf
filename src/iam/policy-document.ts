import { ConfigError } from "../errors.js";

/** `Allow` or `Deny`. */
export type Effect = "Allow" | "Deny";

/** `Action` (`negated: false`) or `NotAction`; `Resource` or `NotResource`. */
export interface PatternList {
  readonly negated: boolean;
  readonly patterns: readonly string[];
}

/** `"*"`, or principals by type (`AWS`, `Service`, `Federated`, `CanonicalUser`). */
export type PrincipalValue = "*" | Readonly<Record<string, readonly string[]>>;

/** `Principal` or `NotPrincipal` (resource and trust policies). */
export interface PrincipalElement {
  readonly negated: boolean;
  readonly value: PrincipalValue;
}

/** One `"Operator": {"key": values}` pair; the values as strings, as IAM compares them. */
export interface Condition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** One statement, its elements normalized to lists. */
export interface Statement {
  readonly sid: string | undefined;
  readonly effect: Effect;
  readonly action: PatternList;
  /** Absent in trust policies, which name no resource. */
  readonly resource: PatternList | undefined;
  readonly principal: PrincipalElement | undefined;
  readonly conditions: readonly Condition[];
}

/** A policy document: identity, trust or other resource policy. */
export interface PolicyDocument {
  readonly version: string | undefined;
  readonly statements: readonly Statement[];
}

/** A document that is not a policy IAM would accept; `path` says where (`Statement[1].Effect`). */
export class PolicyDocumentError extends ConfigError {}

/**
 * Reads a policy document (already parsed JSON, or its text as IAM returns it, URL-encoded or
 * not) into its statements. Strings and lists are normalized; booleans and numbers in condition
 * values become the strings IAM compares (`true` → `"true"`).
 *
 * @throws PolicyDocumentError naming the element that is malformed.
 */
export function readPolicyDocument(input: unknown, name = "policy"): PolicyDocument {
  const json = typeof input === "string" ? parseText(input, name) : input;
  if (!isRecord(json)) throw malformed(name, "", "is not a JSON object");
  const version = json.Version;
  if (version !== undefined && typeof version !== "string") {
    throw malformed(name, "Version", "is not a string");
  }
  const raw = json.Statement;
  if (raw === undefined) throw malformed(name, "Statement", "is missing");
  const list = Array.isArray(raw) ? (raw as unknown[]) : [raw];
  return {
    version,
    statements: list.map((statement, index) =>
      readStatement(statement, name, Array.isArray(raw) ? `Statement[${index}]` : "Statement"),
    ),
  };
}

function readStatement(input: unknown, name: string, path: string): Statement {
  if (!isRecord(input)) throw malformed(name, path, "is not an object");
  const effect = input.Effect;
  if (effect !== "Allow" && effect !== "Deny") {
    throw malformed(name, `${path}.Effect`, 'is neither "Allow" nor "Deny"');
  }
  const sid = input.Sid;
  const action = patternList(input, "Action", "NotAction", name, path);
  if (action === undefined) throw malformed(name, `${path}.Action`, "is missing");
  return {
    sid: typeof sid === "string" ? sid : undefined,
    effect,
    action,
    resource: patternList(input, "Resource", "NotResource", name, path),
    principal: principalElement(input, name, path),
    conditions: conditions(input.Condition, name, `${path}.Condition`),
  };
}

function patternList(
  statement: Record<string, unknown>,
  plain: string,
  negated: string,
  name: string,
  path: string,
): PatternList | undefined {
  const given = statement[plain];
  const not = statement[negated];
  if (given !== undefined && not !== undefined) {
    throw malformed(name, path, `has both ${plain} and ${negated}`);
  }
  if (given === undefined && not === undefined) return undefined;
  const element = given === undefined ? negated : plain;
  return {
    negated: given === undefined,
    patterns: stringList(given ?? not, name, `${path}.${element}`),
  };
}

function principalElement(
  statement: Record<string, unknown>,
  name: string,
  path: string,
): PrincipalElement | undefined {
  const given = statement.Principal;
  const not = statement.NotPrincipal;
  if (given !== undefined && not !== undefined) {
    throw malformed(name, path, "has both Principal and NotPrincipal");
  }
  const value = given ?? not;
  if (value === undefined) return undefined;
  const element = `${path}.${given === undefined ? "NotPrincipal" : "Principal"}`;
  if (value === "*") return { negated: given === undefined, value: "*" };
  if (!isRecord(value)) throw malformed(name, element, 'is neither "*" nor an object');
  const byType: Record<string, readonly string[]> = Object.create(null) as Record<
    string,
    readonly string[]
  >;
  for (const [type, ids] of Object.entries(value)) {
    if (type === "__proto__") throw malformed(name, element, "names __proto__");
    byType[type] = stringList(ids, name, `${element}.${type}`);
  }
  return { negated: given === undefined, value: byType };
}

function conditions(input: unknown, name: string, path: string): Condition[] {
  if (input === undefined) return [];
  if (!isRecord(input)) throw malformed(name, path, "is not an object");
  const found: Condition[] = [];
  for (const [operator, block] of Object.entries(input)) {
    if (!isRecord(block)) throw malformed(name, `${path}.${operator}`, "is not an object");
    for (const [key, values] of Object.entries(block)) {
      found.push({ operator, key, values: conditionValues(values, name, `${path}.${operator}`) });
    }
  }
  return found;
}

function conditionValues(input: unknown, name: string, path: string): string[] {
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  return list.map((value) => {
    if (typeof value === "string") return value;
    if (typeof value === "boolean" || typeof value === "number") return String(value);
    throw malformed(name, path, "holds a value that is not a string, number or boolean");
  });
}

function stringList(input: unknown, name: string, path: string): string[] {
  const list = Array.isArray(input) ? (input as unknown[]) : [input];
  if (list.length === 0) throw malformed(name, path, "is empty");
  return list.map((value) => {
    if (typeof value !== "string")
      throw malformed(name, path, "holds a value that is not a string");
    return value;
  });
}

// IAM's Query API returns documents URL-encoded (RFC 3986); a document never starts with "%".
function parseText(text: string, name: string): unknown {
  const decoded = text.trimStart().startsWith("%") ? safeDecode(text) : text;
  try {
    return JSON.parse(decoded) as unknown;
  } catch {
    throw malformed(name, "", "is not JSON");
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function malformed(name: string, path: string, what: string): PolicyDocumentError {
  const where = path === "" ? name : `${name}: ${path}`;
  return new PolicyDocumentError(`The ${where} ${what}`, {
    hint: "IAM would refuse this document; fix it, or check what produced it",
  });
}
