import { createHmac, timingSafeEqual } from "node:crypto";
import { AwsError } from "../http/aws-error.js";
import { issuerHost, type OidcProvider } from "../seed/build-world.js";

/** The claims AssumeRoleWithWebIdentity uses from a verified token. */
export interface WebIdentityClaims {
  readonly provider: OidcProvider;
  readonly issuer: string;
  readonly subject: string;
  readonly audience: string;
}

/**
 * Verifies a web identity JWT: the issuer must be a registered provider, the HS256 signature must
 * match its seeded secret, `aud` must be one of its audiences, `exp` in the future.
 */
export function verifyWebIdentityToken(
  token: string,
  providers: ReadonlyMap<string, OidcProvider>,
  nowMs: number,
): WebIdentityClaims {
  const [header, payload, signature, ...rest] = token.split(".");
  if (header === undefined || payload === undefined || signature === undefined || rest.length > 0) {
    throw invalidToken("Couldn't parse the web identity token");
  }
  const claims = decodeJson(payload);
  const issuer = typeof claims["iss"] === "string" ? claims["iss"] : "";
  const provider = [...providers.values()].find((p) => p.host === issuerHost(issuer));
  if (provider === undefined) {
    throw invalidToken(`No OpenIDConnect provider found in your account for ${issuer}`);
  }
  const expected = createHmac("sha256", provider.signingSecret)
    .update(`${header}.${payload}`)
    .digest();
  const given = Buffer.from(signature, "base64url");
  if (
    decodeJson(header)["alg"] !== "HS256" ||
    given.length !== expected.length ||
    !timingSafeEqual(given, expected)
  ) {
    throw invalidToken("The web identity token signature could not be verified");
  }
  const exp = typeof claims["exp"] === "number" ? claims["exp"] : 0;
  if (exp * 1000 <= nowMs) {
    throw new AwsError(
      "ExpiredTokenException",
      "Token expired: current date/time must be before the expiration date/time",
      400,
    );
  }
  const audience = typeof claims["aud"] === "string" ? claims["aud"] : "";
  if (!provider.audiences.includes(audience)) throw invalidToken("Incorrect token audience");
  const subject = typeof claims["sub"] === "string" ? claims["sub"] : "";
  return { provider, issuer, subject, audience };
}

function invalidToken(message: string): AwsError {
  return new AwsError("InvalidIdentityToken", message, 400);
}

function decodeJson(part: string): Readonly<Record<string, unknown>> {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, "base64url").toString("utf8"));
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return { ...value };
  } catch {
    // fall through to the AWS error below
  }
  throw invalidToken("Couldn't parse the web identity token");
}
