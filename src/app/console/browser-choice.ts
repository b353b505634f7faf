import { UsageError } from "../../errors.js";
import {
  type BrowserChoice,
  type BrowserName,
  browserNames,
  chromiumFamily,
} from "../../ports/browser.js";

/** What says which browser opens the console. */
export interface BrowserChoiceInput {
  /** `--browser`. */
  readonly flag: BrowserName | undefined;
  /** `AWSAFE_BROWSER`. */
  readonly variable: string | undefined;
  /** `--isolate` (true), `--no-isolate` (false), neither (undefined). */
  readonly isolate: boolean | undefined;
  readonly profile: string;
}

/**
 * The browser: `--browser`, else `AWSAFE_BROWSER`, else the system default. Isolation is on by
 * default where awsafe can give each profile its own signed-in console (the Chromium family,
 * Firefox); the default browser and Safari share their cookies, so `--isolate` there is refused
 * rather than silently ignored.
 *
 * @throws UsageError for an unknown `AWSAFE_BROWSER`, or `--isolate` with a browser that cannot.
 */
export function chooseBrowser(input: BrowserChoiceInput): BrowserChoice {
  const browser = input.flag ?? browserFromVariable(input.variable) ?? "default";
  const canIsolate = browser === "firefox" || chromiumFamily.has(browser);
  if (input.isolate === true && !canIsolate) {
    throw new UsageError(`--isolate: awsafe cannot isolate profiles in ${describe(browser)}`, {
      hint: "Name a Chromium-family browser or Firefox with --browser (chrome, chromium, brave, edge, vivaldi, firefox), or leave out --isolate",
    });
  }
  return { browser, isolate: input.isolate ?? canIsolate, profile: input.profile };
}

function browserFromVariable(value: string | undefined): BrowserName | undefined {
  const trimmed = value?.trim().toLowerCase();
  if (trimmed === undefined || trimmed === "") return undefined;
  const found = browserNames.find((name) => name === trimmed);
  if (found === undefined) {
    throw new UsageError(`AWSAFE_BROWSER=${value ?? ""} is not a browser awsafe knows`, {
      hint: `Set it to one of: ${browserNames.join(", ")}; or unset it`,
    });
  }
  return found;
}

function describe(browser: BrowserName): string {
  return browser === "default" ? "the default browser" : browser;
}
