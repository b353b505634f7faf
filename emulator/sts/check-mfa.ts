import type { Caller } from "../auth/caller.js";
import type { QueryParams } from "../http/query-protocol.js";
import { verifyTotp } from "../mfa/verify-totp.js";
import { constrained, invalidMfaCode, StsPattern, unknownMfaDevice } from "./sts-validation.js";

/**
 * Checks `SerialNumber` + `TokenCode` when present. Returns true when MFA was proven in this call,
 * false when neither was sent; throws AccessDenied for a wrong, replayed or foreign code.
 */
export function checkMfa(caller: Caller, params: QueryParams, nowMs: number): boolean {
  const serial = constrained(params, "SerialNumber", 9, 256, StsPattern.serialNumber);
  const code = constrained(params, "TokenCode", 6, 6, StsPattern.tokenCode);
  if (serial === undefined && code === undefined) return false;
  if (serial === undefined || code === undefined) throw invalidMfaCode();
  const p = caller.principal;
  const device =
    p.kind === "role" ? undefined : p.user.mfaDevices.find((d) => d.serialNumber === serial);
  if (device === undefined) throw unknownMfaDevice();
  if (!verifyTotp(device, code, nowMs)) throw invalidMfaCode();
  return true;
}
