import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { decodeItemKey, decodeName, encodeItemKey, encodeName } from "./item-key.js";

describe("item keys", () => {
  it.each([
    ["dev", "dev"],
    ["a:b", "a%3Ab"],
    ["slash/inside", "slash%2Finside"],
    ["..", "%2E."],
    [".hidden", "%2Ehidden"],
    ["with space", "with%20space"],
    ["ü", "%C3%BC"],
    ["50%", "50%25"],
    ["a@b+c.d_e-f", "a@b+c.d_e-f"],
  ])("encodes %j as one safe segment %j", (name, segment) => {
    expect(encodeName(name)).toBe(segment);
    expect(decodeName(segment)).toBe(name);
  });

  it("round-trips a ref through its key", () => {
    const ref = { kind: "sso-token", name: "corp/sso" } as const;
    expect(encodeItemKey(ref)).toBe("corp%2Fsso/sso-token");
    expect(decodeItemKey(encodeItemKey(ref))).toEqual(ref);
  });

  it.each([
    ["dev"],
    ["/long-term"],
    ["dev/unknown"],
    ["a%2/long-term"],
    ["a%2f/long-term"],
    ["a b/long-term"],
  ])("does not decode %j", (key) => {
    expect(decodeItemKey(key)).toBeUndefined();
  });

  it("refuses an empty name", () => {
    expect(() => encodeName("")).toThrow(UsageError);
  });
});
