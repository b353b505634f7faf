import { createHash, randomBytes, randomUUID } from "node:crypto";

const verifierAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~";

/**
 * A PKCE pair (RFC 7636, S256) as the AWS CLI makes it: a verifier of 64 characters from the
 * unreserved set, and its challenge, the unpadded base64url SHA-256 of it.
 */
export function pkcePair(): { readonly verifier: string; readonly challenge: string } {
  // Bytes below 198 (3 × 66) map evenly onto the 66 characters; the rest are dropped.
  let verifier = "";
  while (verifier.length < 64) {
    for (const byte of randomBytes(96)) {
      if (byte < 198 && verifier.length < 64) {
        verifier += verifierAlphabet.charAt(byte % verifierAlphabet.length);
      }
    }
  }
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

/** The `state` of one authorization request: a random UUID, as the AWS CLI sends. */
export function newState(): string {
  return randomUUID();
}

/**
 * The `/authorize` URL of the authorization-code flow, parameters as the AWS CLI sends them
 * (SPECS §c.3; the scope parameter is literally `scopes`, space-separated).
 */
export function authorizeUrl(input: {
  readonly endpoint: string;
  readonly clientId: string;
  readonly redirectUri: string;
  readonly state: string;
  readonly challenge: string;
  readonly scopes: readonly string[];
}): string {
  const url = new URL(input.endpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", input.clientId);
  url.searchParams.set("redirect_uri", input.redirectUri);
  url.searchParams.set("state", input.state);
  url.searchParams.set("code_challenge_method", "S256");
  if (input.scopes.length > 0) url.searchParams.set("scopes", input.scopes.join(" "));
  url.searchParams.set("code_challenge", input.challenge);
  return url.href;
}
