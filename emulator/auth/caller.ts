import type { Session, SessionPrincipal } from "../world/model.js";

/** Who signed a request: the principal, and the session when the key is temporary. */
export interface Caller {
  readonly accessKeyId: string;
  readonly principal: SessionPrincipal;
  /** Undefined for long-term IAM-user keys. */
  readonly session: Session | undefined;
  readonly region: string;
}

/** The ARN GetCallerIdentity reports and policy evaluation uses as the principal. */
export function callerArn(caller: Caller): string {
  const p = caller.principal;
  switch (p.kind) {
    case "user":
      return p.user.arn;
    case "role":
      return `arn:aws:sts::${p.role.accountId}:assumed-role/${p.role.roleName}/${p.sessionName}`;
    case "federated":
      return `arn:aws:sts::${p.user.accountId}:federated-user/${p.name}`;
  }
}

/** The caller's account. */
export function callerAccount(caller: Caller): string {
  const p = caller.principal;
  return p.kind === "role" ? p.role.accountId : p.user.accountId;
}

/** The caller's unique id as GetCallerIdentity reports it. */
export function callerUserId(caller: Caller): string {
  const p = caller.principal;
  switch (p.kind) {
    case "user":
      return p.user.userId;
    case "role":
      return `${p.role.roleId}:${p.sessionName}`;
    case "federated":
      return `${p.user.accountId}:${p.name}`;
  }
}
