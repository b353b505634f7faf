// What the engine and endpoint benchmarks share: the emulator, started as a child process, and
// a HOME whose `base` keys (the emulator's `assume-only` user) awsafe has stored.
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { createInterface } from "node:readline";

const repoRoot = path.resolve(import.meta.dirname, "..");
export const mfaScript = path.join(repoRoot, "test/engine/fixtures/emulator-mfa.mjs");

/** Starts the emulator on a free port: its seed (URL, users) and the child to kill after. */
export async function startEmulator() {
  const child = spawn(process.execPath, ["scripts/emulator.mjs", "--port", "0"], {
    cwd: repoRoot,
    stdio: ["ignore", "pipe", "inherit"],
  });
  const seed = JSON.parse(
    await new Promise((resolve) => createInterface({ input: child.stdout }).once("line", resolve)),
  );
  return { seed, child };
}

/**
 * Fills the empty directory `home` and returns the environment that runs awsafe in it:
 * profile `admin` (AdminRole from `base`, MFA from the test `mfa_process`, which logs each call
 * to `<home>/mfa.log`), the `base` keys stored in `backend` by `awsafe` (the program and its
 * leading arguments), and, with `awsCliProfile`, profile `admin-aws` whose credential_process is
 * that awsafe's `credential-process admin`, for the AWS CLI to read. `extraEnv` is added.
 */
export function prepareBenchHome({
  home,
  seed,
  backend,
  awsafe,
  awsCliProfile = false,
  extraEnv = {},
}) {
  mkdirSync(path.join(home, ".aws"));
  const user = seed.users.find((u) => u.userName === "assume-only");
  const q = (word) => `'${word}'`;
  const config = [
    "[profile base]",
    "[profile admin]",
    "role_arn = arn:aws:iam::210987654321:role/AdminRole",
    "source_profile = base",
    `mfa_serial = ${user.mfaSerial}`,
    `mfa_process = ${q(process.execPath)} ${q(mfaScript)}`,
    "region = us-east-1",
  ];
  if (awsCliProfile) {
    config.push(
      "[profile admin-aws]",
      `credential_process = ${[...awsafe, "credential-process", "admin"].map(q).join(" ")}`,
      "region = us-east-1",
    );
  }
  writeFileSync(path.join(home, ".aws/config"), `${config.join("\n")}\n`);
  const env = {
    PATH: process.env.PATH,
    HOME: home,
    AWS_ENDPOINT_URL: seed.url,
    AWSAFE_BACKEND: backend,
    AWSAFE_PROMPT: "none",
    AWSAFE_FILE_PASSPHRASE: "bench-passphrase-TEST",
    EMULATOR_URL: seed.url,
    TOTP_SECRET: user.totpSecret,
    MFA_LOG: path.join(home, "mfa.log"),
    // The benches run the build that ships (no test hooks): `npm run bench` gives it a private
    // Secret Service (scripts/with-secret-service.sh), so the user's keychain is never touched.
    ...(process.env.DBUS_SESSION_BUS_ADDRESS === undefined
      ? {}
      : { DBUS_SESSION_BUS_ADDRESS: process.env.DBUS_SESSION_BUS_ADDRESS }),
    ...extraEnv,
  };
  const [program, ...leading] = awsafe;
  const added = spawnSync(program, [...leading, "add", "base", "--env"], {
    env: {
      ...env,
      AWS_ACCESS_KEY_ID: user.accessKeyId,
      AWS_SECRET_ACCESS_KEY: user.secretAccessKey,
    },
    encoding: "utf8",
  });
  if (added.status !== 0) throw new Error(`bench: awsafe add failed: ${added.stderr}`);
  return env;
}
