import { findSsoTarget } from "../../../app/sso/find-sso-target.js";
import { defaultListingLimits } from "../../../app/sso/populate/list-assignments.js";
import type { PopulateChange } from "../../../app/sso/populate/plan-populate.js";
import { ssoPopulate } from "../../../app/sso/populate/populate.js";
import { checkNameTemplate, defaultNameTemplate } from "../../../app/sso/populate/profile-names.js";
import { loadSharedConfig } from "../../../app/load-shared-config.js";
import { credentialProcessLine } from "../../../config/awsafe-process-line.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { populateProgressCache, ssoCommandDeps } from "../../../runtime/sso-runtime.js";
import type { CommandRun } from "../../command-spec.js";
import type { CliIo } from "../../io.js";
import type { SsoPopulateInput } from "./sso-command.js";

/** `awsafe sso populate --sso-session S [--template T] [--region R] [--prune] [--dry-run] [--json]`. */
export const runSsoPopulate: CommandRun<SsoPopulateInput> = async (input, io) => {
  if (input.ssoSession === undefined) {
    throw new UsageError("sso populate needs --sso-session NAME", {
      hint: "Generated profiles refer to one [sso-session]; name it (awsafe sso configure writes one)",
    });
  }
  const template = input.template ?? defaultNameTemplate;
  checkNameTemplate(template);
  const rate = input.maxRate === undefined ? undefined : Number(input.maxRate);
  if (rate !== undefined && !(rate > 0 && rate <= 1000)) {
    throw new UsageError(
      `--max-rate ${input.maxRate ?? ""} is not a number of calls per second from 1 to 1000`,
    );
  }
  const found = findSsoTarget((await loadSharedConfig(io)).data, { ssoSession: input.ssoSession });
  const session = input.ssoSession;
  const target = { ...found, session };
  const deps = await ssoCommandDeps(io, input.backend, true);
  const bar = progressBar(io);
  try {
    const result = await ssoPopulate(
      io,
      {
        ...deps,
        cache: populateProgressCache(deps.choice, target, io.now),
        progress: bar?.update,
        limits: rate === undefined ? undefined : { ...defaultListingLimits, ratePerSecond: rate },
      },
      {
        target,
        template,
        region: input.region,
        prune: input.prune,
        dryRun: input.dryRun,
        processLine: (profile) => credentialProcessLine(io.selfCommand, profile),
      },
    );
    bar?.done();
    const { plan } = result;
    const count = (kind: PopulateChange["kind"]) =>
      plan.changes.filter((change) => change.kind === kind).length;
    if (input.json) {
      io.stdout.write(
        `${JSON.stringify(
          {
            file: result.file,
            written: result.written,
            accounts: result.accounts,
            created: plan.changes.filter((c) => c.kind === "create").map((c) => c.profile),
            updated: plan.changes.filter((c) => c.kind === "update").map((c) => c.profile),
            pruned: plan.changes.filter((c) => c.kind === "prune").map((c) => c.profile),
            unchanged: plan.unchanged,
            conflicts: plan.conflicts,
          },
          null,
          2,
        )}\n`,
      );
    } else if (input.dryRun) {
      io.stdout.write(diffText(result.file, plan.changes));
    }
    for (const conflict of plan.conflicts) {
      io.stderr.write(`skipped profile "${conflict.profile}": ${conflict.reason}\n`);
    }
    io.stderr.write(
      `${result.accounts} accounts${result.resumed ? " (resumed)" : ""}: ${count("create")} profiles to create, ${count("update")} to update, ${count("prune")} to prune, ${plan.unchanged} unchanged, ${plan.conflicts.length} skipped; ${result.written ? `wrote ${result.file}` : input.dryRun ? "nothing written (--dry-run)" : "nothing to write"}\n`,
    );
    return ExitCode.Ok;
  } catch (error) {
    bar?.done();
    throw error;
  } finally {
    deps.sso.close?.();
  }
};

/** The changes as a unified-style diff of the config file, section by section. */
function diffText(file: string, changes: readonly PopulateChange[]): string {
  const out = [`--- ${file}`, `+++ ${file} (after sso populate)`];
  for (const change of changes) {
    switch (change.kind) {
      case "create":
        out.push(`@@ new profile ${change.profile} @@`, ...change.lines.map((line) => `+${line}`));
        break;
      case "prune":
        out.push(
          `@@ prune profile ${change.profile} @@`,
          ...change.lines.map((line) => `-${line}`),
        );
        break;
      case "update":
        out.push(`@@ [profile ${change.profile}] @@`);
        for (const key of change.keys) {
          if (key.before !== undefined) out.push(`-${key.key} = ${key.before}`);
          out.push(`+${key.key} = ${key.after}`);
        }
    }
  }
  return `${out.join("\n")}\n`;
}

/** A one-line bar on stderr when it is a terminal (accounts done / total); nothing otherwise. */
function progressBar(
  io: CliIo,
): { update: (done: number, total: number) => void; done: () => void } | undefined {
  const stderr = io.stderr;
  if (!("isTTY" in stderr) || stderr.isTTY !== true) return undefined;
  let last = "";
  return {
    update: (done, total) => {
      const width = 30;
      const filled = total === 0 ? width : Math.round((done / total) * width);
      const line = `\r[${"#".repeat(filled)}${".".repeat(width - filled)}] ${String(done)}/${String(total)} accounts`;
      if (line !== last) stderr.write(line);
      last = line;
    },
    done: () => {
      if (last !== "") stderr.write("\n");
      last = "";
    },
  };
}
