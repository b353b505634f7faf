import type { AwsCredentials } from "../ports/aws/credentials.js";
import type { CredentialsData } from "../ports/credentials-json.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import type { WireSignedIn, WireSignInRequest } from "./sign-in-wire.js";

/**
 * The agent's wire protocol: one JSON object per line over the Unix socket. The client sends a
 * request; for `credentials` the agent may ask the client for MFA codes (`mfa` → `mfa-code` or
 * `mfa-failed`) before it answers. Every request carries the protocol version; an agent that
 * speaks another one answers with an error and the client falls back to working in-process.
 */
export const agentProtocolVersion = 1;

/** What a `credentials` request asks for, and the client's environment it is resolved in. */
export interface CredentialsRequest {
  readonly v: number;
  readonly type: "credentials";
  readonly profile: string;
  readonly durationSeconds?: number;
  readonly noSession?: boolean;
  /** Only the keys' GetSessionToken session, not the roles above it (`rotate`). */
  readonly sessionOnly?: boolean;
  readonly region?: string;
  /** `--backend`, when given. */
  readonly backend?: string;
  /** The client's environment: shared-file paths, endpoints, region, the store's settings. */
  readonly env: Readonly<Record<string, string>>;
  /**
   * The client runs with `--debug`: the answer carries `trace`, what the agent decided and did
   * for this request. Optional both ways, so agents and clients of protocol 1 without it still
   * understand each other (an older agent ignores it and sends no trace).
   */
  readonly debug?: boolean;
  /**
   * Answer only with an answer the agent remembers (the same request over unchanged files, see
   * answer-cache.ts), as `process-output`; otherwise an error of kind `client-only`, at once, with
   * nothing started: no store opened, no AWS call, no question. A client sends it before it
   * does anything else (runtime/remembered-answer.ts) and asks in full when refused. An agent of
   * protocol 1 without it resolves the request as usual, which such a client does not wait for.
   */
  readonly ifRemembered?: boolean;
}

/**
 * Drops what the agent holds for a profile, resolved in the client's environment: the sessions
 * made from its credentials or for it, and every remembered answer (`remove`, `remove --sessions`).
 */
export interface ForgetRequest {
  readonly v: number;
  readonly type: "forget";
  /** The profile whose sessions go; absent: every session (`awsafe clear --all`). */
  readonly profile?: string;
  readonly env: Readonly<Record<string, string>>;
  /**
   * Set by `sso logout`: drop the role sessions of this IAM Identity Center sign-in (sso-session
   * name or start URL) instead of a profile's.
   */
  readonly ssoKey?: string;
}

/** A request that opens a conversation. */
export type AgentRequest =
  | CredentialsRequest
  | ForgetRequest
  | { readonly v: number; readonly type: "status" }
  | { readonly v: number; readonly type: "stop" };

/** The client's answer to an `mfa` question. */
export type MfaReply =
  | { readonly type: "mfa-code"; readonly code: string }
  | { readonly type: "mfa-failed"; readonly error: WireError };

/** The client's answer to an `sso-sign-in` question. */
export type SignInReply =
  | { readonly type: "sso-signed-in"; readonly signedIn: WireSignedIn }
  | { readonly type: "sso-sign-in-failed"; readonly error: WireError };

/** Anything a client sends. */
export type ClientMessage = AgentRequest | MfaReply | SignInReply;

/** An AppError as it travels: its class by kind, message and hint, and its causes. */
export interface WireError {
  readonly kind:
    | "usage"
    | "store"
    | "auth"
    | "mfa-rejected"
    | "config"
    | "unavailable"
    | "client-only"
    | "internal";
  readonly message: string;
  readonly hint?: string;
  readonly serialNumber?: string;
  /** What caused it, outermost first (redacted), for `--debug`. */
  readonly causes?: readonly WireCause[];
}

/** One cause of a {@link WireError}: an error's name and message. */
export interface WireCause {
  readonly name: string;
  readonly message: string;
}

/** What the agent says about itself. */
export interface AgentStatus {
  readonly pid: number;
  readonly version: string;
  readonly protocol: number;
  readonly startedAt: string;
  readonly sessions: number;
  readonly socket: string;
  /** Whether other processes of the user are kept from reading its memory (non-dumpable). */
  readonly memoryProtected: boolean;
}

/** Anything the agent sends. `accepted` comes first, at once, to say the agent is alive. */
export type AgentMessage =
  | { readonly type: "accepted" }
  | { readonly type: "mfa"; readonly request: MfaRequest }
  /** Sign in to IAM Identity Center (one client of those waiting is asked; the rest wait). */
  | { readonly type: "sso-sign-in"; readonly request: WireSignInRequest }
  | {
      readonly type: "credentials";
      readonly credentials: CredentialsData;
      readonly region?: string;
      /** Asked for with `debug`: the agent's `--debug` lines for this request (no secret). */
      readonly trace?: readonly string[];
    }
  /** The answer to an `ifRemembered` request: the line `credential_process` prints. */
  | { readonly type: "process-output"; readonly text: string }
  | { readonly type: "status"; readonly status: AgentStatus }
  | { readonly type: "forgotten"; readonly sessions: number }
  | { readonly type: "stopping" }
  /** `trace`: as with `credentials`, when the request asked for it. */
  | { readonly type: "error"; readonly error: WireError; readonly trace?: readonly string[] };

/** What a client reads: an {@link AgentMessage}, its credentials read back. */
export type AgentReply =
  | Exclude<AgentMessage, { readonly type: "credentials" }>
  | {
      readonly type: "credentials";
      readonly credentials: AwsCredentials;
      readonly region?: string;
      readonly trace?: readonly string[];
    };

/** One message as a line. */
export function encodeMessage(message: ClientMessage | AgentMessage): string {
  return `${JSON.stringify(message)}\n`;
}

/** The object on a line, or `undefined` when the line is not a JSON object with a `type`. */
export function decodeLine(line: string): Readonly<Record<string, unknown>> | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return undefined;
  const record: Record<string, unknown> = Object.fromEntries(Object.entries(parsed));
  return typeof record.type === "string" ? record : undefined;
}
