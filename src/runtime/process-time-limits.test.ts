import { describe, expect, it } from "vitest";
import { UsageError } from "../errors.js";
import { processTimeLimits } from "./process-time-limits.js";

describe("processTimeLimits", () => {
  it("defaults to a minute for programs and five for a person at a dialog", () => {
    expect(processTimeLimits({})).toEqual({
      program: { ms: 60_000, variable: "AWSAFE_PROCESS_TIMEOUT_SECONDS" },
      person: { ms: 300_000, variable: "AWSAFE_PROMPT_TIMEOUT_SECONDS" },
    });
  });

  it("takes whole seconds from the variables", () => {
    const limits = processTimeLimits({
      AWSAFE_PROCESS_TIMEOUT_SECONDS: "2",
      AWSAFE_PROMPT_TIMEOUT_SECONDS: "86400",
    });
    expect(limits.program.ms).toBe(2_000);
    expect(limits.person.ms).toBe(86_400_000);
  });

  it.each(["0", "-1", "1.5", "abc", "86401", " 5", "1e3"])(
    "refuses %j with a usage error naming the variable",
    (value) => {
      const error = (() => {
        try {
          processTimeLimits({ AWSAFE_PROCESS_TIMEOUT_SECONDS: value });
        } catch (e) {
          return e;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(UsageError);
      expect(error).toMatchObject({
        message: `AWSAFE_PROCESS_TIMEOUT_SECONDS must be a whole number of seconds, not "${value}"`,
        hint: "Set it to 1 to 86400 (default 60), or unset it",
      });
    },
  );
});
