import { ConfigError } from "../../errors.js";

/** A shared config or credentials file that cannot be read; names the file and line. */
export class ConfigParseError extends ConfigError {
  readonly file: string;
  readonly line: number;

  constructor(file: string, line: number, problem: string, hint?: string) {
    super(`${file}:${line}: ${problem}`, {
      hint:
        hint ??
        `fix line ${line} of ${file}; see https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html`,
    });
    this.file = file;
    this.line = line;
  }
}
