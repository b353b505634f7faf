import { configureSso } from "../../../app/sso/configure-sso.js";
import { credentialProcessLine } from "../../../config/awsafe-process-line.js";
import { ExitCode, UsageError } from "../../../errors.js";
import type { CommandRun } from "../../command-spec.js";
import type { SsoConfigureInput } from "./sso-command.js";

/** `awsafe sso configure --sso-session S --start-url U --region R [--profile P --account-id A --role-name N]`. */
export const runSsoConfigure: CommandRun<SsoConfigureInput> = async (input, io) => {
  const missing = [
    input.ssoSession === undefined ? "--sso-session" : undefined,
    input.startUrl === undefined ? "--start-url" : undefined,
    input.region === undefined ? "--region" : undefined,
  ].filter((flag) => flag !== undefined);
  if (
    input.ssoSession === undefined ||
    input.startUrl === undefined ||
    input.region === undefined
  ) {
    throw new UsageError(`sso configure needs ${missing.join(", ")}`, {
      hint: "e.g. awsafe sso configure --sso-session corp --start-url https://d-1234567890.awsapps.com/start --region us-east-1",
    });
  }
  const wantsProfile =
    input.profile !== undefined || input.accountId !== undefined || input.roleName !== undefined;
  if (
    wantsProfile &&
    (input.profile === undefined || input.accountId === undefined || input.roleName === undefined)
  ) {
    throw new UsageError("A profile needs --profile, --account-id and --role-name together", {
      hint: "awsafe sso list shows the accounts and roles you can use once signed in",
    });
  }
  if (input.accountId !== undefined && !/^\d{12}$/.test(input.accountId)) {
    throw new UsageError(`--account-id ${input.accountId} is not a 12-digit account id`);
  }
  const changed = await configureSso(io, {
    session: input.ssoSession,
    startUrl: input.startUrl,
    region: input.region,
    scopes: input.scopes ?? "sso:account:access",
    ...(input.profile === undefined || input.accountId === undefined || input.roleName === undefined
      ? {}
      : {
          profile: {
            name: input.profile,
            accountId: input.accountId,
            roleName: input.roleName,
            region: input.profileRegion,
            processLine: credentialProcessLine(io.selfCommand, input.profile),
          },
        }),
  });
  io.stderr.write(
    `configured sso-session "${input.ssoSession}"${input.profile === undefined ? "" : ` and profile "${input.profile}"`}: ${changed.length === 0 ? "nothing changed" : `wrote ${changed.join(", ")}`}\n`,
  );
  io.stderr.write(`next: awsafe sso login --sso-session ${input.ssoSession}\n`);
  return ExitCode.Ok;
};
