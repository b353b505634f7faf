import type { ItemKind, ItemRef } from "../ports/secret-store.js";
import { ItemKind as Kinds } from "../ports/secret-store.js";
import { UsageError } from "../errors.js";

const knownKinds: ReadonlySet<string> = new Set(Object.values(Kinds));

/**
 * The backend-neutral key of an item: `<encoded name>/<kind>`. Backends prefix it with their
 * namespace (`awsafe/` in pass, the service name in the keychain).
 */
export function encodeItemKey(ref: ItemRef): string {
  return `${encodeName(ref.name)}/${ref.kind}`;
}

/** The item a key names, or `undefined` for a key this version did not write (unknown kind, bad encoding). */
export function decodeItemKey(key: string): ItemRef | undefined {
  const slash = key.lastIndexOf("/");
  if (slash <= 0) return undefined;
  const kind = key.slice(slash + 1);
  const name = decodeName(key.slice(0, slash));
  if (name === undefined || !isItemKind(kind)) return undefined;
  return { kind, name };
}

/** True for the kinds this version knows. */
export function isItemKind(value: string): value is ItemKind {
  return knownKinds.has(value);
}

/**
 * Encodes an owner name into one path segment that is safe as a file name, a pass entry and a
 * keychain account: percent-encoding everything but `[A-Za-z0-9_.@+-]`, plus a leading dot so
 * `.`, `..` and hidden files cannot appear. Profile names may contain `/` (the SDKs accept it),
 * which must never become a directory level.
 */
export function encodeName(name: string): string {
  if (name === "") throw new UsageError("Cannot name a stored item: the profile name is empty");
  let out = "";
  for (const byte of new TextEncoder().encode(name)) {
    const char = String.fromCharCode(byte);
    out += /^[A-Za-z0-9_.@+-]$/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out.startsWith(".") ? `%2E${out.slice(1)}` : out;
}

/** The inverse of {@link encodeName}; `undefined` when `segment` is not its output. */
export function decodeName(segment: string): string | undefined {
  try {
    const name = decodeURIComponent(segment);
    return name !== "" && encodeName(name) === segment ? name : undefined;
  } catch {
    return undefined;
  }
}
