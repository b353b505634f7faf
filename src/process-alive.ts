/**
 * Whether a process with this pid exists on this machine. A pid that is not a positive integer
 * counts as alive: `kill(0, 0)` and negative pids address process groups, and a caller that
 * cannot tell must leave alone what such a process may still use. `EPERM` means the process
 * exists under another user.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return !(error instanceof Error && "code" in error && error.code === "ESRCH");
  }
}
