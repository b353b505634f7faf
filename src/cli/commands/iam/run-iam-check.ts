import { ExitCode } from "../../../errors.js";
import { doctorExitCode } from "../../../app/doctor/run-doctor.js";
import { checkProfileUser } from "../../../runtime/iam-user-check.js";
import type { CommandRun } from "../../command-spec.js";
import { checkQuestion } from "../../../app/iam/check-iam-user.js";
import { formatQuestions, sectionsToJson } from "../../format/format-findings.js";
import { styleFor } from "../../format/style.js";
import type { IamCheckInput } from "./iam-command.js";

/** `awsafe iam check <profile> [--json]`: exit 0 when nothing is ✗, 1 otherwise, as doctor. */
export const runIamCheck: CommandRun<IamCheckInput> = async (input, io) => {
  const check = await checkProfileUser(io, input.profile, input.backend);
  const sections = [
    { title: `IAM user ${check.user.arn} (read as ${check.reader})`, findings: check.findings },
  ];
  const code = doctorExitCode(sections);
  io.stdout.write(
    input.json
      ? sectionsToJson(sections, code)
      : `${sections[0]?.title ?? ""}\n${formatQuestions(check.findings, checkQuestion, styleFor(io.stdout, io.env))}`,
  );
  return code === 0 ? ExitCode.Ok : code;
};
