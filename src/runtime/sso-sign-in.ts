import { existsSync } from "node:fs";
import { chooseSignInFlow } from "../app/sso/choose-flow.js";
import { signInToSso, type SignInDeps } from "../app/sso/sign-in.js";
import { notSignedIn } from "../app/sso/token-source.js";
import { createSsoOidcAdapter } from "../aws/sso-oidc-adapter.js";
import { listenForCallback } from "../browser/loopback-callback.js";
import { browserOpener } from "../browser/open-browser.js";
import { terminalQrCode } from "../browser/qr-code.js";
import type { SsoSignIn } from "../ports/sso-sign-in.js";
import { terminalLines } from "../prompt/terminal-lines.js";
import type { RuntimeContext } from "./context.js";

/** How a sign-in is run in this process. */
export interface SignInOptions {
  /**
   * `command`: `awsafe sso login`, talking on stderr. `auto`: a credential request found no
   * usable token; the sign-in talks on the terminal (stderr may be the AWS CLI's pipe) and
   * gives up at once when nobody could see it (no terminal and no browser opened).
   */
  readonly mode: "command" | "auto";
  readonly useDeviceCode?: boolean;
  readonly noBrowser?: boolean;
  readonly qr?: boolean;
  /** Ctrl-C: aborts with an InterruptedError. */
  readonly signal?: AbortSignal | undefined;
  /** Where lines go in `command` mode. */
  readonly show?: (line: string) => void;
}

/**
 * The sign-in of this process (see app/sso/sign-in.ts) with its real adapters: SSO-OIDC in the
 * context's environment, the loopback listener, the browser `$BROWSER` or the platform names,
 * a QR code on request. Also what answers the agent when it asks this client to sign in.
 */
export function clientSsoSignIn(context: RuntimeContext, options: SignInOptions): SsoSignIn {
  return async (request) => {
    const { flow, why } = chooseSignInFlow(
      { legacy: request.session === undefined, useDeviceCode: options.useDeviceCode === true },
      {
        env: context.env,
        platform: context.platform.platform,
        inContainer: existsSync("/.dockerenv"),
      },
    );
    context.debug?.(
      `signing in with the ${flow === "pkce" ? "authorization-code (PKCE)" : "device-code"} flow: ${why}`,
    );
    const terminal = options.mode === "auto" ? terminalLines(context.platform.platform) : undefined;
    const show =
      options.mode === "command"
        ? (options.show ??
          ((line: string) => {
            context.notice(line);
          }))
        : (terminal ??
          ((line: string) => {
            context.notice(line);
          }));
    let openBrowser =
      options.noBrowser === true
        ? undefined
        : browserOpener(context.env, context.platform.platform);
    if (options.mode === "auto" && terminal === undefined) {
      // Nobody can read a URL or a code here: a browser that opens is the only way.
      if (flow === "device" || openBrowser === undefined)
        throw notSignedIn(target(request), request.reason);
      const open = openBrowser;
      openBrowser = async (url) => {
        if (await open(url)) return true;
        throw notSignedIn(target(request), `${request.reason}, and no browser could be opened`);
      };
    }
    const deps: SignInDeps = {
      oidc: createSsoOidcAdapter({ env: context.env, now: context.now, debug: context.debug }),
      flow,
      openBrowser,
      listen: listenForCallback,
      show,
      qr: options.qr === true ? terminalQrCode : undefined,
      now: context.now,
      signal: options.signal,
    };
    return signInToSso(request, deps);
  };
}

function target(request: Parameters<SsoSignIn>[0]) {
  return {
    key: request.key,
    session: request.session,
    startUrl: request.startUrl,
    region: request.region,
    scopes: request.scopes,
    profile: request.profile,
  };
}
