import { CredentialsProviderError } from "@smithy/property-provider";
import { describe, expect, it } from "vitest";
import { AuthError, ConfigError } from "../errors.js";
import { toProviderError } from "./to-provider-error.js";

describe("toProviderError", () => {
  it("keeps awsafe's message and hint, its exit code, and stops a credential chain", () => {
    const cause = new ConfigError('Profile "nope" is not defined', { hint: "Run awsafe list" });
    const error = toProviderError(cause);
    expect(error).toBeInstanceOf(CredentialsProviderError);
    expect(error.name).toBe("CredentialsProviderError");
    expect(error.message).toBe('Profile "nope" is not defined\nhint: Run awsafe list');
    expect(error.hint).toBe("Run awsafe list");
    expect(error.exitCode).toBe(78);
    expect(error.tryNextLink).toBe(false);
    expect(error.cause).toBe(cause);
    expect(toProviderError(error)).toBe(error);
  });

  it("gives a message without a hint line when there is no hint", () => {
    const error = toProviderError(new AuthError("AWS refused the MFA code"));
    expect(error.message).toBe("AWS refused the MFA code");
    expect(error.hint).toBeUndefined();
    expect(error.exitCode).toBe(77);
  });

  it("calls anything else a bug, with the secrets in its text redacted", () => {
    const error = toProviderError(
      new TypeError("bad key AKIAIOSFODNN7EXAMPLE secret wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"),
    );
    expect(error.message).toMatch(/^internal error: /);
    expect(error.message).not.toContain("wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY");
    expect(error.hint).toMatch(/bug in awsafe/);
    expect(error.exitCode).toBe(70);
    expect(error.tryNextLink).toBe(false);
  });
});
