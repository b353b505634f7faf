import type { SetupResult } from "../../../app/setup/set-up-profile.js";
import { setUpProfile } from "../../../app/setup/set-up-profile.js";
import { credentialProcessLine } from "../../../config/awsafe-process-line.js";
import { AppError, ExitCode } from "../../../errors.js";
import { redact } from "../../../redact.js";
import { proveProfile, type Proof } from "../../../runtime/prove-profile.js";
import { setupDeps } from "../../../runtime/setup-runtime.js";
import { chooseStoringBackend, recordFirstBackend } from "../../../runtime/storing-backend.js";
import type { CommandRun } from "../../command-spec.js";
import type { SetupInput } from "./setup-command.js";

/**
 * `awsafe setup`: asks (or takes from flags) what it needs, imports, writes the role profile,
 * proves it through the AWS CLI's path, then prints what changed and how to undo it. A failed
 * proof is reported after that summary (its exit code): the files are written and the summary
 * says how to take them back.
 */
export const runSetup: CommandRun<SetupInput> = async (input, io) => {
  const choice = chooseStoringBackend(io, input.backend);
  const deps = setupDeps(io, choice);
  const result = await setUpProfile(
    io,
    {
      importProfiles: input.importProfiles,
      noImport: input.noImport,
      sourceProfile: input.sourceProfile,
      roleArn: input.roleArn,
      mfaSerial: input.mfaSerial,
      profileName: input.profileName,
      region: input.region,
      mfaProcess: input.mfaProcess,
      yes: input.yes,
    },
    deps,
  );
  await recordFirstBackend(io, choice);
  let proof: Proof | undefined;
  let failure: AppError | undefined;
  if (!input.noVerify && result.problem === undefined) {
    await deps.questions?.say(
      `Proving "${result.profile}": one GetCallerIdentity through the AWS CLI's path`,
    );
    try {
      const line = credentialProcessLine(io.selfCommand, result.profile);
      proof = await proveProfile(io, result.profile, result.roleArn, line);
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failure = error;
    }
  }
  io.stdout.write(summary(result, proof, input.noVerify));
  if (failure !== undefined) throw failure;
  return ExitCode.Ok;
};

function summary(result: SetupResult, proof: Proof | undefined, skipped: boolean): string {
  const lines: string[] = ["", "What changed:"];
  for (const file of result.changedFiles) lines.push(`  file     ${file}`);
  for (const candidate of result.imported?.plan.candidates ?? []) {
    lines.push(
      `  profile  "${candidate.profile}": key ${redact(candidate.accessKeyId)} moved into the store, routed through awsafe`,
    );
  }
  lines.push(
    `  profile  "${result.profile}": role ${result.roleArn} from "${result.source}", routed through awsafe`,
    `           MFA device ${result.mfaSerial} (${result.mfaFrom})`,
  );
  lines.push(`  store    ${result.storeLocation}`);
  for (const ref of result.imported?.storedItems ?? [])
    lines.push(`           ${ref.kind} ${ref.name}`);
  for (const backup of result.backups) {
    if (!backup.created) lines.push(`           backup ${backup.name} (the file before setup)`);
  }
  lines.push("");
  if (result.problem !== undefined) lines.push(`Not proven: ${result.problem}`);
  else if (proof !== undefined) {
    lines.push(`Proven: ${proof.via}`);
    lines.push(`  → ${proof.arn}`);
  } else if (skipped)
    lines.push(`Not proven (--no-verify): aws sts get-caller-identity --profile ${result.profile}`);
  lines.push("", "To undo, in this order:");
  if (result.backups.length > 0) lines.push("  # the files as they were before setup");
  for (const backup of result.backups) {
    lines.push(backup.created ? `  rm ${backup.file}` : `  awsafe backup restore ${backup.name}`);
  }
  const imported = result.imported?.plan.candidates ?? [];
  if (imported.length > 0) {
    lines.push("  # the stored keys (the restored credentials file holds them again)");
    for (const { profile } of imported) lines.push(`  awsafe remove ${profile}`);
  }
  const backupNames = [
    ...(result.imported?.storedItems ?? [])
      .filter((ref) => ref.kind === "backup")
      .map((ref) => ref.name),
    ...result.backups.filter((backup) => !backup.created).map((backup) => backup.name),
  ];
  if (backupNames.length > 0) {
    lines.push("  # then, once you no longer need them, the backups");
    lines.push(`  awsafe backup purge ${backupNames.join(" ")}`);
  }
  lines.push("");
  return lines.join("\n");
}
