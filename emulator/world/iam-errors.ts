import { AwsError } from "../http/aws-error.js";

/** IAM's NoSuchEntity (404) with AWS's message. */
export function noSuchEntity(message: string): AwsError {
  return new AwsError("NoSuchEntity", message, 404);
}

/** IAM's EntityAlreadyExists (409). */
export function entityAlreadyExists(message: string): AwsError {
  return new AwsError("EntityAlreadyExists", message, 409);
}

/** IAM's LimitExceeded (409), e.g. the two-keys-per-user quota. */
export function limitExceeded(message: string): AwsError {
  return new AwsError("LimitExceeded", message, 409);
}

/** IAM's MalformedPolicyDocument (400). */
export function malformedPolicy(message: string): AwsError {
  return new AwsError("MalformedPolicyDocument", message, 400);
}
