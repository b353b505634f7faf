import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { checkInit } from "./check-init.js";
import type { FromAwsafeInit } from "./from-awsafe.js";

describe("checkInit", () => {
  it("takes an empty init and a full one", () => {
    expect(() => {
      checkInit({});
    }).not.toThrow();
    const full: FromAwsafeInit = {
      profile: "admin",
      mfaCodeProvider: () => Promise.resolve("123456"),
      durationSeconds: 3600,
      region: "eu-west-1",
    };
    expect(() => {
      checkInit(full);
    }).not.toThrow();
  });

  it.each([
    [{ profile: " " }, "fromAwsafe(): profile is empty"],
    [
      { durationSeconds: 1.5 },
      "fromAwsafe(): durationSeconds 1.5 is not a whole number of seconds",
    ],
    [{ durationSeconds: 0 }, "fromAwsafe(): durationSeconds 0 is not a whole number of seconds"],
    [{ region: "" }, "fromAwsafe(): region is empty"],
    // What a JavaScript caller without a type checker may pass.
    [
      JSON.parse('{"mfaCodeProvider": "123456"}') as FromAwsafeInit,
      "fromAwsafe(): mfaCodeProvider is not a function",
    ],
  ])("refuses %o with a UsageError and a hint", (init, message) => {
    expect(() => {
      checkInit(init);
    }).toThrow(UsageError);
    expect(() => {
      checkInit(init);
    }).toThrow(message);
  });
});
