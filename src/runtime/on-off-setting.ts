import { UsageError } from "../errors.js";

/**
 * A switch variable of awsafe's (`AWSAFE_AGENT`, `AWSAFE_LIST_CACHE`): unset, empty, `on`, `1`,
 * `true` or `yes` is on; `off`, `0`, `false` or `no` is off (any case, blanks around ignored).
 *
 * @throws UsageError for any other value, with a hint to set it `off` (`offMeans` says what that
 *   does) or to unset it.
 */
export function onOffSetting(name: string, value: string | undefined, offMeans: string): boolean {
  switch (value?.trim().toLowerCase()) {
    case undefined:
    case "":
    case "on":
    case "1":
    case "true":
    case "yes":
      return true;
    case "off":
    case "0":
    case "false":
    case "no":
      return false;
    default:
      throw new UsageError(`${name}=${value ?? ""} is neither on nor off`, {
        hint: `Set ${name}=off ${offMeans}, or unset it`,
      });
  }
}
