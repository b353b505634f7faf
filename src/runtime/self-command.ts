import { resolve } from "node:path";

/**
 * The command line that runs this awsafe again: what starts the agent (`<self> agent run`) and
 * what `configure` and `import` write into `credential_process` lines. On Node it is the Node
 * binary and the script's absolute path; the single executable (`npm run build:bin`) is the
 * program itself, and its `process.argv[1]` is a virtual path inside the binary that no other
 * process can run.
 */
export function selfCommand(): readonly string[] {
  if (__AWSAFE_STANDALONE__) return [process.execPath];
  return [process.execPath, resolve(process.argv[1] ?? "awsafe")];
}
