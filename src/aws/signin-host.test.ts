import { describe, expect, it } from "vitest";
import { signinHost } from "./signin-host.js";

describe("signinHost", () => {
  it.each([
    [undefined, "signin.aws.amazon.com"],
    ["", "signin.aws.amazon.com"],
    ["us-east-1", "signin.aws.amazon.com"],
    ["eu-west-1", "eu-west-1.signin.aws.amazon.com"],
    ["us-west-2", "us-west-2.signin.aws.amazon.com"],
    ["ap-southeast-2", "ap-southeast-2.signin.aws.amazon.com"],
    ["cn-north-1", "signin.amazonaws.cn"],
    ["cn-northwest-1", "cn-northwest-1.signin.amazonaws.cn"],
    ["us-gov-west-1", "signin.amazonaws-us-gov.com"],
    ["us-gov-east-1", "us-gov-east-1.signin.amazonaws-us-gov.com"],
  ])("region %j → %s", (region, host) => {
    expect(signinHost(region)).toBe(host);
  });
});
