import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type { IamPort } from "../../ports/aws/iam.js";
import type { StsPort } from "../../ports/aws/sts.js";
import type { LongTermKeyItem, SecretStore } from "../../ports/secret-store.js";
import type { SessionMatcher } from "../credentials/sessions-of-profile.js";
import type { KeyFacts } from "./key-facts.js";

/**
 * The named points of a rotation, in order. The test build kills the process at the one
 * `AWSAFE_TEST_CRASH_AT` names, to prove that a rerun finishes what was left.
 */
export const RotateStep = {
  /** 1: the stored key answered GetCallerIdentity and the IAM credentials are in hand. */
  Credentials: "rotate-1-credentials",
  /** 2: the user's keys are listed (and an inactive second key deleted, if asked). */
  Listed: "rotate-2-listed",
  /** 3: the journal says a key is about to be made (CreateAccessKey not yet called). */
  Intent: "rotate-3-intent",
  /** 3: IAM answered CreateAccessKey; the new secret is only in memory. */
  Created: "rotate-3-created",
  /** 3: the new key is in the journal. */
  Journaled: "rotate-3-journaled",
  /** 4: the new key works. */
  Verified: "rotate-4-verified",
  /** 5: the new key is the stored key; sessions in the store dropped. */
  Stored: "rotate-5-stored",
  /** 6: the old key is deleted (or made inactive). */
  Retired: "rotate-6-retired",
  /** 7: the journal is gone. */
  Done: "rotate-7-done",
} as const;
export type RotateStep = (typeof RotateStep)[keyof typeof RotateStep];

/** Credentials to call IAM with, and how they were made, in words for the output. */
export interface IamCaller {
  readonly credentials: AwsCredentials;
  /** "an MFA session of this key (...)", "the key itself (--no-session)". */
  readonly description: string;
}

/** What a rotation is given; `runtime/` chooses the adapters. */
export interface RotationDeps {
  readonly store: SecretStore;
  readonly iam: IamPort;
  readonly sts: StsPort;
  /**
   * The credentials to call IAM with for the key now stored as `profile`: by default an MFA
   * session of it, made by the same engine (and cache) as every other command's.
   */
  readonly iamCaller: (profile: string, stored: LongTermKeyItem) => Promise<IamCaller>;
  /** Which cached sessions are made from `profile`'s key (see `sessionsOfProfile`). */
  readonly sessionsOf: (profile: string) => Promise<SessionMatcher>;
  /**
   * Tells the running agent to drop the sessions of `profile`: how many it dropped, or
   * `undefined` when no agent runs.
   */
  readonly forgetInAgent: (profile: string) => Promise<number | undefined>;
  /** Asked before an inactive second key is deleted (`--delete-inactive` answers yes). */
  readonly confirmDeleteInactive: (key: KeyFacts) => Promise<boolean>;
  readonly sleep: (ms: number) => Promise<void>;
  readonly now: () => Date;
  readonly checkpoint: (step: RotateStep) => void;
  /** One line of what is being done, for the person watching (never a secret). */
  readonly progress: (line: string) => void;
}
