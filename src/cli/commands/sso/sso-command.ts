import { defineCommand, defineGroup, type InputOf } from "../../command-spec.js";
import { backendOption, jsonOption } from "../../credential-options.js";
import { flagOption, negatedFlag, textOption } from "../../options.js";

const none = {};
const target = {
  profile: textOption(
    "--profile <profile>",
    "a profile whose sso-session (or sso_start_url) to use",
  ),
  ssoSession: textOption("--sso-session <name>", "the [sso-session] to use"),
};
const loginOptions = {
  ...target,
  useDeviceCode: flagOption(
    "--use-device-code",
    "sign in with a code on another device (no local browser)",
  ),
  noBrowser: negatedFlag("--no-browser", "print the URL instead of opening a browser"),
  qr: flagOption("--qr", "with the device code, also print the URL as a QR code"),
  force: flagOption("--force", "sign in even if the stored sign-in has time left"),
  exportAwsCliCache: flagOption(
    "--export-aws-cli-cache",
    "also write the AWS CLI's plain-text token file (~/.aws/sso/cache), for native aws sso profiles",
  ),
  backend: backendOption(),
};
const logoutOptions = {
  ...target,
  all: flagOption("--all", "every stored sign-in"),
  backend: backendOption(),
};
const listOptions = { ...target, json: jsonOption(), backend: backendOption() };
const populateOptions = {
  ssoSession: textOption(
    "--sso-session <name>",
    "the [sso-session] whose accounts and roles to write",
  ),
  template: textOption(
    "--template <template>",
    "profile names from {account_id} {account_name} {role_name} {sso_session} (default: {account_name}.{role_name})",
  ),
  region: textOption("--region <region>", "region of the new profiles"),
  prune: flagOption("--prune", "remove generated profiles whose account or role is gone"),
  dryRun: flagOption("--dry-run", "print the change as a diff; write nothing"),
  json: jsonOption(),
  maxRate: textOption("--max-rate <calls>", "portal calls per second (default 15)"),
  backend: backendOption(),
};
const configureOptions = {
  ssoSession: textOption("--sso-session <name>", "the [sso-session] to write"),
  startUrl: textOption("--start-url <url>", "its sso_start_url (the AWS access portal URL)"),
  region: textOption("--region <region>", "its sso_region (where IAM Identity Center is)"),
  scopes: textOption(
    "--scopes <scopes>",
    "its sso_registration_scopes (default: sso:account:access)",
  ),
  profile: textOption("--profile <profile>", "also write this profile, routed through awsafe"),
  accountId: textOption("--account-id <id>", "the profile's account"),
  roleName: textOption("--role-name <name>", "the profile's role (permission set)"),
  profileRegion: textOption("--profile-region <region>", "the profile's region"),
  backend: backendOption(),
};

/** What `awsafe sso login` is given. */
export type SsoLoginInput = InputOf<typeof none, typeof loginOptions>;
/** What `awsafe sso logout` is given. */
export type SsoLogoutInput = InputOf<typeof none, typeof logoutOptions>;
/** What `awsafe sso list` is given. */
export type SsoListInput = InputOf<typeof none, typeof listOptions>;
/** What `awsafe sso populate` is given. */
export type SsoPopulateInput = InputOf<typeof none, typeof populateOptions>;
/** What `awsafe sso configure` is given. */
export type SsoConfigureInput = InputOf<typeof none, typeof configureOptions>;

/** `awsafe sso login|logout|list|populate|configure`: IAM Identity Center. */
export const ssoCommand = defineGroup({
  name: "sso",
  description: "IAM Identity Center: sign in, list and write the accounts and roles you can use",
  examples: [
    "awsafe sso configure --sso-session corp --start-url https://d-1234567890.awsapps.com/start --region eu-west-1",
    "awsafe sso login --sso-session corp",
    "awsafe sso populate --sso-session corp --dry-run",
  ],
  subcommands: [
    defineCommand({
      name: "login",
      examples: [
        "awsafe sso login --sso-session corp",
        "awsafe sso login --profile dev --use-device-code",
      ],
      description:
        "sign in (browser with PKCE, or --use-device-code); tokens go to the secret store",
      args: none,
      options: loginOptions,
      load: async () => (await import("./run-sso.js")).runSsoLogin,
    }),
    defineCommand({
      name: "logout",
      examples: ["awsafe sso logout --sso-session corp", "awsafe sso logout --all"],
      description: "end the portal session, delete the stored token and its role sessions",
      args: none,
      options: logoutOptions,
      load: async () => (await import("./run-sso.js")).runSsoLogout,
    }),
    defineCommand({
      name: "list",
      examples: ["awsafe sso list --sso-session corp", "awsafe sso list --sso-session corp --json"],
      description: "the accounts and roles the signed-in user can reach",
      args: none,
      options: listOptions,
      load: async () => (await import("./run-sso.js")).runSsoList,
    }),
    defineCommand({
      name: "populate",
      examples: [
        "awsafe sso populate --sso-session corp --dry-run",
        "awsafe sso populate --sso-session corp --prune",
      ],
      description:
        "write one profile per account and role into ~/.aws/config (routed through awsafe)",
      args: none,
      options: populateOptions,
      load: async () => (await import("./run-sso-populate.js")).runSsoPopulate,
    }),
    defineCommand({
      name: "configure",
      examples: [
        "awsafe sso configure --sso-session corp --start-url https://d-1234567890.awsapps.com/start --region eu-west-1",
        "awsafe sso configure --sso-session corp --profile dev --account-id 111111111111 --role-name ReadOnly",
        "awsafe sso configure   # on a terminal: asks, signs in, offers the accounts and roles",
      ],
      description:
        "write an [sso-session] (and a profile) the way aws configure sso does; asks on a terminal for what the flags leave out",
      args: none,
      options: configureOptions,
      load: async () => (await import("./run-sso-configure.js")).runSsoConfigure,
    }),
  ],
});
