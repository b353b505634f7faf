import { configureSso, regionProblem, startUrlProblem } from "../../../app/sso/configure-sso.js";
import { loadSharedConfig } from "../../../app/load-shared-config.js";
import { credentialProcessLine } from "../../../config/awsafe-process-line.js";
import { readSsoSession } from "../../../config/profile/read-sso-session.js";
import { ExitCode, UsageError } from "../../../errors.js";
import type { Questions } from "../../../ports/questions.js";
import { terminalQuestions } from "../../../runtime/terminal-questions.js";
import type { CommandRun } from "../../command-spec.js";
import type { CliIo } from "../../io.js";
import { askSsoProfile, nameProblem } from "./ask-sso-profile.js";
import type { SsoConfigureInput } from "./sso-command.js";

/**
 * `awsafe sso configure [--sso-session S --start-url U --region R] [--profile P --account-id A
 * --role-name N]`. What the flags leave out is taken from an existing `[sso-session S]`, or
 * asked on a terminal the way `aws configure sso` asks: the session, then (after a sign-in) an
 * account and a role from the portal and the profile's name.
 */
export const runSsoConfigure: CommandRun<SsoConfigureInput> = async (input, io) => {
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
  const asked = await sessionSettings(input, io);
  const { session, questions } = asked;
  const changed = await configureSso(io, {
    ...session,
    scopes: input.scopes ?? session.scopes ?? "sso:account:access",
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
    `configured sso-session "${session.session}"${input.profile === undefined ? "" : ` and profile "${input.profile}"`}: ${changed.length === 0 ? "nothing changed" : `wrote ${changed.join(", ")}`}\n`,
  );
  if (questions !== undefined && !wantsProfile) {
    const profile = await askSsoProfile(io, questions, session.session, input.backend);
    if (profile !== undefined) {
      const more = await configureSso(io, {
        ...session,
        scopes: input.scopes ?? session.scopes ?? "sso:account:access",
        profile: {
          ...profile,
          region: input.profileRegion,
          processLine: credentialProcessLine(io.selfCommand, profile.name),
        },
      });
      io.stderr.write(
        `configured profile "${profile.name}": ${more.length === 0 ? "nothing changed" : `wrote ${more.join(", ")}`}\n`,
      );
      io.stderr.write(`try: aws sts get-caller-identity --profile ${profile.name}\n`);
      return ExitCode.Ok;
    }
  }
  io.stderr.write(`next: awsafe sso login --sso-session ${session.session}\n`);
  return ExitCode.Ok;
};

interface SessionSettings {
  readonly session: string;
  readonly startUrl: string;
  readonly region: string;
  readonly scopes: string | undefined;
}

/**
 * The sso-session to write: the flags, then what an existing `[sso-session]` of that name
 * holds, then the terminal's answers. `questions` is set when anything was asked.
 */
async function sessionSettings(
  input: SsoConfigureInput,
  io: CliIo,
): Promise<{ session: SessionSettings; questions: Questions | undefined }> {
  const config = (await loadSharedConfig(io)).data;
  const known = (name: string) =>
    config.ssoSessions.has(name) ? readSsoSession(config, name, name) : undefined;
  let name = input.ssoSession;
  let startUrl = input.startUrl ?? (name === undefined ? undefined : known(name)?.startUrl);
  let region = input.region ?? (name === undefined ? undefined : known(name)?.region);
  if (name !== undefined && startUrl !== undefined && region !== undefined) {
    return {
      session: {
        session: name,
        startUrl,
        region,
        scopes: known(name)?.registrationScopes?.join(","),
      },
      questions: undefined,
    };
  }
  const questions = terminalQuestions(io);
  if (questions === undefined) {
    const missing = [
      name === undefined ? "--sso-session" : undefined,
      startUrl === undefined ? "--start-url" : undefined,
      region === undefined ? "--region" : undefined,
    ].filter((flag) => flag !== undefined);
    throw new UsageError(`sso configure needs ${missing.join(", ")}`, {
      hint: "e.g. awsafe sso configure --sso-session corp --start-url https://d-1234567890.awsapps.com/start --region us-east-1 (on a terminal, awsafe asks for what is missing)",
    });
  }
  name ??= await questions.text("A name for the sso-session ([sso-session NAME])", {
    placeholder: "corp",
    check: nameProblem,
  });
  startUrl ??=
    known(name)?.startUrl ??
    (await questions.text("The AWS access portal URL (sso_start_url)", {
      placeholder: "https://d-1234567890.awsapps.com/start",
      check: startUrlProblem,
    }));
  region ??=
    known(name)?.region ??
    (await questions.text("The region of IAM Identity Center (sso_region)", {
      placeholder: "us-east-1",
      check: regionProblem,
    }));
  return {
    session: {
      session: name,
      startUrl,
      region,
      scopes: known(name)?.registrationScopes?.join(","),
    },
    questions,
  };
}
