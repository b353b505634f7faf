import { UsageError } from "../errors.js";
import type { FromAwsafeInit } from "./from-awsafe.js";

/**
 * The init of {@link fromAwsafe} as JavaScript callers may pass it (no type checker): each
 * field of the right kind, or a UsageError that says which and how.
 */
export function checkInit(init: FromAwsafeInit): void {
  const { profile, durationSeconds, mfaCodeProvider, region } = init;
  if (profile !== undefined && (typeof profile !== "string" || profile.trim() === "")) {
    throw new UsageError("fromAwsafe(): profile is empty", {
      hint: "Name a profile of ~/.aws/config, or leave profile out to use AWS_PROFILE",
    });
  }
  if (
    durationSeconds !== undefined &&
    (!Number.isInteger(durationSeconds) || durationSeconds <= 0)
  ) {
    throw new UsageError(
      `fromAwsafe(): durationSeconds ${String(durationSeconds)} is not a whole number of seconds`,
      { hint: "Give durationSeconds in seconds, e.g. 3600 for an hour (AWS allows 900 and more)" },
    );
  }
  if (mfaCodeProvider !== undefined && typeof mfaCodeProvider !== "function") {
    throw new UsageError("fromAwsafe(): mfaCodeProvider is not a function", {
      hint: "Pass an async function (mfaSerial) => code, as for fromIni",
    });
  }
  if (region !== undefined && (typeof region !== "string" || region.trim() === "")) {
    throw new UsageError("fromAwsafe(): region is empty", {
      hint: "Name a region such as us-east-1, or leave region out",
    });
  }
}
