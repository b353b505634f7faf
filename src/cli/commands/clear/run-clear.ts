import { profileSessionMatcher } from "../../../app/credentials/sessions-of-profile.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { forgetInAgent } from "../../../runtime/forget-in-agent.js";
import { openCommandStore } from "../../../runtime/open-configured-store.js";
import type { CommandRun } from "../../command-spec.js";
import type { ClearInput } from "./clear-command.js";

/**
 * `awsafe clear <profile> | --all`: drops cached sessions — those the running agent holds in
 * memory and those `--no-agent` runs cached in the store — so the next command makes new ones
 * (and asks for MFA again where they need it). A profile's sessions are those of `remove
 * --sessions` (for a role profile, its role's; its source's MFA session stays); stored keys are
 * never touched.
 */
export const runClear: CommandRun<ClearInput> = async (input, io) => {
  if ((input.profile === undefined) === !input.all) {
    throw new UsageError("clear needs a profile, or --all (not both)", {
      hint: "e.g. awsafe clear admin, or awsafe clear --all",
    });
  }
  const { store } = await openCommandStore(io, input.backend);
  const stored = new Set((await store.list({ kind: "long-term" })).map((ref) => ref.name));
  const belongs =
    input.profile === undefined
      ? () => true
      : await profileSessionMatcher(io, input.profile, stored);
  const inStore = (await store.list({ kind: "session" })).filter((ref) => belongs(ref.name));
  if (inStore.length > 0) await store.apply(inStore.map((ref) => ({ op: "delete", ref })));
  const inAgent = await forgetInAgent(io, input.profile);
  const whose = input.profile === undefined ? "" : ` of "${input.profile}"`;
  io.stderr.write(
    `dropped ${String(inStore.length + (inAgent ?? 0))} cached session(s)${whose} (${String(inStore.length)} in ${store.location}${inAgent === undefined ? ", no agent running" : `, ${String(inAgent)} in the agent`})\n`,
  );
  if (input.json) {
    const counts = { inStore: inStore.length, inAgent: inAgent ?? null, store: store.location };
    io.stdout.write(`${JSON.stringify({ profile: input.profile ?? null, ...counts })}\n`);
  }
  return ExitCode.Ok;
};
