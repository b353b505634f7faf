import { describe, expect, it } from "vitest";
import { AppError, AuthError } from "../errors.js";
import { MfaCodeRejectedError } from "../ports/aws/aws-errors.js";
import { fromWireError, toWireError } from "./wire-error.js";

const secret = "FAKEtestAbCdEfGhIjKlMnOpQrStUvWxYz0123456";

describe("errors on the wire", () => {
  it("keep their kind, hint and cause chain, redacted", () => {
    const sdk = new Error(`The security token included in the request is invalid (${secret})`);
    sdk.name = "InvalidClientTokenId";
    const error = new AuthError("GetSessionToken failed", {
      hint: "store a valid key",
      cause: new Error("signing failed", { cause: sdk }),
    });
    const wire: unknown = JSON.parse(JSON.stringify(toWireError(error)));
    expect(JSON.stringify(wire)).not.toContain(secret);
    const back = fromWireError(toWireError(error));
    expect(back).toBeInstanceOf(AuthError);
    expect(back instanceof AppError && back.hint).toBe("store a valid key");
    const first = back.cause;
    expect(first instanceof Error && `${first.name}: ${first.message}`).toBe(
      "Error: signing failed",
    );
    const second = first instanceof Error ? first.cause : undefined;
    expect(second instanceof Error && second.name).toBe("InvalidClientTokenId");
    expect(second instanceof Error && second.message).toBe(
      "The security token included in the request is invalid ([redacted])",
    );
  });

  it("keep the device of a refused MFA code", () => {
    const back = fromWireError(toWireError(new MfaCodeRejectedError("refused", "arn:mfa", {})));
    expect(back).toBeInstanceOf(MfaCodeRejectedError);
    expect(back instanceof MfaCodeRejectedError && back.serialNumber).toBe("arn:mfa");
  });

  it("send a bug's message only, never its stack", () => {
    const wire = toWireError(new TypeError("x is undefined"));
    expect(wire).toEqual({ kind: "internal", message: "awsafe agent: x is undefined" });
  });
});
