import { locateSharedConfig } from "../../config/locate-shared-config.js";
import { readSharedFile } from "../../config/read-shared-config.js";
import { checkProfileName } from "../../config/check-profile-values.js";
import { AppError, UsageError } from "../../errors.js";
import type { IamPort } from "../../ports/aws/iam.js";
import type { Questions } from "../../ports/questions.js";
import type { SecretStore } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import type { AppContext } from "../app-context.js";
import { configureProfile } from "../configure/configure-profile.js";
import { importKeys, type ImportResult } from "../import/import-keys.js";
import { planImport } from "../import/plan-import.js";
import { sharedFileKeyFindings } from "../doctor/machine/plaintext-checks.js";
import { loadSharedConfig } from "../load-shared-config.js";
import { keepSetupBackups, type SetupBackup } from "./setup-backups.js";
import { knownMfaSerial, knownRoles, sourceRegion, type SetupFacts } from "./setup-plan.js";
import {
  mfaSerialProblem,
  profileNameFor,
  profileSetting,
  roleArnProblem,
} from "./setup-values.js";

/** The answers given as flags; a missing one is asked (or, with `yes`, taken as suggested). */
export interface SetupAnswers {
  /** `--import P`: import these profiles' keys (none given: every one, asked one by one). */
  readonly importProfiles: readonly string[];
  /** `--no-import`: import nothing; the source's keys are already in the store. */
  readonly noImport: boolean;
  readonly sourceProfile: string | undefined;
  readonly roleArn: string | undefined;
  readonly mfaSerial: string | undefined;
  readonly profileName: string | undefined;
  readonly region: string | undefined;
  readonly mfaProcess: string | undefined;
  /** Take every suggestion without asking; a question with no suggestion is an error. */
  readonly yes: boolean;
}

/** What setup works with; the CLI fills it in. */
export interface SetupDeps {
  /** `undefined` when there is no terminal to ask on. */
  readonly questions: Questions | undefined;
  /** The `credential_process` value for a profile. */
  readonly processLine: (profile: string) => string;
  /** The store, opened once (the file store may ask for its passphrase). */
  readonly openStore: () => Promise<SecretStore>;
  readonly iam: IamPort;
  readonly now: () => Date;
  readonly checkpoint?: ((step: string) => void) | undefined;
}

/** What setup did, for the report and the undo lines. */
export interface SetupResult {
  readonly imported: ImportResult | undefined;
  readonly source: string;
  readonly profile: string;
  readonly roleArn: string;
  readonly mfaSerial: string;
  /** Where the MFA device came from: the flag, IAM's ListMFADevices, the files, or typed. */
  readonly mfaFrom: string;
  readonly changedFiles: readonly string[];
  readonly backups: readonly SetupBackup[];
  readonly storeLocation: string;
  /** Why the profile cannot be used yet, when configure found it so. */
  readonly problem: string | undefined;
}

/**
 * The seed user's first run: finds the plain-text keys (as `doctor` and `import` do), imports
 * the chosen ones (`import`'s own use case: store first, then the files, undone on failure),
 * takes the MFA device from IAM's `ListMFADevices` signed with those keys, and writes the role
 * profile routed through awsafe (`configure`'s use case). Before the first write every answer is
 * known; afterwards each file setup changed has a backup in the store, named in the result.
 *
 * @throws UsageError for a bad or missing answer (before anything is written), and whatever
 *   import and configure throw.
 */
