import { describe, expect, it } from "vitest";
import { fuzzyScore } from "./fuzzy-score.js";

describe("fuzzyScore", () => {
  it.each([
    ["adm", "admin"],
    ["ADM", "admin"],
    ["pa", "prod-admin"],
    ["pdadm", "prod-admin"],
    ["", "anything"],
    ["ro", "ReadOnly"],
  ])("%j matches %j", (query, text) => {
    expect(fuzzyScore(query, text)).toBeTypeOf("number");
  });

  it.each([
    ["admn2", "admin"],
    ["nimda", "admin"],
    ["x", ""],
    ["admins", "admin"],
  ])("%j does not match %j", (query, text) => {
    expect(fuzzyScore(query, text)).toBeUndefined();
  });

  it.each([
    // a run beats scattered letters
    ["adm", "admin", "a-dev-mgmt"],
    // the start of a word beats the middle of one
    ["adm", "prod-admin", "sandbox-badminton"],
    // the prefix beats a later word
    ["dev", "dev-sandbox", "prod-devops"],
    // camel case counts as words
    ["ro", "ReadOnly", "errors"],
    // the best alignment, not the first one
    ["admin", "a-x-admin", "ad-min-x-y"],
  ])("%j ranks %j above %j", (query, better, worse) => {
    const high = fuzzyScore(query, better);
    const low = fuzzyScore(query, worse);
    expect(high).toBeTypeOf("number");
    expect(low).toBeTypeOf("number");
    expect(high ?? 0).toBeGreaterThan(low ?? 0);
  });
});
