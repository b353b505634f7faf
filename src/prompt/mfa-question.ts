import type { MfaRequest } from "../ports/mfa-code-source.js";

/**
 * What a prompt asks for a code: the device, and on a later attempt why the last code failed
 * and which attempt this is, so a retry never looks like the first question.
 */
export function mfaQuestion(request: MfaRequest): string {
  const ask = `Enter MFA code for ${request.serialNumber}`;
  if (request.attempt <= 1) return ask;
  const of = request.attempts === undefined ? "" : ` of ${request.attempts}`;
  const why = request.lastFailure === undefined ? "" : `${capitalized(request.lastFailure)}. `;
  return `${why}${ask} (attempt ${request.attempt}${of})`;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
