import { describe, expect, it } from "vitest";
import { isRequestVariable, requestEnvironment } from "./request-environment.js";

describe("isRequestVariable", () => {
  it.each([
    ["AWS_PROFILE", true],
    ["AWS_", true],
    ["XDG_RUNTIME_DIR", true],
    ["LC_ALL", true],
    ["AWSAFE_BACKEND", true],
    ["AWSAFE_PROMPT_TIMEOUT_SECONDS", true],
    ["HOME", true],
    ["PASSWORD_STORE_GPG_OPTS", true],
    ["AWSAFE_TEST_CLOCK", false],
    ["AWSAFE_DEBUG", false],
    ["SHELL", false],
    ["aws_profile", false],
    ["MY_AWS_KEY", false],
  ])("%s: %s", (name, carried) => {
    expect(isRequestVariable(name)).toBe(carried);
  });
});

describe("requestEnvironment", () => {
  it("keeps the set request variables in a map that inherits nothing", () => {
    const kept = requestEnvironment({
      AWS_REGION: "eu-west-1",
      HOME: "/home/me",
      SHELL: "/bin/sh",
      TZ: undefined,
    });
    expect(kept).toEqual({ AWS_REGION: "eu-west-1", HOME: "/home/me" });
    expect(Object.getPrototypeOf(kept)).toBeNull();
  });
});
