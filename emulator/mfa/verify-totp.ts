import { Secret, TOTP } from "otpauth";
import type { MfaDevice } from "../world/model.js";

/** RFC 6238 parameters of AWS virtual MFA devices. */
export const TOTP_PERIOD_SECONDS = 30;
const TOTP_DIGITS = 6;
// One step either way, for device clocks that drift, as authenticator servers commonly accept.
const TOTP_WINDOW = 1;

/**
 * Checks a 6-digit code against the device's secret at emulator time `nowMs`. A code whose time
 * step is not later than the last accepted one is a replay and fails. On success the device
 * remembers the step.
 */
export function verifyTotp(device: MfaDevice, code: string, nowMs: number): boolean {
  if (!/^\d{6}$/.test(code)) return false;
  const totp = new TOTP({
    secret: Secret.fromBase32(device.totpSecret),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    algorithm: "SHA1",
  });
  const delta = totp.validate({ token: code, timestamp: nowMs, window: TOTP_WINDOW });
  if (delta === null) return false;
  const step = Math.floor(nowMs / 1000 / TOTP_PERIOD_SECONDS) + delta;
  if (step <= device.lastUsedStep) return false;
  device.lastUsedStep = step;
  return true;
}

/** The code a device shows at `nowMs` (for tests and the demo). */
export function totpCode(totpSecret: string, nowMs: number): string {
  return new TOTP({
    secret: Secret.fromBase32(totpSecret),
    digits: TOTP_DIGITS,
    period: TOTP_PERIOD_SECONDS,
    algorithm: "SHA1",
  }).generate({ timestamp: nowMs });
}
