import type { AppError } from "../errors.js";

/** The browsers `awsafe login --browser` names; `default` is the system's default browser. */
export const browserNames = [
  "firefox",
  "chrome",
  "chromium",
  "brave",
  "edge",
  "vivaldi",
  "safari",
  "default",
] as const;
export type BrowserName = (typeof browserNames)[number];

/** The Chromium family: isolated by a user-data directory of their own per profile. */
export const chromiumFamily: ReadonlySet<BrowserName> = new Set([
  "chrome",
  "chromium",
  "brave",
  "edge",
  "vivaldi",
]);

/** Which browser, for which awsafe profile, isolated or not. */
export interface BrowserChoice {
  readonly browser: BrowserName;
  /** One signed-in console per profile (Chromium family and Firefox only). */
  readonly isolate: boolean;
  /** The profile whose console this is: it names the isolated user-data dir or container. */
  readonly profile: string;
}

/**
 * How the console is kept apart from other profiles' consoles:
 * - `user-data-dir`: a Chromium-family browser with a user-data directory of its own;
 * - `firefox-container`: a Firefox container per profile, through the Granted Containers
 *   extension's `ext+granted-containers:` URL;
 * - `firefox-profile`: a Firefox profile directory of its own (the extension is not installed);
 * - `shared`: the browser's own cookies (the default browser, Safari, `--no-isolate`).
 */
export type Isolation = "user-data-dir" | "firefox-container" | "firefox-profile" | "shared";

/** A browser found and ready to start: nothing has run yet. */
export interface PreparedBrowser {
  /** For messages: `chromium (/usr/bin/chromium)`. */
  readonly description: string;
  readonly isolation: Isolation;
  /** The directory of an isolated profile, when there is one. */
  readonly profileDirectory: string | undefined;
  /**
   * Starts the browser on `address` (a one-time loopback URL, never the login URL): without a
   * shell, detached, its output discarded.
   *
   * @throws AppError when it cannot be started.
   */
  open(address: string): Promise<OpenedBrowser>;
}

/** A browser process started. */
export interface OpenedBrowser {
  /**
   * Settles with an error when the process ends in failure (a non-zero status or a signal) —
   * a browser that exits at once; never settles while it runs or after it ended well.
   */
  readonly failed: Promise<AppError>;
  /** Stops watching the process, which lives on without awsafe. */
  release(): void;
}

/** Finds browsers and prepares their launch. */
export interface BrowserLauncher {
  /**
   * Finds the browser `choice` names (before anything is asked of AWS, so a missing browser
   * costs no MFA code).
   *
   * @throws AppError when it cannot be found (listing where it was looked for) or cannot isolate.
   */
  prepare(choice: BrowserChoice): Promise<PreparedBrowser>;
}

/**
 * A one-time loopback address that redirects the first browser to come to a secret URL (the
 * console login URL), so the secret itself never reaches a browser's command line.
 */
export interface OneTimeAddress {
  /** `http://127.0.0.1:<port>/<random path>`. */
  readonly url: string;
  /** `used` once a browser was redirected, `expired` when none came in time. */
  readonly outcome: Promise<"used" | "expired">;
  /** Stops serving (idempotent). */
  close(): Promise<void>;
}

/** Starts a {@link OneTimeAddress} for `location`. */
export type OneTimeAddressFactory = (location: string) => Promise<OneTimeAddress>;
