// The demo's `mfa_process`: prints the code the MFA device shows now, computed from its TOTP
// secret (DEMO_TOTP_SECRET), the way `op item get ... --otp` or `ykman oath accounts code` would.
import { Secret, TOTP } from "otpauth";

const secret = process.env.DEMO_TOTP_SECRET;
if (!secret) {
  process.stderr.write("demo-totp: DEMO_TOTP_SECRET is not set\n");
  process.exit(1);
}
const totp = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30 });
process.stdout.write(`${totp.generate()}\n`);
