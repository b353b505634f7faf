import type { Environment } from "../ports/environment.js";
import type { OpenBrowser } from "../ports/sso-sign-in.js";
import { childEnvironment } from "../process/child-environment.js";
import { openSystemBrowser } from "../process/browser/system-browser.js";

/** How long a launcher may take to fail before the browser counts as opened. */
const launchGraceMs = 1500;

/**
 * Opens the IAM Identity Center sign-in page the way `awsafe login` opens the default browser
 * (`$BROWSER` first, else the platform's opener through the `open` package; see
 * system-browser.ts), with no secret in the browser's environment. A launcher that cannot start,
 * or fails within a moment, counts as not opened: the caller then prints the URL.
 */
export function browserOpener(env: Environment, platform: NodeJS.Platform): OpenBrowser {
  return async (url) => {
    try {
      const opened = await openSystemBrowser(
        url,
        env,
        childEnvironment(env, "drop-aws-credentials"),
        platform,
      );
      const failed = await Promise.race([
        opened.failed.then(() => true),
        new Promise<false>((resolve) =>
          setTimeout(() => {
            resolve(false);
          }, launchGraceMs),
        ),
      ]);
      opened.release();
      return !failed;
    } catch {
      return false;
    }
  };
}
