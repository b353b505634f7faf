import { lstatSync, mkdirSync, type Stats } from "node:fs";
import { dirname, isAbsolute, join } from "node:path";
import type { Environment } from "../ports/environment.js";
import { StoreError } from "../errors.js";

/** Unix socket paths longer than this do not fit `sockaddr_un` on every platform. */
const maxSocketPath = 100;

/**
 * Where the agent's socket is: `$XDG_RUNTIME_DIR/awsafe/agent.sock` (the per-user, 0700,
 * cleared-at-logout directory systemd makes), else `<awsafe data dir>/run/agent.sock`.
 * `undefined` when the path would be too long for a Unix socket.
 */
export function agentSocketPath(env: Environment, dataDir: string): string | undefined {
  const runtime = env.XDG_RUNTIME_DIR;
  const dir =
    runtime !== undefined && isAbsolute(runtime) ? join(runtime, "awsafe") : join(dataDir, "run");
  const socket = join(dir, "agent.sock");
  return socket.length > maxSocketPath ? undefined : socket;
}

/**
 * Makes the socket's directory (0700) and checks it is a real directory of this user that no
 * one else can enter: the socket hands out credentials to whoever connects.
 *
 * @throws StoreError when the directory is a symlink, another user's, or open to others.
 */
export function preparePrivateDir(socketPath: string): void {
  const dir = dirname(socketPath);
  // Synchronous: cheap calls on the hot path, which then need not load fs/promises. Made only
  // when missing: on every call but the first it is there, and one lstat is all it costs.
  let stat = lstatSync(dir, { throwIfNoEntry: false });
  if (stat === undefined) {
    mkdirSync(dir, { recursive: true, mode: 0o700 });
    stat = lstatSync(dir);
  }
  if (!isPrivateDir(stat)) {
    throw new StoreError(
      `The agent's directory ${dir} is not private (a 0700 directory of this user)`,
      {
        hint: `Remove it (or run \`chmod 700 ${dir}\` if it is yours) and try again`,
      },
    );
  }
}

/**
 * Whether `stat` (an `lstat`, `undefined` for nothing there) is of a real directory (not a
 * symlink) of this user that no one else can enter: what a client checks before it sends the
 * agent anything, as {@link preparePrivateDir} does.
 */
export function isPrivateDir(stat: Stats | undefined): boolean {
  const uid = process.getuid?.();
  return (
    stat !== undefined &&
    stat.isDirectory() &&
    (uid === undefined || stat.uid === uid) &&
    (stat.mode & 0o077) === 0
  );
}
