import { describe, expect, it } from "vitest";
import { renderXml } from "./xml.js";

describe("renderXml", () => {
  it.each([
    ["escapes text", "a<b>&\"c'", "a&lt;b&gt;&amp;&quot;c&apos;"],
    ["renders numbers and booleans", { N: 5, B: false }, "<N>5</N><B>false</B>"],
    [
      "renders dates as ISO 8601",
      { D: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)) },
      "<D>2024-01-02T03:04:05Z</D>",
    ],
    [
      "renders arrays as member lists",
      { L: ["x", "y"] },
      "<L><member>x</member><member>y</member></L>",
    ],
    [
      "renders maps as entry lists",
      { M: new Map([["k", 1]]) },
      "<M><entry><key>k</key><value>1</value></entry></M>",
    ],
    ["skips undefined fields", { A: undefined, B: "b" }, "<B>b</B>"],
  ])("%s", (_name, value, expected) => {
    expect(renderXml(value)).toBe(expected);
  });
});
