import { describe, expect, it } from "vitest";
import { createMemoryStore } from "../../store/memory/memory-store.js";
import { removeStored } from "./remove-stored.js";

const session = {
  accessKeyId: "ASIAEXAMPLESESSION01",
  secretAccessKey: "FAKE-session-secret",
  sessionToken: "FAKE-token",
  expiration: "2030-01-01T00:00:00.000Z",
};

describe("removeStored --sessions", () => {
  it("deletes the sessions made from the profile's credentials, and only those", async () => {
    const store = createMemoryStore();
    const names = [
      "stored:base > session mfa=arn:aws:iam::123456789012:mfa/me",
      "stored:base > session mfa=arn:aws:iam::123456789012:mfa/me > role=arn:aws:iam::1:role/A",
      "stored:base-2 > session",
      "process:other > role=arn:aws:iam::1:role/base",
    ];
    await store.apply(
      names.map((name) => ({
        op: "put",
        item: { ref: { kind: "session", name }, value: session },
      })),
    );
    const { removed } = await removeStored(store, {
      profile: "base",
      sessions: true,
      belongs: (name) => name.startsWith("stored:base >"),
      confirm: () => Promise.resolve(false),
    });
    expect(removed.map((ref) => ref.name)).toEqual(names.slice(0, 2));
    expect((await store.list({ kind: "session" })).map((ref) => ref.name)).toEqual(
      names.slice(2).sort(),
    );
  });
});
