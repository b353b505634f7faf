import type { Finding, LocalFix } from "../../../app/doctor/finding.js";
import { applyLocalFix, doctorExitCode } from "../../../app/doctor/run-doctor.js";
import { ExitCode, UsageError } from "../../../errors.js";
import { runDoctorChecks } from "../../../runtime/doctor-checks.js";
import type { CommandRun } from "../../command-spec.js";
import { formatSections, sectionsToJson } from "../../format/format-findings.js";
import { styleFor } from "../../format/style.js";
import type { CliIo } from "../../io.js";
import { runImport } from "../import/run-import.js";
import type { DoctorInput } from "./doctor-command.js";

/**
 * `awsafe doctor`: one line per check, ✓ / ! / ✗ with its fix. Exits 0 when nothing is ✗,
 * 1 otherwise (for CI). `--fix` asks before each local fix and never touches the account.
 */
export const runDoctor: CommandRun<DoctorInput> = async (input, io) => {
  if (input.fix && !io.prompter.canPrompt()) {
    throw new UsageError("doctor --fix asks before each fix, and there is no terminal to ask on", {
      hint: "Run it in a terminal, or apply the fixes the report names yourself",
    });
  }
  const sections = await runDoctorChecks(io, {
    profile: input.profile,
    backend: input.backend,
    cwd: process.cwd(),
  });
  const code = doctorExitCode(sections);
  io.stdout.write(
    input.json
      ? sectionsToJson(sections, code)
      : formatSections(sections, styleFor(io.stdout, io.env)),
  );
  if (input.fix)
    await applyFixes(
      io,
      sections.flatMap((s) => s.findings),
      input.backend,
    );
  return code;
};

async function applyFixes(io: CliIo, findings: readonly Finding[], backend: string | undefined) {
  const fixable = findings.filter(
    (f): f is Finding & { localFix: LocalFix } => f.localFix !== undefined && f.status !== "ok",
  );
  if (fixable.length === 0) {
    io.stderr.write("nothing to fix on this machine\n");
    return;
  }
  for (const f of fixable) {
    if (!(await io.prompter.confirm(`${f.message}\n  Fix: ${describeFix(f.localFix)}? [y/N]`)))
      continue;
    await applyLocalFix(f.localFix, async () => {
      const code = await runImport(
        {
          profiles: [],
          dryRun: false,
          keepPlaintextBackup: false,
          fixProfilePrefix: false,
          routeRoles: false,
          json: false,
          backend,
        },
        io,
      );
      if (code !== ExitCode.Ok)
        io.stderr.write("import left some keys in plain text (see above)\n");
    });
    io.stderr.write(`fixed: ${describeFix(f.localFix)}\n`);
  }
}

function describeFix(fix: LocalFix): string {
  switch (fix.kind) {
    case "chmod":
      return `chmod ${fix.mode.toString(8)} ${fix.path}`;
    case "delete":
      return `delete ${fix.paths.join(", ")}`;
    case "import":
      return "awsafe import (keys into the secret store, profiles wired to awsafe)";
  }
}
