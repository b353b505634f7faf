import * as crypto from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { newEndpointToken, tokenMatcher } from "./endpoint-token.js";

vi.mock("node:crypto", async (importOriginal) => {
  const original = await importOriginal<typeof crypto>();
  return { ...original, timingSafeEqual: vi.fn(original.timingSafeEqual) };
});

describe("endpoint token", () => {
  it("is 32 random bytes in base64url, different every time", () => {
    const tokens = new Set(Array.from({ length: 50 }, newEndpointToken));
    expect(tokens.size).toBe(50);
    for (const token of tokens) {
      expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
    }
  });

  it("matches only the exact token", () => {
    const token = newEndpointToken();
    const matches = tokenMatcher(token);
    expect(matches(token)).toBe(true);
    for (const wrong of [undefined, "", token.slice(1), `${token} `, token.toUpperCase()]) {
      expect(matches(wrong)).toBe(false);
    }
  });

  it("compares in constant time: timingSafeEqual on equal-length buffers, whatever is sent", () => {
    const compare = vi.mocked(crypto.timingSafeEqual);
    compare.mockClear();
    const matches = tokenMatcher(newEndpointToken());
    for (const given of ["x", "y".repeat(43), "z".repeat(4000)]) expect(matches(given)).toBe(false);
    expect(compare).toHaveBeenCalledTimes(3);
    for (const [a, b] of compare.mock.calls) {
      expect(Buffer.from(a.buffer, a.byteOffset, a.byteLength)).toHaveLength(32);
      expect(Buffer.from(b.buffer, b.byteOffset, b.byteLength)).toHaveLength(32);
    }
  });
});
