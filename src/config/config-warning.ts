/**
 * Constructs the AWS SDKs read one way and the AWS CLI (botocore) another, or that some readers
 * silently ignore. awsafe reads files the SDKs' way and reports these so `doctor`, `list` and
 * `explain` can tell the user before two tools disagree about a profile.
 */
export const ConfigWarningCode = {
  /** `[X]` twice in one file: the SDKs merge, the AWS CLI refuses the whole file. */
  DuplicateSection: "duplicate-section",
  /** A key twice in one section: the SDKs keep the last, the AWS CLI refuses the whole file. */
  DuplicateKey: "duplicate-key",
  /** `value # note`: the SDKs drop the note, the AWS CLI keeps it as part of the value. */
  InlineComment: "inline-comment",
  /** An indented `# note` after a property: the SDKs append it to the value, the CLI drops it. */
  IndentedComment: "indented-comment",
  /** `[default]` beside `[profile default]`: the SDKs take the prefixed one, the CLI the last. */
  DefaultTwice: "default-twice",
  /** `[DEFAULT]`: the AWS CLI copies its keys into every profile; the SDKs ignore it. */
  UpperDefaultSection: "upper-default-section",
  /** A UTF-8 byte-order mark: the AWS CLI cannot read the file at all. */
  ByteOrderMark: "byte-order-mark",
  /** `[profile "a b"]` or another name the SDKs ignore but the AWS CLI reads. */
  CliOnlyProfileName: "cli-only-profile-name",
  /** A section no reader treats as a profile (`[foo]` in the config file, `[profile x]` in the
   * credentials file, a name with characters the SDKs reject). */
  IgnoredSection: "ignored-section",
  /** A key with upper-case letters: the JS SDK v3 does not lower-case keys and will not see it. */
  UpperCaseKey: "upper-case-key",
} as const;
export type ConfigWarningCode = (typeof ConfigWarningCode)[keyof typeof ConfigWarningCode];

/** One construct at one place in one file; `message` is a sentence for the user. */
export interface ConfigWarning {
  readonly code: ConfigWarningCode;
  readonly file: string;
  readonly line: number;
  readonly message: string;
}
