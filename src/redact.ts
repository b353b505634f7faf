/**
 * Hides all but the last four characters of an identifier or secret: `****MPLE`. Short values are
 * hidden entirely, so a redacted value never reveals more than four characters.
 */
export function redact(value: string): string {
  return value.length <= 8 ? "****" : `****${value.slice(-4)}`;
}

/**
 * Free text (an error message from AWS or a library, a cause chain) with anything shaped like a
 * credential hidden: access key IDs keep their last four characters, and every run of 32 or more
 * characters of base64 or base64url (secret keys, session tokens, SSO tokens, sign-in tokens)
 * becomes `[redacted]`. Words of that length do not occur in the messages awsafe relays; secrets
 * do not occur in them on purpose either, so this is a second line of defence.
 */
export function redactText(text: string): string {
  return text
    .replace(/\b(?:AKIA|ASIA|AIDA|AROA|AGPA|ANPA|AIPA)[A-Z0-9]{12,}\b/g, (id) => redact(id))
    .replace(/[A-Za-z0-9+/_=-]{32,}/g, "[redacted]");
}