export async function setUpProfile(
  context: AppContext,
  answers: SetupAnswers,
  deps: SetupDeps,
): Promise<SetupResult> {
  const ask = answers.yes ? undefined : deps.questions;
  checkGivenAnswers(answers);
  const { facts, originals } = await readFacts(context, deps);
  const store = await deps.openStore();
  const stored = new Set((await store.list({ kind: "long-term" })).map((ref) => ref.name));
  if (facts.candidates.length === 0 && stored.size === 0) {
    throw new UsageError(
      `No plain-text keys found in ${facts.credentialsFile} or ${facts.configFile}, and none in awsafe's store`,
      { hint: "awsafe add PROFILE stores keys you type (hidden); then run awsafe setup again." },
    );
  }
  if (ask === undefined && !answers.yes) {
    throw new UsageError("awsafe setup asks questions and there is no terminal to ask on", {
      hint: "Give the answers as flags with --yes, e.g. awsafe setup --yes --role-arn ARN (see awsafe setup --help).",
    });
  }
  if (ask !== undefined) for (const line of facts.findings) await ask.say(line);
  const chosen = await chooseImports(facts, answers, ask);
  const imported =
    chosen.length === 0
      ? undefined
      : await importKeys(context, {
          profiles: chosen,
          dryRun: false,
          keepPlaintextBackup: false,
          processLine: deps.processLine,
          openStore: () => Promise.resolve(store),
          now: deps.now,
          ...(deps.checkpoint === undefined ? {} : { checkpoint: deps.checkpoint }),
        });
  for (const profile of chosen) stored.add(profile);
  const source = await chooseSource(facts, answers, ask, stored);
  const mfa = await chooseMfaDevice(facts, answers, ask, { store, source, iam: deps.iam });
  const roleArn = await chooseRoleArn(facts, answers, ask, source);
  const profile = await chooseProfileName(facts, answers, ask, { source, roleArn });
  const existing = Object.hasOwn(facts.profiles, profile) ? facts.profiles[profile] : undefined;
  const region =
    answers.region ??
    (existing !== undefined && profileSetting(existing, "region") !== undefined
      ? undefined
      : sourceRegion(facts, source));
  const values: Record<string, string> = {
    role_arn: roleArn,
    source_profile: source,
    mfa_serial: mfa.serial,
    credential_process: deps.processLine(profile),
    ...(region === undefined ? {} : { region }),
    ...(answers.mfaProcess === undefined ? {} : { mfa_process: answers.mfaProcess }),
  };
  const configured = await configureProfile(context, profile, values, stored);
  const backups = await keepSetupBackups(store, originals, deps.now());
  const changedFiles = [
    ...new Set([
      ...(imported?.plan.changes.map((change) => change.file) ?? []),
      ...configured.changedFiles,
    ]),
  ];
  return {
    imported,
    source,
    profile,
    roleArn,
    mfaSerial: mfa.serial,
    mfaFrom: mfa.from,
    changedFiles,
    backups,
    storeLocation: store.location,
    problem: configured.problem,
  };
}

/** Flags that are wrong on their face are refused before anything is read or asked. */
function checkGivenAnswers(answers: SetupAnswers): void {
  const bad = (flag: string, problem: string | undefined, example: string): void => {
    if (problem === undefined) return;
    throw new UsageError(`${flag} ${problem}`, { hint: `For example: ${flag} ${example}` });
  };
  if (answers.roleArn !== undefined)
    bad("--role-arn", roleArnProblem(answers.roleArn), "arn:aws:iam::210987654321:role/AdminRole");
  if (answers.mfaSerial !== undefined)
    bad("--mfa-serial", mfaSerialProblem(answers.mfaSerial), "arn:aws:iam::123456789012:mfa/me");
  if (answers.profileName !== undefined) checkProfileName(answers.profileName);
  if (answers.noImport && answers.importProfiles.length > 0) {
    throw new UsageError("--import and --no-import contradict each other", {
      hint: "Give one of them.",
    });
  }
}

async function readFacts(
  context: AppContext,
  deps: SetupDeps,
): Promise<{ facts: SetupFacts; originals: ReadonlyMap<string, string | undefined> }> {
  const paths = locateSharedConfig(context.env, context.platform);
  const [config, credentials] = await Promise.all([
    readSharedFile(paths.configFile),
    readSharedFile(paths.credentialsFile),
  ]);
  const files = { ...paths, config: config?.text, credentials: credentials?.text };
  // A malformed file is reported (78) here, before any question.
  const shared = await loadSharedConfig(context);
  const plan = planImport(files, [], deps.processLine, {
    fixPrefixOf: new Set(),
    routeRoles: false,
  });
  const originals = new Map([
    [paths.configFile, config?.text],
    [paths.credentialsFile, credentials?.text],
  ]);
  return {
    facts: {
      findings: sharedFileKeyFindings(shared)
        .filter((found) => found.status !== "ok")
        .map((found) => `${found.message} (as awsafe doctor reports)`),
      candidates: plan.candidates,
      profiles: shared.data.profiles,
      configFile: paths.configFile,
      credentialsFile: paths.credentialsFile,
    },
    originals,
  };
}

async function chooseImports(
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

async function chooseSource(
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

interface MfaChoice {
  readonly serial: string;
  readonly from: string;
}

async function chooseMfaDevice(
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

async function chooseRoleArn(
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

async function chooseProfileName(
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
