import { locateSharedConfig } from "../../config/locate-shared-config.js";
import { readSharedFile } from "../../config/read-shared-config.js";
import { checkProfileName } from "../../config/check-profile-values.js";
import { UsageError } from "../../errors.js";
import type { IamPort } from "../../ports/aws/iam.js";
import type { Questions } from "../../ports/questions.js";
import type { SecretStore } from "../../ports/secret-store.js";
import type { AppContext } from "../app-context.js";
import { configureProfile } from "../configure/configure-profile.js";
import { importKeys, type ImportResult } from "../import/import-keys.js";
import { planImport } from "../import/plan-import.js";
import { sharedFileKeyFindings } from "../doctor/machine/plaintext-checks.js";
import { loadSharedConfig } from "../load-shared-config.js";
import { keepSetupBackups, type SetupBackup } from "./setup-backups.js";
import {
  chooseImports,
  chooseMfaDevice,
  chooseProfileName,
  chooseRoleArn,
  chooseSource,
} from "./choose-answers.js";
import { sourceRegion, type SetupFacts } from "./setup-plan.js";
import { mfaSerialProblem, profileSetting, roleArnProblem } from "./setup-values.js";

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
  const existing = facts.profiles.get(profile);
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
