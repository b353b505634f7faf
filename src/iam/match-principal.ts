import type { PrincipalElement } from "./policy-document.js";

/**
 * How a statement's principal covers the caller: `match` names it (or `*`); `role-session` /
 * `user-session` name the role (or user) whose session it is; `account` names only its account,
 * which in a role's trust policy delegates the decision to the account's IAM policies.
 */
export type PrincipalMatch = "match" | "user-session" | "role-session" | "account" | "none";

/**
 * How `element` (a statement's `Principal` or `NotPrincipal`) covers `caller`, an ARN (an IAM
 * user, a role, an assumed-role or federated-user session) or a service principal
 * (`ec2.amazonaws.com`). A statement without a principal covers nobody in a resource policy.
 */
export function principalMatch(
  element: PrincipalElement | undefined,
  caller: string,
): PrincipalMatch {
  if (element === undefined) return "none";
  const entries: Array<[string, string]> =
    element.value === "*"
      ? [["AWS", "*"]]
      : Object.entries(element.value).flatMap(([type, ids]) =>
          ids.map((id): [string, string] => [type, id]),
        );
  const found = entries.map(([type, id]) => entryMatch(type, id, caller));
  if (element.negated) return found.some((match) => match !== "none") ? "none" : "match";
  for (const best of ["match", "user-session", "role-session", "account"] as const) {
    if (found.includes(best)) return best;
  }
  return "none";
}

function entryMatch(type: string, id: string, caller: string): PrincipalMatch {
  switch (type) {
    case "Service":
    case "Federated":
    case "CanonicalUser":
      return id === caller ? "match" : "none";
    case "AWS":
      return awsEntryMatch(id, caller);
    default:
      return "none";
  }
}

function awsEntryMatch(id: string, caller: string): PrincipalMatch {
  if (/^\*+$/.test(id)) return "match";
  const account = /^\d{12}$/.test(id) ? id : /^arn:[^:]*:iam::(\d{12}):root$/.exec(id)?.[1];
  if (account !== undefined) return account === arnAccount(caller) ? "account" : "none";
  if (/^A[0-9A-Z]+$/.test(id)) return "none";
  if (roleOfSession(id, caller)) return "role-session";
  if (userOfFederatedSession(caller) === id) return "user-session";
  return id === caller ? "match" : "none";
}

/** The account segment of an ARN; `undefined` for a service principal. */
export function arnAccount(arn: string): string | undefined {
  return /^arn:[^:]*:[^:]*:[^:]*:(\d{12}):/.exec(arn)?.[1];
}

// `arn:aws:iam::A:role/path/Name` names the sessions `arn:aws:sts::A:assumed-role/Name/session`.
function roleOfSession(roleArn: string, caller: string): boolean {
  const role = /^arn:([^:]*):iam::(\d{12}):role\/(?:.*\/)?([^/]+)$/.exec(roleArn);
  const session = /^arn:([^:]*):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(caller);
  if (role === null || session === null) return false;
  return (
    role[1] === session[1] &&
    role[2] === session[2] &&
    (role[3] ?? "").toLowerCase() === (session[3] ?? "").toLowerCase()
  );
}

function userOfFederatedSession(caller: string): string | undefined {
  const federated = /^arn:([^:]*):sts::(\d{12}):federated-user\/(.+)$/.exec(caller);
  if (federated === null) return undefined;
  return `arn:${federated[1] ?? ""}:iam::${federated[2] ?? ""}:user/${federated[3] ?? ""}`;
}
