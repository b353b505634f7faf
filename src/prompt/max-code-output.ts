/**
 * The most a command asked for an MFA code may print on stdout: a code is 6 digits, ykman puts
 * the account name before it, a dialog prints one line. 4 KiB holds all of that with room to
 * spare, and stops `mfa_process = /usr/bin/yes 123456` at once.
 */
export const maxCodeOutputBytes = 4 * 1024;
