// The one contract every SecretStore backend meets. Each backend's test file calls
// describeStoreContract with a factory for fresh, empty stores of that backend.
import { afterEach, describe, expect, it } from "vitest";
import type { ItemRef, LongTermKeyItem, SecretStore, SessionItem } from "../ports/secret-store.js";

/** A fresh, empty store and a way to open the same storage again, as another process would. */
export interface ContractSubject {
  readonly store: SecretStore;
  openAnother(): Promise<SecretStore>;
  cleanup(): Promise<void>;
}

const longTerm = (n: number): LongTermKeyItem => ({
  accessKeyId: `AKIAEXAMPLETEST${String(n).padStart(5, "0")}`,
  secretAccessKey: `fake-secret-TEST-${n}-${"x".repeat(20)}`,
});
const ref = (name: string): ItemRef<"long-term"> => ({ kind: "long-term", name });

/** Registers the contract tests for one backend. */
export function describeStoreContract(backend: string, open: () => Promise<ContractSubject>): void {
  describe(`SecretStore contract: ${backend}`, () => {
    let subject: ContractSubject | undefined;
    const fresh = async (): Promise<ContractSubject> => (subject = await open());
    afterEach(async () => {
      await subject?.cleanup();
      subject = undefined;
    });

    it("reports a missing item as undefined, and deleting it as false", async () => {
      const { store } = await fresh();
      expect(await store.get(ref("absent"))).toBeUndefined();
      expect(await store.delete(ref("absent"))).toBe(false);
      expect(await store.list()).toEqual([]);
    });

    it("returns what was put, for every item kind, optional fields included", async () => {
      const { store } = await fresh();
      const key: LongTermKeyItem = {
        ...longTerm(1),
        mfaSerial: "arn:aws:iam::123456789012:mfa/test-user",
        accountId: "123456789012",
        userName: "test-user",
        createdAt: "2026-01-02T03:04:05.000Z",
      };
      const session: SessionItem = {
        accessKeyId: "ASIAEXAMPLETEST00001",
        secretAccessKey: "fake-session-secret-TEST",
        sessionToken: "fake-session-token-TEST",
        expiration: "2026-01-02T04:04:05.000Z",
        mfa: true,
      };
      const token = {
        accessToken: "fake-sso-token-TEST",
        expiresAt: "2026-01-02T11:00:00Z",
        region: "eu-west-1",
      };
      const backup = {
        source: "/home/test/.aws/credentials",
        takenAt: "2026-01-02T03:04:05Z",
        content: "[p]\n",
      };
      await store.put(ref("dev"), key);
      await store.put({ kind: "session", name: "dev" }, session);
      const client = {
        clientId: "fake-client-id-TEST",
        clientSecret: "fake-client-secret-TEST",
        expiresAt: "2026-04-02T11:00:00Z",
        grantTypes: ["authorization_code", "refresh_token"],
        scopes: ["sso:account:access"],
      };
      await store.put({ kind: "sso-token", name: "my-sso" }, token);
      await store.put({ kind: "sso-client", name: "my-sso" }, client);
      await store.put({ kind: "backup", name: "credentials-1" }, backup);
      expect(await store.get(ref("dev"))).toEqual(key);
      expect(await store.get({ kind: "session", name: "dev" })).toEqual(session);
      expect(await store.get({ kind: "sso-token", name: "my-sso" })).toEqual(token);
      expect(await store.get({ kind: "sso-client", name: "my-sso" })).toEqual(client);
      expect(await store.get({ kind: "backup", name: "credentials-1" })).toEqual(backup);
    });

    it("keeps a rotation journal through both of its phases, beside the key it rotates", async () => {
      const { store } = await fresh();
      const journal = { kind: "rotation", name: "dev" } as const;
      const started = {
        phase: "creating",
        startedAt: "2026-01-02T03:04:05.000Z",
        userName: "test-user",
        userArn: "arn:aws:iam::123456789012:user/test-user",
        oldAccessKeyId: longTerm(1).accessKeyId,
        keysBefore: [longTerm(1).accessKeyId],
      } as const;
      await store.put(ref("dev"), longTerm(1));
      await store.put(journal, started);
      expect(await store.get(journal)).toEqual(started);
      const created = {
        ...started,
        phase: "created",
        newAccessKeyId: longTerm(2).accessKeyId,
        newSecretAccessKey: longTerm(2).secretAccessKey,
        newCreatedAt: "2026-01-02T03:04:06.000Z",
        oldSecretAccessKey: longTerm(1).secretAccessKey,
      } as const;
      await store.put(journal, created);
      expect(await store.get(journal)).toEqual(created);
      expect(await store.list({ name: "dev" })).toEqual([ref("dev"), journal]);
      await store.apply([
        { op: "put", item: { ref: ref("dev"), value: longTerm(2) } },
        { op: "delete", ref: journal },
      ]);
      expect(await store.list()).toEqual([ref("dev")]);
    });

    it("overwrites an item in place", async () => {
      const { store } = await fresh();
      await store.put(ref("dev"), longTerm(1));
      await store.put(ref("dev"), longTerm(2));
      expect(await store.get(ref("dev"))).toEqual(longTerm(2));
      expect(await store.list()).toEqual([ref("dev")]);
    });

    it("deletes one item and keeps the others", async () => {
      const { store } = await fresh();
      await store.put(ref("dev"), longTerm(1));
      await store.put(ref("prod"), longTerm(2));
      await store.put(
        { kind: "session", name: "dev" },
        { ...longTerm(3), sessionToken: "t", expiration: "e" },
      );
      expect(await store.delete(ref("dev"))).toBe(true);
      expect(await store.get(ref("dev"))).toBeUndefined();
      expect(await store.delete(ref("dev"))).toBe(false);
      expect(await store.get(ref("prod"))).toEqual(longTerm(2));
      expect(await store.list()).toEqual([{ kind: "session", name: "dev" }, ref("prod")]);
    });

    it("lists by namespace: all, by profile, by kind, sorted", async () => {
      const { store } = await fresh();
      await store.put(ref("b"), longTerm(1));
      await store.put(ref("a"), longTerm(2));
      await store.put(
        { kind: "session", name: "a" },
        { ...longTerm(3), sessionToken: "t", expiration: "e" },
      );
      await store.put(
        { kind: "sso-token", name: "a" },
        { accessToken: "fake-TEST", expiresAt: "e" },
      );
      expect(await store.list()).toEqual([
        ref("a"),
        { kind: "session", name: "a" },
        { kind: "sso-token", name: "a" },
        ref("b"),
      ]);
      expect(await store.list({ name: "a" })).toHaveLength(3);
      expect(await store.list({ kind: "long-term" })).toEqual([ref("a"), ref("b")]);
      expect(await store.list({ kind: "backup" })).toEqual([]);
      expect(await store.list({ name: "a", kind: "session" })).toEqual([
        { kind: "session", name: "a" },
      ]);
    });

    it("applies a batch of puts and deletes", async () => {
      const { store } = await fresh();
      await store.put(ref("old"), longTerm(1));
      await store.apply([
        { op: "put", item: { ref: ref("new"), value: longTerm(2) } },
        { op: "delete", ref: ref("old") },
        {
          op: "put",
          item: {
            ref: { kind: "backup", name: "b" },
            value: { source: "s", takenAt: "t", content: "c" },
          },
        },
      ]);
      expect(await store.list()).toEqual([{ kind: "backup", name: "b" }, ref("new")]);
    });

    it("is seen by another handle on the same storage", async () => {
      const subject = await fresh();
      await subject.store.put(ref("dev"), longTerm(1));
      const other = await subject.openAnother();
      expect(await other.get(ref("dev"))).toEqual(longTerm(1));
      await other.put(ref("dev"), longTerm(2));
      await other.put(ref("prod"), longTerm(3));
      expect(await subject.store.get(ref("dev"))).toEqual(longTerm(2));
      expect(await subject.store.delete(ref("prod"))).toBe(true);
      expect(await other.get(ref("prod"))).toBeUndefined();
    });

    it("loses no write when two handles write at the same time", async () => {
      const subject = await fresh();
      const other = await subject.openAnother();
      const writes = [1, 2, 3, 4].flatMap((n) => [
        subject.store.put(ref(`first-${n}`), longTerm(n)),
        other.put(ref(`second-${n}`), longTerm(10 + n)),
      ]);
      await Promise.all(writes);
      const third = await subject.openAnother();
      expect((await third.list()).map((r) => r.name)).toEqual([
        ...[1, 2, 3, 4].map((n) => `first-${n}`),
        ...[1, 2, 3, 4].map((n) => `second-${n}`),
      ]);
      expect(await third.get(ref("second-4"))).toEqual(longTerm(14));
    });

    it("keeps profile names with special characters apart and intact", async () => {
      const { store } = await fresh();
      const names = [
        "with space",
        "slash/inside",
        "../escape",
        "..",
        ".hidden",
        "ünïcode-プロファイル",
        "percent%41",
        "%2E",
        "a:b@c+d.e_f-g",
        "__proto__",
        "constructor",
      ];
      for (const [i, name] of names.entries()) await store.put(ref(name), longTerm(i));
      for (const [i, name] of names.entries())
        expect(await store.get(ref(name))).toEqual(longTerm(i));
      expect((await store.list()).map((r) => r.name).sort()).toEqual([...names].sort());
      expect(await store.get(ref("escape"))).toBeUndefined();
      expect(await store.get(ref("A"))).toBeUndefined();
    });

    it("stores a large value", async () => {
      const { store } = await fresh();
      const lines = Array.from(
        { length: 2000 },
        (_, i) => `[profile p${i}]\nregion = eu-west-${i % 3}\n`,
      );
      const content = lines.join("");
      expect(content.length).toBeGreaterThan(50_000);
      await store.put(
        { kind: "backup", name: "big" },
        { source: "/tmp/config", takenAt: "t", content },
      );
      expect((await store.get({ kind: "backup", name: "big" }))?.content).toBe(content);
    });
  });
}
