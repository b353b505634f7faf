import { UsageError } from "../errors.js";

/**
 * `--duration`: seconds (`3600`), or hours, minutes and seconds with units (`12h`, `90m`,
 * `1h30m`, `900s`), as aws-vault takes it. This checks the form only; `checkDuration` checks the
 * limits against the plan, before any call.
 *
 * @throws UsageError on anything else.
 */
export function parseDuration(text: string): number {
  const parts = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s?)?$/.exec(text.trim());
  const [, hours, minutes, seconds] = parts ?? [];
  if (parts === null || (hours ?? minutes ?? seconds) === undefined) {
    throw new UsageError(`--duration "${text}" is not a duration`, {
      hint: "Give seconds (3600) or hours and minutes (12h, 90m, 1h30m)",
    });
  }
  return Number(hours ?? 0) * 3600 + Number(minutes ?? 0) * 60 + Number(seconds ?? 0);
}
