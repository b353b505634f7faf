import { closeSync, openSync, writeSync } from "node:fs";

/**
 * Writes lines to the controlling terminal (`/dev/tty`), where a person sees them even when
 * stderr is a pipe (the AWS CLI captures a `credential_process`'s stderr and shows it only when
 * the command fails); `undefined` when there is no terminal (a service, CI, Windows).
 */
export function terminalLines(platform: NodeJS.Platform): ((line: string) => void) | undefined {
  if (platform === "win32") return undefined;
  let fd: number;
  try {
    fd = openSync("/dev/tty", "w");
  } catch {
    return undefined;
  }
  closeSync(fd);
  return (line) => {
    try {
      const out = openSync("/dev/tty", "w");
      try {
        writeSync(out, `${line}\n`);
      } finally {
        closeSync(out);
      }
    } catch {
      // The terminal went away: nobody is left to read the line.
    }
  };
}
