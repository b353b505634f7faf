import { checkProfileName } from "../../config/check-profile-values.js";
import { AppError, UsageError } from "../../errors.js";
import type { IamPort } from "../../ports/aws/iam.js";
import type { Questions } from "../../ports/questions.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import type { SetupAnswers } from "./set-up-profile.js";
import { knownMfaSerial, knownRoles, type SetupFacts } from "./setup-plan.js";
import { mfaSerialProblem, profileNameFor, roleArnProblem } from "./setup-values.js";

// Each of setup's answers: taken from its flag, asked on the terminal, or (with --yes, where
// `ask` is undefined) taken as suggested; a question with no suggestion is then a usage error.

/** The profiles whose keys to import: the flags, every one with --yes, or each one asked. */
export async function chooseImports(
  facts: SetupFacts,
  answers: SetupAnswers,
  ask: Questions | undefined,
): Promise<string[]> {
  if (answers.noImport) return [];
  const names = facts.candidates.map((candidate) => candidate.profile);
  if (answers.importProfiles.length > 0) {
    for (const profile of answers.importProfiles) {
      if (names.includes(profile)) continue;
      throw new UsageError(`--import ${profile}: that profile has no plain-text keys to import`, {
        hint:
          names.length === 0
            ? "No profile has plain-text keys; leave out --import."
            : `Profiles with plain-text keys: ${names.join(", ")}`,
      });
    }
    return [...answers.importProfiles];
  }
  if (ask === undefined) return names;
  const chosen: string[] = [];
  for (const { profile, accessKeyId } of facts.candidates) {
    const yes = await ask.confirm(
      `Profile "${profile}" has plain-text keys (${redact(accessKeyId)}) in your AWS files. Move them into awsafe's store and take them out of the files?`,
      true,
    );
    if (yes) chosen.push(profile);
  }
  return chosen;
}

/** The profile whose stored keys assume the role: the flag, the only one, or asked. */
export async function chooseSource(
  facts: SetupFacts,
  answers: SetupAnswers,
  ask: Questions | undefined,
  stored: ReadonlySet<string>,
): Promise<string> {
  const given = answers.sourceProfile;
  if (given !== undefined) {
    if (stored.has(given)) return given;
    throw new UsageError(`--source-profile ${given}: awsafe's store holds no keys for it`, {
      hint: `Import its keys (awsafe setup --import ${given}) or store them (awsafe add ${given}).`,
    });
  }
  const names = [...stored].sort();
  const [only] = names;
  if (only === undefined) {
    throw new UsageError("No keys to set up with: none were imported and the store holds none", {
      hint: `Import some (awsafe setup --import PROFILE; with plain-text keys: ${facts.candidates.map((c) => c.profile).join(", ")}).`,
    });
  }
  if (names.length === 1) return only;
  if (ask === undefined) {
    throw new UsageError(`Several profiles have stored keys (${names.join(", ")})`, {
      hint: "Name the one the role is assumed from: --source-profile NAME.",
    });
  }
  return ask.select(
    "Which keys assume the role?",
    names.map((name) => ({ value: name, label: name })),
  );
}

/** The MFA device chosen, and where it came from (for the summary). */
export interface MfaChoice {
  readonly serial: string;
  readonly from: string;
}

/**
 * The MFA device: the flag, else what IAM's ListMFADevices lists for the source's keys (and what
 * the files name), offered; with --yes the one IAM lists or the files name.
 */
