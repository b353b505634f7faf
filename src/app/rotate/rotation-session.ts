import { AuthError, ConfigError } from "../../errors.js";
import type { AwsCredentials } from "../../ports/aws/credentials.js";
import type { LongTermKeyItem } from "../../ports/secret-store.js";
import { redact } from "../../redact.js";
import { type IamCaller, RotateStep, type RotationDeps } from "./rotation-deps.js";

/** The stored key of a profile, whose IAM user it belongs to, and how IAM is called for it. */
export interface RotationSession {
  readonly profile: string;
  readonly stored: LongTermKeyItem;
  readonly userName: string;
  readonly userArn: string;
  readonly accountId: string;
  readonly caller: IamCaller;
}

/** Whose key this is: the IAM user's ARN, account and name. */
export interface KeyOwner {
  readonly userArn: string;
  readonly accountId: string;
  readonly userName: string;
}

/**
 * Step 1: checks that the key stored as `profile` works and whose it is (GetCallerIdentity needs
 * no permission and no policy can deny it), then gets the credentials to call IAM with and
 * checks that they are that same user's.
 *
 * @throws AuthError when AWS refuses the stored key ("rotate needs a working key").
 */
export async function openRotationSession(
  deps: RotationDeps,
  profile: string,
  stored: LongTermKeyItem,
): Promise<RotationSession> {
  const owner = await ownerOfStoredKey(deps, profile, stored);
  const caller = await deps.iamCaller(profile, stored);
  if (caller.credentials.sessionToken !== undefined) {
    const who = await deps.sts.getCallerIdentity(caller.credentials, { profile });
    if (who.arn !== owner.userArn) {
      throw new AuthError(
        `The session made to call IAM for "${profile}" belongs to ${who.arn}, not to the key's user ${owner.userArn}`,
        {
          hint: "If an awsafe agent of an earlier version is running, stop it (`awsafe agent stop`) and try again; --no-session calls IAM with the key itself",
        },
      );
    }
  }
  deps.progress(`calling IAM with ${caller.description}`);
  deps.checkpoint(RotateStep.Credentials);
  return { profile, stored, ...owner, caller };
}

/**
 * The IAM user a key belongs to, by GetCallerIdentity signed with it.
 *
 * @throws AuthError when AWS refuses the key; ConfigError when it is not an IAM user's key.
 */
export async function ownerOfStoredKey(
  deps: RotationDeps,
  profile: string,
  key: AwsCredentials,
): Promise<KeyOwner> {
  let arn: string;
  try {
    arn = (await deps.sts.getCallerIdentity(key, { profile })).arn;
  } catch (error) {
    if (!(error instanceof AuthError)) throw error;
    throw new AuthError(
      `The stored key ${redact(key.accessKeyId)} of profile "${profile}" does not work: ${error.message}`,
      {
        hint: `rotate needs a working key; \`awsafe add ${profile} --force\` a new one (from the IAM console or \`aws iam create-access-key\`)`,
        cause: error,
      },
    );
  }
  const match = /^arn:[^:]+:iam::(\d{12}):user\/(?:.*\/)?([^/]+)$/.exec(arn);
  if (match?.[1] === undefined || match[2] === undefined) {
    throw new ConfigError(
      `The stored key ${redact(key.accessKeyId)} of profile "${profile}" is not an IAM user's key (it is ${arn})`,
      {
        hint: "awsafe rotates the access keys of IAM users; the root user should have no access key at all (delete it in the console)",
      },
    );
  }
  return { userArn: arn, accountId: match[1], userName: match[2] };
}
