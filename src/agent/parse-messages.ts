import { nameMap } from "../config/name-map.js";
import { readCredentialsData } from "../ports/credentials-json.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import {
  fromWireSignedIn,
  fromWireSignInRequest,
  toWireSignedIn,
  toWireSignInRequest,
} from "./sign-in-wire.js";
import type {
  AgentReply,
  AgentStatus,
  ClientMessage,
  WireCause,
  WireError,
} from "./agent-protocol.js";

type Fields = Readonly<Record<string, unknown>>;

/** A message from a client, checked field by field; `undefined` when it is malformed. */
export function parseClientMessage(m: Fields): ClientMessage | undefined {
  const v = num(m, "v");
  switch (m.type) {
    case "credentials": {
      const profile = str(m, "profile");
      const env = stringMap(m.env);
      if (v === undefined || profile === undefined || env === undefined) return undefined;
      const durationSeconds = num(m, "durationSeconds");
      const region = str(m, "region");
      const backend = str(m, "backend");
      return {
        v,
        type: "credentials",
        profile,
        env,
        ...(durationSeconds === undefined ? {} : { durationSeconds }),
        ...(m.noSession === true ? { noSession: true } : {}),
        ...(m.sessionOnly === true ? { sessionOnly: true } : {}),
        ...(region === undefined ? {} : { region }),
        ...(backend === undefined ? {} : { backend }),
        ...(m.debug === true ? { debug: true } : {}),
        ...(m.ifRemembered === true ? { ifRemembered: true } : {}),
      };
    }
    case "forget": {
      const profile = str(m, "profile");
      const env = stringMap(m.env);
      const ssoKey = str(m, "ssoKey");
      if (v === undefined || env === undefined) return undefined;
      return {
        v,
        type: "forget",
        ...(profile === undefined ? {} : { profile }),
        env,
        ...(ssoKey === undefined ? {} : { ssoKey }),
      };
    }
    case "sso-signed-in": {
      const signedIn = fromWireSignedIn(m.signedIn);
      return signedIn === undefined
        ? undefined
        : { type: "sso-signed-in", signedIn: toWireSignedIn(signedIn) };
    }
    case "sso-sign-in-failed": {
      const error = wireError(m.error);
      return error === undefined ? undefined : { type: "sso-sign-in-failed", error };
    }
    case "status":
    case "stop":
      return v === undefined ? undefined : { v, type: m.type };
    case "mfa-code": {
      const code = str(m, "code");
      return code === undefined ? undefined : { type: "mfa-code", code };
    }
    case "mfa-failed": {
      const error = wireError(m.error);
      return error === undefined ? undefined : { type: "mfa-failed", error };
    }
    default:
      return undefined;
  }
}

/** A message from the agent, checked field by field; `undefined` when it is malformed. */
export function parseAgentMessage(m: Fields): AgentReply | undefined {
  switch (m.type) {
    case "mfa": {
      const request = mfaRequest(m.request);
      return request === undefined ? undefined : { type: "mfa", request };
    }
    case "sso-sign-in": {
      const request = fromWireSignInRequest(m.request);
      return request === undefined
        ? undefined
        : { type: "sso-sign-in", request: toWireSignInRequest(request) };
    }
    case "credentials": {
      const read = readCredentialsData(m.credentials);
      const region = str(m, "region");
      if ("problem" in read) return undefined;
      const trace = traceLines(m.trace);
      return {
        type: "credentials",
        credentials: read.credentials,
        ...(region === undefined ? {} : { region }),
        ...(trace === undefined ? {} : { trace }),
      };
    }
    case "status": {
      const status = agentStatus(m.status);
      return status === undefined ? undefined : { type: "status", status };
    }
    case "accepted":
    case "stopping":
      return { type: m.type };
    case "forgotten": {
      const sessions = num(m, "sessions");
      return sessions === undefined ? undefined : { type: "forgotten", sessions };
    }
    case "error": {
      const error = wireError(m.error);
      const trace = traceLines(m.trace);
      return error === undefined
        ? undefined
        : { type: "error", error, ...(trace === undefined ? {} : { trace }) };
    }
    default:
      return undefined;
  }
}

/** The `trace` of an answer: its string lines; `undefined` when absent. */
function traceLines(value: unknown): string[] | undefined {
  return Array.isArray(value)
    ? value.filter((line): line is string => typeof line === "string")
    : undefined;
}

function fields(value: unknown): Fields | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? Object.fromEntries(Object.entries(value))
    : undefined;
}

function str(m: Fields, key: string): string | undefined {
  const value = m[key];
  return typeof value === "string" ? value : undefined;
}

function num(m: Fields, key: string): number | undefined {
  const value = m[key];
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function stringMap(value: unknown): Record<string, string> | undefined {
  const m = fields(value);
  if (m === undefined) return undefined;
  // Names come from the other end of the socket: a map that inherits nothing.
  const map = nameMap<string>();
  for (const [key, item] of Object.entries(m)) {
    if (typeof item === "string" && key !== "__proto__") map[key] = item;
  }
  return map;
}

const errorKinds = [
  "usage",
  "store",
  "auth",
  "mfa-rejected",
  "config",
  "unavailable",
  "client-only",
  "internal",
] as const;

function wireError(value: unknown): WireError | undefined {
  const m = fields(value);
  const kind = errorKinds.find((k) => k === m?.kind);
  const message = m === undefined ? undefined : str(m, "message");
  if (m === undefined || kind === undefined || message === undefined) return undefined;
  const hint = str(m, "hint");
  const serialNumber = str(m, "serialNumber");
  const causes = Array.isArray(m.causes) ? m.causes.flatMap(wireCause) : [];
  return {
    kind,
    message,
    ...(hint === undefined ? {} : { hint }),
    ...(serialNumber === undefined ? {} : { serialNumber }),
    ...(causes.length === 0 ? {} : { causes }),
  };
}

function wireCause(value: unknown): WireCause[] {
  const m = fields(value);
  const name = m === undefined ? undefined : str(m, "name");
  const message = m === undefined ? undefined : str(m, "message");
  return name === undefined || message === undefined ? [] : [{ name, message }];
}

function mfaRequest(value: unknown): MfaRequest | undefined {
  const m = fields(value);
  if (m === undefined) return undefined;
  const serialNumber = str(m, "serialNumber");
  const profile = str(m, "profile");
  const attempt = num(m, "attempt");
  const mfaProcess = str(m, "mfaProcess");
  const attempts = num(m, "attempts");
  const lastFailure = str(m, "lastFailure");
  if (serialNumber === undefined || profile === undefined || attempt === undefined)
    return undefined;
  return {
    serialNumber,
    profile,
    attempt,
    ...(mfaProcess === undefined ? {} : { mfaProcess }),
    ...(attempts === undefined ? {} : { attempts }),
    ...(lastFailure === undefined ? {} : { lastFailure }),
  };
}

function agentStatus(value: unknown): AgentStatus | undefined {
  const m = fields(value);
  if (m === undefined) return undefined;
  const pid = num(m, "pid");
  const version = str(m, "version");
  const protocol = num(m, "protocol");
  const startedAt = str(m, "startedAt");
  const sessions = num(m, "sessions");
  const socket = str(m, "socket");
  const memoryProtected = m.memoryProtected === true;
  if (
    pid === undefined ||
    version === undefined ||
    protocol === undefined ||
    startedAt === undefined ||
    sessions === undefined ||
    socket === undefined
  ) {
    return undefined;
  }
  return { pid, version, protocol, startedAt, sessions, socket, memoryProtected };
}
