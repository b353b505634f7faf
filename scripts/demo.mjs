// The main job on a fresh machine, until the emulator-backed demo exists: what awsafe makes of
// a team's shared config (examples/aws), listed and explained.
import { spawnSync } from "node:child_process";

const env = {
  ...process.env,
  AWS_CONFIG_FILE: "examples/aws/config",
  AWS_SHARED_CREDENTIALS_FILE: "examples/aws/credentials",
};
for (const args of [["list"], ["explain", "admin-role"], ["explain", "readonly-role"]]) {
  console.log(`\n$ awsafe ${args.join(" ")}`);
  const result = spawnSync(process.execPath, ["dist/cli.cjs", ...args], { env, stdio: "inherit" });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
