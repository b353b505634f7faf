/**
 * Why the store needs the passphrase: `unlock` an existing file, or `create` a new one (a
 * prompt should ask twice). The CLI builds the provider from a hidden prompt,
 * `AWSAFE_FILE_PASSPHRASE` or `AWSAFE_FILE_PASSPHRASE_FILE`; the store never reads env.
 */
export type PassphrasePurpose = "unlock" | "create";

/** Supplies the encrypted-file passphrase when the store first needs it. */
export type PassphraseProvider = (purpose: PassphrasePurpose) => Promise<string>;
