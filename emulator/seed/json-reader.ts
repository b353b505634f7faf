/**
 * Reads fields out of untrusted parsed JSON, failing with the path of the bad value, so a seed
 * file error says where it is (`users[0].accessKeys[1].accessKeyId: expected a string`).
 */
export class JsonReader {
  constructor(
    private readonly value: unknown,
    readonly path: string,
  ) {}

  /** The object at this path, or an error. */
  object(): Readonly<Record<string, unknown>> {
    if (!isRecord(this.value)) throw this.fail("expected an object");
    return this.value;
  }

  /** A child reader for `key` of the object at this path. */
  field(key: string): JsonReader {
    return new JsonReader(this.object()[key], `${this.path}.${key}`);
  }

  /** True when this path holds `undefined` (the key was absent). */
  get absent(): boolean {
    return this.value === undefined;
  }

  /** A required string. */
  string(): string {
    if (typeof this.value !== "string") throw this.fail("expected a string");
    return this.value;
  }

  /** An optional string. */
  optionalString(): string | undefined {
    return this.absent ? undefined : this.string();
  }

  /** A number, or `fallback` when absent. */
  number(fallback: number): number {
    if (this.absent) return fallback;
    if (typeof this.value !== "number" || !Number.isFinite(this.value)) {
      throw this.fail("expected a number");
    }
    return this.value;
  }

  /** A boolean, or `fallback` when absent. */
  boolean(fallback: boolean): boolean {
    if (this.absent) return fallback;
    if (typeof this.value !== "boolean") throw this.fail("expected true or false");
    return this.value;
  }

  /** An array (empty when absent), each element read by `item`. */
  array<T>(item: (reader: JsonReader) => T): T[] {
    if (this.absent) return [];
    if (!Array.isArray(this.value)) throw this.fail("expected an array");
    const items: readonly unknown[] = this.value;
    return items.map((element, i) => item(new JsonReader(element, `${this.path}[${i}]`)));
  }

  /** A map of name → value (empty when absent), in a null-prototype object. */
  record<T>(item: (reader: JsonReader) => T): Record<string, T> {
    const out = Object.create(null) as Record<string, T>;
    if (this.absent) return out;
    for (const [key, element] of Object.entries(this.object())) {
      out[key] = item(new JsonReader(element, `${this.path}.${key}`));
    }
    return out;
  }

  /** An error naming this path. */
  fail(message: string): Error {
    return new Error(`${this.path}: ${message}`);
  }
}

function isRecord(value: unknown): value is Readonly<Record<string, unknown>> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** `JSON.parse` that rejects `__proto__` keys anywhere in the document. */
export function parseJsonStrict(text: string, what: string): unknown {
  return JSON.parse(text, (key, value: unknown) => {
    if (key === "__proto__") throw new Error(`${what}: the key "__proto__" is not allowed`);
    return value;
  });
}
