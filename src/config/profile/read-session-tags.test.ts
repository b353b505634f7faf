import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { readSessionTags } from "./read-session-tags.js";

const where = 'profile "dev"';

describe("readSessionTags", () => {
  it("reads aws-vault's Key=Value list and the transitive keys", () => {
    expect(
      readSessionTags(
        { session_tags: "team=blue, project = x ,empty=", transitive_session_tags: "team" },
        where,
      ),
    ).toEqual({
      tags: [
        { key: "team", value: "blue" },
        { key: "project", value: "x" },
        { key: "empty", value: "" },
      ],
      transitiveTagKeys: ["team"],
    });
  });

  it("reads nothing when neither setting is there", () => {
    expect(readSessionTags({}, where)).toEqual({ tags: undefined, transitiveTagKeys: undefined });
  });

  it.each([
    ["an entry without =", { session_tags: "team" }, /not Key=Value/],
    ["a key STS refuses", { session_tags: "bad*key=1" }, /not Key=Value/],
    ["the same key twice, in any case", { session_tags: "Team=a,team=b" }, /twice/],
    [
      "a transitive key that is not a tag",
      { session_tags: "team=a", transitive_session_tags: "project" },
      /does not set it/,
    ],
    [
      "more than 50 tags",
      { session_tags: Array.from({ length: 51 }, (_, i) => `k${String(i)}=v`).join(",") },
      /STS allows 50/,
    ],
  ])("refuses %s", (_, properties, message) => {
    expect(() => readSessionTags(properties, where)).toThrow(ConfigError);
    expect(() => readSessionTags(properties, where)).toThrow(message);
  });
});
