import type { PageLimit } from "../control/page-limit.js";
import { AwsError } from "../http/aws-error.js";
import { jsonResponse } from "../http/responses.js";
import type { EmulatorRequest, EmulatorResponse } from "../http/types.js";
import type { EmulatorState } from "../state.js";
import { issueSession } from "../sts/issue-session.js";
import type { SsoAccount } from "./sso-directory.js";
import type { SsoToken } from "./sso-runtime.js";
import { liveAccessToken } from "./token-store.js";

/** ListAccounts (`GET /assignment/accounts`), paged by `next_token` / `max_result`. */
export function listAccounts(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  bearer(state, request);
  const accounts = state.sso?.accounts ?? [];
  const { items, nextToken } = page(accounts, request.url.searchParams, state.pageLimit);
  return jsonResponse(200, {
    accountList: items.map((a) => ({
      accountId: a.accountId,
      accountName: a.accountName,
      emailAddress: a.emailAddress,
    })),
    ...(nextToken === undefined ? {} : { nextToken }),
  });
}

/** ListAccountRoles (`GET /assignment/roles?account_id=…`). */
export function listAccountRoles(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  bearer(state, request);
  const account = assignedAccount(state, request.url.searchParams.get("account_id"));
  const { items, nextToken } = page(
    [...account.roles.keys()],
    request.url.searchParams,
    state.pageLimit,
  );
  return jsonResponse(200, {
    roleList: items.map((roleName) => ({ roleName, accountId: account.accountId })),
    ...(nextToken === undefined ? {} : { nextToken }),
  });
}

/** GetRoleCredentials (`GET /federation/credentials?role_name=…&account_id=…`); expiration in ms. */
export function getRoleCredentials(
  state: EmulatorState,
  request: EmulatorRequest,
): EmulatorResponse {
  const token = bearer(state, request);
  const q = request.url.searchParams;
  const account = assignedAccount(state, q.get("account_id"));
  const roleName = q.get("role_name") ?? "";
  const role = account.roles.get(roleName);
  if (role === undefined) throw new AwsError("ForbiddenException", "No access", 403);
  const session = issueSession(state.world, {
    principal: { kind: "role", role, sessionName: token.userName },
    durationSeconds: state.sso?.sessionDurations.get(roleName) ?? 3600,
    mfaAuthenticatedAt: undefined,
    chained: false,
  });
  return jsonResponse(200, {
    roleCredentials: {
      accessKeyId: session.accessKeyId,
      secretAccessKey: session.secretAccessKey,
      sessionToken: session.sessionToken,
      expiration: session.expiration.getTime(),
    },
  });
}

/** Logout (`POST /logout`): the access token stops working. */
export function logout(state: EmulatorState, request: EmulatorRequest): EmulatorResponse {
  bearer(state, request).revoked = true;
  return { status: 200, headers: {}, body: "" };
}

function bearer(state: EmulatorState, request: EmulatorRequest): SsoToken {
  const header = request.headers["x-amz-sso_bearer_token"];
  const token = liveAccessToken(state, Array.isArray(header) ? header[0] : header);
  if (token === undefined)
    throw new AwsError("UnauthorizedException", "Session token not found or invalid", 401);
  return token;
}

function assignedAccount(state: EmulatorState, accountId: string | null): SsoAccount {
  const account = state.sso?.accounts.find((a) => a.accountId === accountId);
  if (account === undefined)
    throw new AwsError("ResourceNotFoundException", "Account not found", 404);
  return account;
}

function page<T>(
  items: readonly T[],
  q: URLSearchParams,
  limit: PageLimit,
): { items: T[]; nextToken: string | undefined } {
  const start = Number(q.get("next_token") ?? "0") || 0;
  const max = limit.apply(Math.min(Number(q.get("max_result") ?? "100") || 100, 100));
  const slice = items.slice(start, start + max);
  const next = start + slice.length;
  return { items: slice, nextToken: next < items.length ? String(next) : undefined };
}
