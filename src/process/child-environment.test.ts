import { describe, expect, it } from "vitest";
import { childEnvironment } from "./child-environment.js";

const parent = {
  PATH: "/bin",
  HOME: "/home/u",
  AWS_PROFILE: "dev",
  AWS_REGION: "eu-west-1",
  AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE",
  AWS_SECRET_ACCESS_KEY: "inherited-secret-TEST",
  AWS_SESSION_TOKEN: "inherited-token-TEST",
  AWS_SECURITY_TOKEN: "inherited-token-TEST",
  AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00Z",
  AWS_CONTAINER_AUTHORIZATION_TOKEN: "container-token-TEST",
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/run/token",
  AWSAFE_FILE_PASSPHRASE: "passphrase-TEST",
  AWSAFE_FILE_PASSPHRASE_FILE: "/home/u/passphrase",
  AWSAFE_BACKEND: "file",
  UNSET: undefined,
};

describe("childEnvironment", () => {
  it("never passes awsafe's passphrase variables, and keeps the AWS ones for credential_process", () => {
    expect(childEnvironment(parent, "keep-aws-credentials")).toEqual({
      PATH: "/bin",
      HOME: "/home/u",
      AWS_PROFILE: "dev",
      AWS_REGION: "eu-west-1",
      AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE",
      AWS_SECRET_ACCESS_KEY: "inherited-secret-TEST",
      AWS_SESSION_TOKEN: "inherited-token-TEST",
      AWS_SECURITY_TOKEN: "inherited-token-TEST",
      AWS_CREDENTIAL_EXPIRATION: "2030-01-01T00:00:00Z",
      AWS_CONTAINER_AUTHORIZATION_TOKEN: "container-token-TEST",
      AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/run/token",
      AWSAFE_BACKEND: "file",
    });
  });

  it("drops inherited AWS credentials too for helpers, keeping the other AWS settings", () => {
    expect(childEnvironment(parent, "drop-aws-credentials")).toEqual({
      PATH: "/bin",
      HOME: "/home/u",
      AWS_PROFILE: "dev",
      AWS_REGION: "eu-west-1",
      AWSAFE_BACKEND: "file",
    });
  });
});
