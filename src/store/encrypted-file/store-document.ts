import { StoreError } from "../../errors.js";

/**
 * The plaintext inside the age file: `{"awsafe":"secret-store","version":1,"items":{...}}` with
 * each item's value as a JSON object under its key, so `age -d store.age | jq` reads well.
 */
export function serializeDocument(items: ReadonlyMap<string, string>): string {
  const sorted = [...items].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  // fromEntries defines own properties, so even a key "__proto__" stays data.
  const out = Object.fromEntries(
    sorted.map(([key, text]): [string, unknown] => [key, JSON.parse(text)]),
  );
  return `${JSON.stringify({ awsafe: "secret-store", version: 1, items: out }, null, 2)}\n`;
}

/** Parses the plaintext of the age file; a document that is not ours is a StoreError. */
export function parseDocument(text: string, path: string): Map<string, string> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw notOurs(path, "its content is not JSON", error);
  }
  if (!isObject(parsed) || parsed.awsafe !== "secret-store")
    throw notOurs(path, "it holds no awsafe store");
  if (parsed.version !== 1)
    throw notOurs(path, `its format version ${JSON.stringify(parsed.version)} is not 1`);
  const items = parsed.items;
  if (!isObject(items)) throw notOurs(path, "it has no items");
  const result = new Map<string, string>();
  for (const [key, value] of Object.entries(items)) result.set(key, JSON.stringify(value));
  return result;
}

function isObject(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function notOurs(path: string, problem: string, cause?: unknown): StoreError {
  return new StoreError(`Encrypted store ${path} decrypts, but ${problem}`, {
    hint: "awsafe will not write to it. Point AWSAFE_HOME elsewhere or move the file aside.",
    cause,
  });
}
