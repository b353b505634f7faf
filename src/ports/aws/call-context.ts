/** What an AWS call is for, so its errors can say what to do, and where it goes. */
export interface AwsCallContext {
  /** The profile whose settings the call comes from (for messages). */
  readonly profile?: string | undefined;
  /**
   * The region to call the service in; the adapters fall back to `AWS_REGION`,
   * `AWS_DEFAULT_REGION`, then `us-east-1`.
   */
  readonly region?: string | undefined;
}
