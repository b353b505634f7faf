import { describe, expect, it } from "vitest";
import { UsageError } from "../../errors.js";
import { execEnvironment, refuseNestedExec } from "./exec-environment.js";

const resolved = {
  profile: "admin",
  region: "eu-west-1",
  credentials: {
    accessKeyId: "ASIAFAKEEXAMPLE",
    secretAccessKey: "fake-secret-TEST",
    sessionToken: "fake-token-TEST",
    expiration: new Date("2030-01-01T00:00:00Z"),
  },
};

describe("execEnvironment", () => {
  it("drops inherited credentials, profile choices and the store passphrase, then sets its own", () => {
    const env = execEnvironment(
      {
        PATH: "/bin",
        AWS_PROFILE: "other",
        AWS_DEFAULT_PROFILE: "other",
        AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE",
        AWS_SECRET_ACCESS_KEY: "inherited-TEST",
        AWS_SECURITY_TOKEN: "inherited-TEST",
        AWS_CONTAINER_AUTHORIZATION_TOKEN: "inherited-TEST",
        AWSAFE_FILE_PASSPHRASE: "passphrase-TEST",
        AWS_ENDPOINT_URL: "http://127.0.0.1:1",
        UNSET: undefined,
      },
      resolved,
    );
    expect(env).toEqual({
      PATH: "/bin",
      AWS_ENDPOINT_URL: "http://127.0.0.1:1",
      AWS_ACCESS_KEY_ID: "ASIAFAKEEXAMPLE",
      AWS_SECRET_ACCESS_KEY: "fake-secret-TEST",
      AWS_SESSION_TOKEN: "fake-token-TEST",
      AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00.000Z",
      AWS_REGION: "eu-west-1",
      AWS_DEFAULT_REGION: "eu-west-1",
      AWSAFE_PROFILE: "admin",
    });
  });

  it("sets no region variables when no region is known", () => {
    const env = execEnvironment({}, { ...resolved, region: undefined });
    expect(env).not.toHaveProperty("AWS_REGION");
    expect(env).not.toHaveProperty("AWS_DEFAULT_REGION");
  });

  it("refuses to run inside another awsafe exec", () => {
    expect(() => {
      refuseNestedExec({ AWSAFE_PROFILE: "admin" });
    }).toThrow(UsageError);
    expect(() => {
      refuseNestedExec({ AWSAFE_PROFILE: "" });
    }).not.toThrow();
  });
});
