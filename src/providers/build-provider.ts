import type { CredentialPlan, PlanStep, SourceStep } from "../plan/credential-plan.js";
import { adjustPlan } from "./adjust-plan.js";
import { cachedSession } from "./cached-session.js";
import { checkDuration } from "./check-duration.js";
import type { CredentialProvider, ProviderDeps, ProviderOptions } from "./credential-provider.js";
import { fromAssumeRole } from "./from-assume-role.js";
import { fromEnvironment } from "./from-environment.js";
import { fromProcess } from "./from-process.js";
import { fromSessionToken } from "./from-session-token.js";
import { fromSso } from "./from-sso.js";
import { fromStaticKeys } from "./from-static-keys.js";
import { fromStoredKeys } from "./from-stored-keys.js";
import { fromWebIdentity } from "./from-web-identity.js";
import { sessionCacheName } from "./session-cache-name.js";

/**
 * Turns a plan into one provider: the source, then each STS step signed with the credentials of
 * the step before it. `--duration` is checked against the plan here, before anything is called. With `deps.lock`, the GetSessionToken session and the final role session
 * are cached in the store (so one MFA prompt serves every role of that source and device, for
 * hours); intermediate roles of a chain are cheap to redo and are not.
 */
export function buildProvider(
  plan: CredentialPlan,
  deps: ProviderDeps,
  options: ProviderOptions = {},
): CredentialProvider {
  const adjusted = adjustPlan(plan, options);
  checkDuration(adjusted, options.durationSeconds);
  const region = options.region ?? plan.region;
  const [source, ...transforms] = adjusted.steps;
  let provider = sourceProvider(source, deps, region);
  // SSO role credentials are a session too: cached like one, shared by every role chained on them.
  if (deps.lock !== undefined && source.kind === "sso") {
    provider = cachedSession(provider, sessionCacheName(adjusted, 0), {
      store: deps.store,
      lock: deps.lock,
      now: deps.now,
      mfa: false,
      debug: deps.debug,
    });
  }
  let usedMfa = false;
  transforms.forEach((step, offset) => {
    const stepDeps = { sts: deps.sts, mfa: deps.mfa, now: deps.now, region };
    provider =
      step.kind === "sessionToken"
        ? fromSessionToken(step, provider, stepDeps)
        : fromAssumeRole(step, provider, stepDeps);
    usedMfa ||= step.mfaSerial !== undefined;
    const index = offset + 1;
    if (deps.lock !== undefined && isCached(step, index === transforms.length)) {
      provider = cachedSession(provider, sessionCacheName(adjusted, index), {
        store: deps.store,
        lock: deps.lock,
        now: deps.now,
        mfa: usedMfa,
        debug: deps.debug,
      });
    }
  });
  return provider;
}

function isCached(step: PlanStep, last: boolean): boolean {
  return step.kind === "sessionToken" || last;
}

function sourceProvider(
  step: SourceStep,
  deps: ProviderDeps,
  region: string | undefined,
): CredentialProvider {
  switch (step.kind) {
    case "storedKeys":
      return fromStoredKeys(step, deps.store);
    case "staticKeys":
      return fromStaticKeys(step, deps.config);
    case "credentialSource":
      return fromEnvironment(step, deps.env);
    case "process":
      return fromProcess(step, deps.processRunner, deps.now);
    case "webIdentity":
      return fromWebIdentity(step, { ...deps, region });
    case "sso":
    case "ssoToken":
      return fromSso(step, deps);
  }
}
