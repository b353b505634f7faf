import type { AwsCallContext } from "../ports/aws/call-context.js";
import type { AwsCredentials } from "../ports/aws/credentials.js";
import type { DebugLog } from "../ports/debug-log.js";
import type { Environment } from "../ports/environment.js";

/** The services awsafe reaches through an AWS SDK client. */
export type SdkService = "sts" | "sso" | "sso-oidc" | "iam";

/** How the adapters reach AWS. */
export interface ClientFactoryOptions {
  /**
   * Read for `AWS_ENDPOINT_URL_<SERVICE>`, `AWS_ENDPOINT_URL`, `AWS_REGION`,
   * `AWS_DEFAULT_REGION`: the request's environment, not this process's.
   */
  readonly env: Environment;
  /**
   * Attempts per call, the first included. The SDK's standard retry strategy retries throttling,
   * 5xx and transient network errors with jittered exponential backoff, and corrects its clock
   * from the server's `Date` after a skew error.
   */
  readonly maxAttempts?: number;
  /** `--debug`: each call, its duration and outcome (see trace-sdk-calls.ts). */
  readonly debug?: DebugLog | undefined;
}

/** What every SDK client of one call is built with. */
export interface SdkClientConfig {
  readonly region: string;
  readonly maxAttempts: number;
  readonly endpoint?: string;
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

/** The region of a call when neither the call nor the environment names one (STS's global one). */
export const fallbackRegion = "us-east-1";

const defaultMaxAttempts = 4;

/**
 * The client configuration of one call to `service`: the endpoint the environment points it at
 * (`AWS_ENDPOINT_URL_<SERVICE>`, else `AWS_ENDPOINT_URL`, as the SDKs read them; the tests and
 * the demo point them at the emulator), the call's region, retries, and the credentials that
 * sign it (none for unsigned calls).
 */
export function sdkClientConfig(
  options: ClientFactoryOptions,
  service: SdkService,
  context: AwsCallContext,
  credentials?: AwsCredentials,
): SdkClientConfig {
  const endpoint = serviceEndpoint(options.env, service);
  return {
    region: callRegion(options.env, context),
    maxAttempts: options.maxAttempts ?? defaultMaxAttempts,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(credentials === undefined ? {} : { credentials: signingCredentials(credentials) }),
  };
}

/** `AWS_ENDPOINT_URL_<SERVICE>` (`sso-oidc` → `SSO_OIDC`), else `AWS_ENDPOINT_URL`. */
export function serviceEndpoint(env: Environment, service: string): string | undefined {
  const variable = `AWS_ENDPOINT_URL_${service.toUpperCase().replaceAll("-", "_")}`;
  return nonEmpty(env[variable]) ?? nonEmpty(env.AWS_ENDPOINT_URL);
}

/** The call's region, else `AWS_REGION`, `AWS_DEFAULT_REGION`, else {@link fallbackRegion}. */
export function callRegion(env: Environment, context: AwsCallContext): string {
  return (
    nonEmpty(context.region) ??
    nonEmpty(env.AWS_REGION) ??
    nonEmpty(env.AWS_DEFAULT_REGION) ??
    fallbackRegion
  );
}

/**
 * Builds a client, makes the call, and closes the client's keep-alive sockets whatever happens,
 * so a short-lived command can exit at once. `fail` turns whatever the call threw into the
 * adapter's AppError.
 */
export async function withSdkClient<C extends { destroy(): void }, T>(
  build: () => C,
  call: (client: C) => Promise<T>,
  fail: (error: unknown) => Error,
): Promise<T> {
  const client = buildQuietly(build);
  try {
    return await call(client);
  } catch (error) {
    throw fail(error);
  } finally {
    client.destroy();
  }
}

/**
 * An SDK package, imported lazily by its adapter (`await import("@aws-sdk/client-sts")`), as a
 * module namespace. The packages are CommonJS: Node gives their exports by name, the esbuild
 * bundle under `default`; `exportName` tells which of the two holds the module.
 */
export function sdkModule<M extends object>(loaded: M, exportName: keyof M & string): M {
  const inner: unknown = Reflect.get(loaded, "default");
  return hasExport(inner, loaded, exportName) ? inner : loaded;
}

/** Whether `value` is a module like `sample`: it has `exportName`. */
function hasExport<M extends object>(
  value: unknown,
  _sample: M,
  exportName: keyof M & string,
): value is M {
  return typeof value === "object" && value !== null && exportName in value;
}

const warningSwitch = "AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED";

/**
 * Builds a client without the SDK's Node-version warning: it would land on the stderr of every
 * `credential_process` and `exec` run. The SDK reads the switch from `process.env` in a client's
 * constructor (each copy of its core package once), so it is set around the constructor only
 * and put back at once: no child process inherits it. For a client kept across calls; its
 * owner destroys it.
 */
export function buildSdkClient<C>(build: () => C): C {
  return buildQuietly(build);
}

function buildQuietly<C>(build: () => C): C {
  const before = process.env[warningSwitch];
  process.env[warningSwitch] = "true";
  try {
    return build();
  } finally {
    if (before === undefined) Reflect.deleteProperty(process.env, warningSwitch);
    else process.env[warningSwitch] = before;
  }
}

function signingCredentials(
  credentials: AwsCredentials,
): NonNullable<SdkClientConfig["credentials"]> {
  const { accessKeyId, secretAccessKey, sessionToken } = credentials;
  return sessionToken === undefined
    ? { accessKeyId, secretAccessKey }
    : { accessKeyId, secretAccessKey, sessionToken };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value === "" ? undefined : value;
}
