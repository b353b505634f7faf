import { addKey } from "../../../app/store/add-key.js";
import { checkAccessKeyId, checkSecretAccessKey } from "../../../app/store/check-long-term-key.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { openChosenStore } from "../../../runtime/open-configured-store.js";
import { chooseStoringBackend, recordFirstBackend } from "../../../runtime/storing-backend.js";
import { checkProfileName } from "../../../config/check-profile-values.js";
import type { CommandRun } from "../../command-spec.js";
import type { CliIo } from "../../io.js";
import type { AddInput } from "./add-command.js";

/** `awsafe add <profile> [--env] [--force] [--backend B]`: store a long-term key. */
export const runAdd: CommandRun<AddInput> = async (input, io) => {
  const { profile } = input;
  // Everything that can be checked is, before a key is asked for or a store opened.
  checkProfileName(profile);
  const choice = chooseStoringBackend(io, input.backend);
  const key = input.env ? keyFromEnv(io) : await keyFromPrompt(io, profile);
  const store = await openChosenStore(io, choice);
  const outcome = await addKey(store, {
    profile,
    ...key,
    force: input.force,
    confirmReplace: (storedKeyId) => confirmReplace(io, profile, storedKeyId),
    now: io.now,
  });
  const what = `key ${redact(key.accessKeyId)} of profile "${profile}"`;
  const done = {
    added: "stored",
    replaced: "replaced the stored key with",
    unchanged: "already stored",
  };
  io.stderr.write(`${done[outcome]} ${what} in ${store.location} (${store.backend})\n`);
  await recordFirstBackend(io, choice);
  return ExitCode.Ok;
};

function keyFromEnv(io: CliIo): { accessKeyId: string; secretAccessKey: string } {
  const accessKeyId = io.env.AWS_ACCESS_KEY_ID ?? "";
  const secretAccessKey = io.env.AWS_SECRET_ACCESS_KEY ?? "";
  if (accessKeyId === "" || secretAccessKey === "") {
    throw new UsageError("--env needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to be set", {
      hint: "Export both, or leave out --env to be asked for them.",
    });
  }
  if ((io.env.AWS_SESSION_TOKEN ?? "") !== "") {
    throw new UsageError("AWS_SESSION_TOKEN is set: the environment holds temporary credentials", {
      hint: "Only an IAM user's long-term key (AKIA...) can be stored; unset AWS_SESSION_TOKEN if these are long-term keys.",
    });
  }
  return { accessKeyId: accessKeyId.trim(), secretAccessKey: secretAccessKey.trim() };
}

async function keyFromPrompt(
  io: CliIo,
  profile: string,
): Promise<{ accessKeyId: string; secretAccessKey: string }> {
  if (!io.prompter.canPrompt()) {
    throw new UsageError(`Cannot ask for the key of profile "${profile}": there is no terminal`, {
      hint: "Run it in a terminal, or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY and use --env.",
    });
  }
  // Each value is checked as soon as it is typed: a mistyped key ID is said before the secret is.
  const accessKeyId = (await io.prompter.secret(`Access key ID for "${profile}":`)).trim();
  checkAccessKeyId(accessKeyId);
  const secretAccessKey = (await io.prompter.secret("Secret access key:")).trim();
  checkSecretAccessKey(secretAccessKey);
  return { accessKeyId, secretAccessKey };
}

async function confirmReplace(io: CliIo, profile: string, storedKeyId: string): Promise<boolean> {
  if (!io.prompter.canPrompt()) return false;
  return io.prompter.confirm(
    `Profile "${profile}" already has key ${redact(storedKeyId)} stored. Replace it? [y/N]`,
  );
}
