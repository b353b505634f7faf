import { describe, expect, it } from "vitest";
import { createImdsTokens } from "./imds-tokens.js";

describe("IMDS session tokens", () => {
  it("are valid until their TTL runs out, and unknown tokens never are", () => {
    let now = 1_000_000;
    const tokens = createImdsTokens(() => now);
    const token = tokens.issue(10);
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(tokens.valid(token)).toBe(true);
    expect(tokens.valid(`${token}x`)).toBe(false);
    expect(tokens.valid(undefined)).toBe(false);
    now += 9_999;
    expect(tokens.valid(token)).toBe(true);
    now += 1;
    expect(tokens.valid(token)).toBe(false);
  });

  it("keep at most 1024 live tokens, dropping the oldest", () => {
    const tokens = createImdsTokens(() => 0);
    const first = tokens.issue(60);
    const second = tokens.issue(60);
    for (let i = 0; i < 1023; i++) tokens.issue(60);
    expect(tokens.valid(first)).toBe(false);
    expect(tokens.valid(second)).toBe(true);
    expect(tokens.valid(tokens.issue(60))).toBe(true);
    expect(tokens.valid(second)).toBe(false);
  });

  it("drop expired tokens before live ones when full", () => {
    let now = 0;
    const tokens = createImdsTokens(() => now);
    const lasting = tokens.issue(3600);
    for (let i = 0; i < 1023; i++) tokens.issue(1);
    now = 2_000;
    tokens.issue(60);
    expect(tokens.valid(lasting)).toBe(true);
  });
});
