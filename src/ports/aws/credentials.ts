/** Credentials, as every AWS port takes and gives them. */

/** Credentials that can sign a request. Temporary ones carry a token and an expiry. */
export interface AwsCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
  readonly accountId?: string;
}

/** Temporary credentials from STS: always a token and an expiry. */
export interface TemporaryCredentials extends AwsCredentials {
  readonly sessionToken: string;
  readonly expiration: Date;
}

/** An MFA device and the code it shows now. */
export interface MfaCode {
  readonly serialNumber: string;
  readonly tokenCode: string;
}
