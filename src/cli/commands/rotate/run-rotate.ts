import { formatTime } from "../../../app/rotate/key-facts.js";
import type { RotationResult } from "../../../app/rotate/rotate-profile.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { rotateKeys } from "../../../runtime/rotate-keys.js";
import type { CommandRun } from "../../command-spec.js";
import { credentialRequest } from "../../credential-options.js";
import { profileOrPick } from "../../pick-profile/profile-or-pick.js";
import type { RotateInput } from "./rotate-command.js";

/**
 * `awsafe rotate <profile> | --all` (neither: the picker on a terminal): replaces stored access keys (see `app/rotate/`), saying
 * each step on stderr as it is done; the outcome goes to stderr, or to stdout as JSON.
 */
export const runRotate: CommandRun<RotateInput> = async (input, io) => {
  const hint = "e.g. `awsafe rotate me`, or `awsafe rotate --all` for every stored key";
  if (input.profile !== undefined && input.all) {
    throw new UsageError("Give either a profile or --all, not both", { hint });
  }
  if (input.noSession && input.mfaToken !== undefined) {
    throw new UsageError("--mfa-token has no use with --no-session", {
      hint: "--no-session calls IAM with the key itself, without MFA; leave out one of them",
    });
  }
  const profile = input.all
    ? undefined
    : await profileOrPick(io, input.profile, "rotate", () => {
        throw new UsageError("Name the profile to rotate, or --all", { hint });
      });
  const { mfaToken } = credentialRequest(profile ?? "", {
    region: undefined,
    duration: undefined,
    noSession: input.noSession,
    mfaToken: input.mfaToken,
    noAgent: input.noAgent,
    backend: input.backend,
  });
  const results: RotationResult[] = [];
  await rotateKeys(
    io,
    {
      profiles: profile === undefined ? "all" : [profile],
      noSession: input.noSession,
      mfaToken,
      agent: !input.noAgent,
      backend: input.backend,
      deleteInactive: input.deleteInactive,
    },
    (line) => io.stderr.write(`  ${line}\n`),
    (result) => {
      results.push(result);
      if (!input.json) io.stderr.write(summary(result));
    },
  );
  if (input.json) {
    const shown = results.map(resultJson);
    io.stdout.write(`${JSON.stringify(input.all ? shown : shown[0], null, 2)}\n`);
  }
  return ExitCode.Ok;
};

function summary(result: RotationResult): string {
  const lines = [
    `rotated "${result.profile}": ${redact(result.oldAccessKeyId)} -> ${redact(result.newAccessKeyId)} (IAM user ${result.userName})`,
    ...(result.interrupted === undefined
      ? []
      : [
          result.interrupted.outcome === "finished"
            ? `  this finished the rotation started ${formatTime(new Date(result.interrupted.startedAt))}, which had been interrupted`
            : `  the rotation started ${formatTime(new Date(result.interrupted.startedAt))}, which had been interrupted, was undone first`,
        ]),
    `  keys of ${result.userName} now: ${result.keys.map(describeKeyNow).join(", ")}`,
    ...(result.oldKey === "deleted" ? [] : [`  the old key was made inactive, not deleted`]),
    "  sessions made before now stay valid at AWS until they expire (AWS cannot revoke them)",
  ];
  return `${lines.join("\n")}\n`;
}

function describeKeyNow(key: RotationResult["keys"][number]): string {
  const stored =
    key.storedAs.length === 0
      ? "not stored by awsafe"
      : `stored as ${key.storedAs.map((p) => `"${p}"`).join(", ")}`;
  return `${redact(key.accessKeyId)} (${key.status}, ${stored})`;
}

function resultJson(result: RotationResult) {
  return {
    profile: result.profile,
    userName: result.userName,
    userArn: result.userArn,
    calledIamWith: result.caller,
    ...(result.interrupted === undefined ? {} : { interrupted: result.interrupted }),
    oldAccessKeyId: redact(result.oldAccessKeyId),
    newAccessKeyId: redact(result.newAccessKeyId),
    storedAs: result.storedAs,
    oldKey: result.oldKey,
    sessionsDropped: {
      store: result.sessionsDropped.store,
      agent: result.sessionsDropped.agent ?? null,
    },
    keys: result.keys.map((key) => ({ ...key, accessKeyId: redact(key.accessKeyId) })),
    notes: result.notes,
  };
}
