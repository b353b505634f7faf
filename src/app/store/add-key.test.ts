import { describe, expect, it } from "vitest";
import { fakeKey } from "../../../test/support/fake-keys.js";
import { UsageError } from "../../errors.js";
import { createMemoryStore } from "../../store/memory/memory-store.js";
import { addKey, type AddKeyInput } from "./add-key.js";
import { checkLongTermKey } from "./check-long-term-key.js";

const now = (): Date => new Date("2026-01-02T03:04:05Z");
const input = (extra: Partial<AddKeyInput> = {}): AddKeyInput => ({
  profile: "dev",
  ...fakeKey(),
  force: false,
  confirmReplace: () => Promise.resolve(false),
  now,
  ...extra,
});

describe("checkLongTermKey", () => {
  const { accessKeyId, secretAccessKey } = fakeKey();
  it.each([
    ["a temporary ASIA key", `ASIA${accessKeyId.slice(4)}`, secretAccessKey, /temporary/],
    ["a short key id", accessKeyId.slice(0, 19), secretAccessKey, /19 characters/],
    ["lower case in the key id", accessKeyId.toLowerCase(), secretAccessKey, /not an IAM user's/],
    ["a short secret", accessKeyId, secretAccessKey.slice(1), /39 characters/],
    [
      "a secret with a space",
      accessKeyId,
      `${secretAccessKey.slice(1)} `,
      /not a secret access key/,
    ],
  ])("rejects %s without showing the secret", (_name, id, secret, message) => {
    let error: unknown;
    try {
      checkLongTermKey(id, secret);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect(String(error)).toMatch(message);
    expect(JSON.stringify(error) + String(error)).not.toContain(secret.slice(0, 20));
    expect(String(error)).not.toContain(id.slice(0, 12));
  });

  it("accepts a well-formed long-term key", () => {
    expect(() => {
      checkLongTermKey(accessKeyId, secretAccessKey);
    }).not.toThrow();
  });
});

describe("addKey", () => {
  it("adds, then leaves an identical key unchanged", async () => {
    const store = createMemoryStore();
    const first = input();
    expect(await addKey(store, first)).toBe("added");
    expect(await addKey(store, first)).toBe("unchanged");
    expect(await store.get({ kind: "long-term", name: "dev" })).toEqual({
      accessKeyId: first.accessKeyId,
      secretAccessKey: first.secretAccessKey,
      createdAt: "2026-01-02T03:04:05.000Z",
    });
  });

  it("replaces a different key only when confirmed or forced", async () => {
    const store = createMemoryStore();
    const first = input();
    await addKey(store, first);
    await expect(addKey(store, input())).rejects.toThrow(UsageError);
    expect(await store.get({ kind: "long-term", name: "dev" })).toMatchObject({
      accessKeyId: first.accessKeyId,
    });
    const confirmed = input({ confirmReplace: () => Promise.resolve(true) });
    expect(await addKey(store, confirmed)).toBe("replaced");
    expect(await addKey(store, input({ force: true }))).toBe("replaced");
  });

  it("rejects a profile name other AWS tools cannot read", async () => {
    await expect(addKey(createMemoryStore(), input({ profile: "my profile" }))).rejects.toThrow(
      UsageError,
    );
  });
});
