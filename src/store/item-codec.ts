import type {
  BackupItem,
  ItemKind,
  ItemValues,
  LongTermKeyItem,
  RotationItem,
  SessionItem,
  SsoClientItem,
  SsoTokenItem,
} from "../ports/secret-store.js";
import { StoreError } from "../errors.js";

type JsonObject = Readonly<Record<string, unknown>>;
type Decoders = { readonly [K in ItemKind]: (value: JsonObject, where: string) => ItemValues[K] };

/** The stored text of an item value: compact JSON. */
export function encodeItemValue(value: ItemValues[ItemKind]): string {
  return JSON.stringify(value);
}

/**
 * Parses and checks a stored value of `kind`. Only known fields are kept, so a value written by
 * a newer awsafe still reads; a missing or mistyped required field is a StoreError naming the
 * item (`where`) and the field, never the value.
 */
export function decodeItemValue<K extends ItemKind>(
  kind: K,
  text: string,
  where: string,
): ItemValues[K] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw invalid(where, "it is not JSON", error);
  }
  if (!isJsonObject(parsed)) throw invalid(where, "it is not a JSON object");
  return decoders[kind](parsed, where);
}

const decoders: Decoders = {
  "long-term": (v, where): LongTermKeyItem => ({
    accessKeyId: required(v, "accessKeyId", where),
    secretAccessKey: required(v, "secretAccessKey", where),
    ...optional(v, "mfaSerial", where),
    ...optional(v, "accountId", where),
    ...optional(v, "userName", where),
    ...optional(v, "createdAt", where),
  }),
  session: (v, where): SessionItem => ({
    accessKeyId: required(v, "accessKeyId", where),
    secretAccessKey: required(v, "secretAccessKey", where),
    sessionToken: required(v, "sessionToken", where),
    expiration: required(v, "expiration", where),
    ...optional(v, "accountId", where),
    ...optionalFlag(v, "mfa", where),
  }),
  "sso-token": (v, where): SsoTokenItem => ({
    accessToken: required(v, "accessToken", where),
    expiresAt: required(v, "expiresAt", where),
    ...optional(v, "refreshToken", where),
    ...optional(v, "clientId", where),
    ...optional(v, "clientSecret", where),
    ...optional(v, "registrationExpiresAt", where),
    ...optional(v, "region", where),
    ...optional(v, "startUrl", where),
  }),
  "sso-client": (v, where): SsoClientItem => ({
    clientId: required(v, "clientId", where),
    clientSecret: required(v, "clientSecret", where),
    expiresAt: required(v, "expiresAt", where),
    ...optionalList(v, "grantTypes", where),
    ...optionalList(v, "scopes", where),
    ...optional(v, "authorizationEndpoint", where),
    ...optional(v, "region", where),
    ...optional(v, "startUrl", where),
  }),
  backup: (v, where): BackupItem => ({
    source: required(v, "source", where),
    takenAt: required(v, "takenAt", where),
    content: required(v, "content", where),
    ...optional(v, "replacedWithSha256", where),
  }),
  rotation: (v, where): RotationItem => {
    const started = {
      startedAt: required(v, "startedAt", where),
      userName: required(v, "userName", where),
      userArn: required(v, "userArn", where),
      oldAccessKeyId: required(v, "oldAccessKeyId", where),
      keysBefore: requiredList(v, "keysBefore", where),
    };
    const phase = required(v, "phase", where);
    if (phase === "creating") return { phase, ...started };
    if (phase !== "created") throw invalid(where, `field "phase" is not a known phase`);
    return {
      phase,
      ...started,
      newAccessKeyId: required(v, "newAccessKeyId", where),
      newSecretAccessKey: required(v, "newSecretAccessKey", where),
      ...optional(v, "newCreatedAt", where),
      oldSecretAccessKey: required(v, "oldSecretAccessKey", where),
    };
  },
};

function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function required(value: JsonObject, field: string, where: string): string {
  const found = Object.hasOwn(value, field) ? value[field] : undefined;
  if (typeof found !== "string") throw invalid(where, `field "${field}" is ${describe(found)}`);
  return found;
}

function requiredList(value: JsonObject, field: string, where: string): string[] {
  const found: unknown = Object.hasOwn(value, field) ? value[field] : undefined;
  if (!Array.isArray(found)) throw invalid(where, `field "${field}" is ${describe(found)}`);
  const items: unknown[] = found;
  if (!items.every((item): item is string => typeof item === "string")) {
    throw invalid(where, `field "${field}" is not a list of strings`);
  }
  return items;
}

function optional<F extends string>(
  value: JsonObject,
  field: F,
  where: string,
): { [P in F]?: string } {
  const found = Object.hasOwn(value, field) ? value[field] : undefined;
  if (found === undefined) return {};
  if (typeof found !== "string") throw invalid(where, `field "${field}" is ${describe(found)}`);
  return { [field]: found } as { [P in F]?: string }; // computed keys widen to `string`; the key is `field`
}

function optionalList<F extends string>(
  value: JsonObject,
  field: F,
  where: string,
): { [P in F]?: readonly string[] } {
  const found = Object.hasOwn(value, field) ? value[field] : undefined;
  if (found === undefined) return {};
  if (!Array.isArray(found) || !found.every((item) => typeof item === "string")) {
    throw invalid(where, `field "${field}" is not a list of strings`);
  }
  const list: readonly string[] = found;
  return { [field]: list } as { [P in F]?: readonly string[] }; // computed keys widen to `string`; the key is `field`
}

function optionalFlag<F extends string>(
  value: JsonObject,
  field: F,
  where: string,
): { [P in F]?: boolean } {
  const found = Object.hasOwn(value, field) ? value[field] : undefined;
  if (found === undefined) return {};
  if (typeof found !== "boolean") throw invalid(where, `field "${field}" is ${describe(found)}`);
  return { [field]: found } as { [P in F]?: boolean }; // computed keys widen to `string`; the key is `field`
}

function describe(found: unknown): string {
  if (found === undefined) return "missing";
  return `a ${found === null ? "null" : typeof found}, not the expected type`;
}

function invalid(where: string, problem: string, cause?: unknown): StoreError {
  return new StoreError(`Stored item ${where} is unreadable: ${problem}`, {
    hint: "Delete the item (awsafe remove) and store it again; its old value cannot be used.",
    cause,
  });
}
