import { describe, expect, it } from "vitest";
import { collectPages } from "./collect-pages.js";

describe("collectPages", () => {
  it("follows tokens until the last page", async () => {
    const pages = new Map([
      ["", { items: [1, 2], next: "a" }],
      ["a", { items: [3], next: "b" }],
      ["b", { items: [4], next: undefined }],
    ]);
    const asked: Array<string | undefined> = [];
    const all = await collectPages((token) => {
      asked.push(token);
      return Promise.resolve(pages.get(token ?? "") ?? { items: [], next: undefined });
    });
    expect(all).toEqual([1, 2, 3, 4]);
    expect(asked).toEqual([undefined, "a", "b"]);
  });

  it("stops when the service repeats its token instead of looping", async () => {
    let calls = 0;
    const all = await collectPages(() => {
      calls += 1;
      return Promise.resolve({ items: [calls], next: "same" });
    });
    expect(all).toEqual([1, 2]);
  });
});
