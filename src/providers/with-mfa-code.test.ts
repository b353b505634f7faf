import { describe, expect, it } from "vitest";
import { MfaCodeRejectedError } from "../ports/aws/aws-errors.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import { withMfaCode } from "./with-mfa-code.js";

const device = { serialNumber: "arn:aws:iam::111111111111:mfa/alice", profile: "admin" };

describe("withMfaCode", () => {
  it("tells the source which attempt of how many it is, and why the last code failed", async () => {
    const codes = ["12345", "111111", "222222"];
    const asked: MfaRequest[] = [];
    const result = await withMfaCode(
      (request) => {
        asked.push(request);
        return Promise.resolve(codes[request.attempt - 1] ?? "");
      },
      device,
      (mfa) =>
        mfa.tokenCode === "222222"
          ? Promise.resolve("signed in")
          : Promise.reject(new MfaCodeRejectedError("refused", device.serialNumber, {})),
    );
    expect(result).toBe("signed in");
    expect(
      asked.map(({ attempt, attempts, lastFailure }) => ({ attempt, attempts, lastFailure })),
    ).toEqual([
      { attempt: 1, attempts: 3, lastFailure: undefined },
      { attempt: 2, attempts: 3, lastFailure: "the last code was not 6 digits" },
      { attempt: 3, attempts: 3, lastFailure: "AWS refused the last code" },
    ]);
  });
});