export async function chooseMfaDevice(
  facts: SetupFacts,
  answers: SetupAnswers,
  ask: Questions | undefined,
  where: { readonly store: SecretStore; readonly source: string; readonly iam: IamPort },
): Promise<MfaChoice> {
  if (answers.mfaSerial !== undefined) return { serial: answers.mfaSerial, from: "--mfa-serial" };
  const listed = await listDevices(where);
  const known = knownMfaSerial(facts, where.source);
  if (ask === undefined) {
    const [first] = listed.serials;
    if (listed.serials.length === 1 && first !== undefined)
      return { serial: first, from: "IAM ListMFADevices" };
    if (known !== undefined) return { serial: known, from: "your AWS config" };
    throw new UsageError(
      `No single MFA device to use for "${where.source}" (${listed.note ?? `IAM lists ${String(listed.serials.length)}`})`,
      { hint: "Name it: --mfa-serial arn:aws:iam::ACCOUNT:mfa/NAME" },
    );
  }
  if (listed.note !== undefined) await ask.say(listed.note);
  const serials = [...new Set([...listed.serials, ...(known === undefined ? [] : [known])])];
  if (serials.length > 0) {
    const other = "";
    const picked = await ask.select(
      `Which MFA device protects the role? (from IAM ListMFADevices for "${where.source}")`,
      [
        ...serials.map((serial) => ({
          value: serial,
          label: serial,
          hint: listed.serials.includes(serial) ? "listed by IAM" : "in your AWS config",
        })),
        { value: other, label: "another device (type its ARN)" },
      ],
      serials[0],
    );
    if (picked !== other)
      return {
        serial: picked,
        from: listed.serials.includes(picked) ? "IAM ListMFADevices" : "your AWS config",
      };
  }
  const typed = await ask.text("The MFA device's ARN (IAM console → Security credentials)", {
    placeholder: "arn:aws:iam::123456789012:mfa/me",
    check: mfaSerialProblem,
  });
  return { serial: typed, from: "typed" };
}

/** The source's MFA devices from IAM, signed with its stored keys; a note when IAM could not say. */
async function listDevices(where: {
  readonly store: SecretStore;
  readonly source: string;
  readonly iam: IamPort;
}): Promise<{ serials: string[]; note: string | undefined }> {
  const keys = await where.store.get({ kind: "long-term", name: where.source });
  if (keys === undefined) return { serials: [], note: `no stored keys for "${where.source}"` };
  try {
    const credentials = { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey };
    const devices = await where.iam.listMfaDevices(credentials, undefined, {
      profile: where.source,
    });
    return { serials: devices.map((device) => device.serialNumber), note: undefined };
  } catch (error) {
    if (!(error instanceof AppError)) throw error;
    return { serials: [], note: `IAM did not list the MFA devices: ${error.message}` };
  }
}

/** The role: the flag, else asked with the role the files name for the source as suggestion. */
export async function chooseRoleArn(
  facts: SetupFacts,
  answers: SetupAnswers,
  ask: Questions | undefined,
  source: string,
): Promise<string> {
  if (answers.roleArn !== undefined) return answers.roleArn;
  const roles = knownRoles(facts, source);
  const [first] = roles;
  if (ask === undefined) {
    if (roles.length === 1 && first !== undefined) return first.roleArn;
    throw new UsageError(
      roles.length === 0
        ? `No role to set up: the files name none for "${source}"`
        : `Several roles are named for "${source}" (${roles.map((role) => role.profile).join(", ")})`,
      { hint: "Name it: --role-arn arn:aws:iam::ACCOUNT:role/NAME" },
    );
  }
  return ask.text("The ARN of the role you work in", {
    initial: first?.roleArn,
    placeholder: "arn:aws:iam::210987654321:role/AdminRole",
    check: roleArnProblem,
  });
}

/** The role profile's name: the flag, else the profile already naming that role, or one from its name. */
export async function chooseProfileName(
  facts: SetupFacts,
  answers: SetupAnswers,
  ask: Questions | undefined,
  chosen: { readonly source: string; readonly roleArn: string },
): Promise<string> {
  const check = (name: string): string | undefined => {
    if (name === chosen.source)
      return `"${name}" holds the keys; the role profile needs its own name`;
    try {
      checkProfileName(name);
      return undefined;
    } catch (error) {
      if (error instanceof UsageError) return error.message;
      throw error;
    }
  };
  const given = answers.profileName;
  if (given !== undefined) {
    const problem = check(given);
    if (problem !== undefined)
      throw new UsageError(`--profile-name ${problem}`, { hint: "Choose another name." });
    return given;
  }
  const suggested =
    knownRoles(facts, chosen.source).find((role) => role.roleArn === chosen.roleArn)?.profile ??
    profileNameFor(chosen.roleArn);
  if (ask === undefined) return suggested;
  return ask.text("A name for the role profile (aws --profile NAME)", {
    initial: suggested,
    check,
  });
}
