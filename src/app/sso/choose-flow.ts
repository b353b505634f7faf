import type { Environment } from "../../ports/environment.js";
import type { SignInFlow } from "./sign-in.js";

/** What decides between the browser and the device code, beyond the environment. */
export interface FlowFacts {
  readonly env: Environment;
  readonly platform: NodeJS.Platform;
  /** `/.dockerenv` exists (inside a container, where no browser can reach the loopback). */
  readonly inContainer: boolean;
}

/**
 * The sign-in flow, and why (for `--debug`). The device code for a legacy profile (as the AWS
 * CLI does), with `--use-device-code`, or in a session where a browser on this machine is
 * unlikely (SSH, no display on Linux, a container, CI, Codespaces, CloudShell: granted's list,
 * SPECS-2 §B.1 item 8) — unless `$BROWSER` says how to open one. Otherwise PKCE.
 */
export function chooseSignInFlow(
  input: { readonly legacy: boolean; readonly useDeviceCode: boolean },
  facts: FlowFacts,
): { readonly flow: SignInFlow; readonly why: string } {
  if (input.useDeviceCode) return { flow: "device", why: "--use-device-code" };
  if (input.legacy) return { flow: "device", why: "a profile with sso_start_url of its own" };
  const env = facts.env;
  const set = (name: string) => (env[name] ?? "") !== "";
  if (set("BROWSER")) return { flow: "pkce", why: "$BROWSER is set" };
  const remote = [
    "SSH_CLIENT",
    "SSH_TTY",
    "SSH_CONNECTION",
    "CI",
    "CODESPACES",
    "CLOUD_SHELL",
  ].find(set);
  if (remote !== undefined) return { flow: "device", why: `${remote} is set (no browser here)` };
  if (facts.inContainer) return { flow: "device", why: "inside a container" };
  const linux = facts.platform === "linux" && !set("WSL_DISTRO_NAME");
  if (linux && !set("DISPLAY") && !set("WAYLAND_DISPLAY")) {
    return { flow: "device", why: "no DISPLAY or WAYLAND_DISPLAY" };
  }
  return { flow: "pkce", why: "a browser can be opened here" };
}
