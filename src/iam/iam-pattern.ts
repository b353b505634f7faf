import type { RequestContext } from "./request-context.js";

/** How a policy string is turned into a matcher. */
export interface PatternOptions {
  /** `*` and `?` are wildcards (`StringLike`, resources, actions); otherwise literal characters. */
  readonly wildcards: boolean;
  readonly ignoreCase: boolean;
}

/**
 * A policy string (a resource ID, a condition value) as a regular expression, its policy
 * variables (`${aws:username}`) replaced by the request's values. `${*}`, `${?}` and `${$}` are
 * the literal characters. `${key, 'default'}` falls back to the default when the request lacks
 * the key. A variable the request cannot fill (absent, or a list) makes the string match nothing,
 * as IAM documents ("policy-vars-no-value"): `undefined`.
 */
export function iamPattern(
  text: string,
  context: RequestContext,
  options: PatternOptions,
): RegExp | undefined {
  const source = patternSource(text, context, options);
  return source === undefined
    ? undefined
    : new RegExp(`^${source}$`, options.ignoreCase ? "i" : "");
}

/** The string with its policy variables replaced, wildcards kept; `undefined` as above. */
export function resolveVariables(text: string, context: RequestContext): string | undefined {
  let out = "";
  for (const token of tokens(text)) {
    if (token.kind === "literal" || token.kind === "wildcard") {
      out += token.text;
      continue;
    }
    const value = variableValue(token.text, context);
    if (value === undefined) return undefined;
    out += value;
  }
  return out;
}

function patternSource(
  text: string,
  context: RequestContext,
  options: PatternOptions,
): string | undefined {
  let source = "";
  for (const token of tokens(text)) {
    switch (token.kind) {
      case "literal":
        source += escapeRegex(token.text);
        break;
      case "wildcard":
        source += options.wildcards ? (token.text === "*" ? ".*?" : ".") : escapeRegex(token.text);
        break;
      case "variable": {
        const value = variableValue(token.text, context);
        if (value === undefined) return undefined;
        source += escapeRegex(value);
        break;
      }
    }
  }
  return source;
}

type Token =
  | { readonly kind: "literal"; readonly text: string }
  | { readonly kind: "wildcard"; readonly text: "*" | "?" }
  | { readonly kind: "variable"; readonly text: string };

function* tokens(text: string): Generator<Token> {
  let literal = "";
  for (let index = 0; index < text.length;) {
    const char = text.charAt(index);
    const end = char === "$" && text.charAt(index + 1) === "{" ? text.indexOf("}", index + 2) : -1;
    if (char === "*" || char === "?") {
      if (literal !== "") yield { kind: "literal", text: literal };
      literal = "";
      yield { kind: "wildcard", text: char };
      index++;
    } else if (end !== -1) {
      if (literal !== "") yield { kind: "literal", text: literal };
      literal = "";
      yield { kind: "variable", text: text.slice(index + 2, end) };
      index = end + 1;
    } else {
      literal += char;
      index++;
    }
  }
  if (literal !== "") yield { kind: "literal", text: literal };
}

/** The value a `${...}` stands for: one of the escapes, the key's value, or its default. */
function variableValue(inside: string, context: RequestContext): string | undefined {
  if (inside === "*" || inside === "?" || inside === "$") return inside;
  const [name, fallback] = splitDefault(inside);
  const value = context.single(name.trim());
  // IAM treats an empty value like a missing one when a default is given.
  if (value !== undefined && value !== "") return value;
  return fallback === "" ? undefined : fallback;
}

function splitDefault(inside: string): [string, string | undefined] {
  const parts = inside.split(", ");
  const second = parts[1];
  if (parts.length === 2 && second !== undefined && second.length >= 2) {
    if (second.startsWith("'") && second.endsWith("'")) {
      return [parts[0] ?? "", second.slice(1, -1)];
    }
  }
  return [inside, undefined];
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}
