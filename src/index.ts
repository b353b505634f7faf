// The awsafe library: `fromAwsafe()`, awsafe's credential provider for the AWS SDK for
// JavaScript v3; and the shared-config engine and the credential planner, for use from code that
// wants to read AWS profiles the way the SDKs do.
export { fromAwsafe, type FromAwsafeInit } from "./lib/from-awsafe.js";
export type { AwsafeCredentialsError } from "./lib/to-provider-error.js";
export {
  ExitCode,
  AppError,
  UsageError,
  StoreError,
  AuthError,
  ConfigError,
  InterruptedError,
} from "./errors.js";
export type { ConfigData, Properties, PropertyValue } from "./config/config-data.js";
export type { ConfigWarning, ConfigWarningCode } from "./config/config-warning.js";
export {
  locateSharedConfig,
  selectedProfileName,
  selectedRegion,
  type SharedConfigPaths,
} from "./config/locate-shared-config.js";
export type { Environment, PlatformFacts } from "./ports/environment.js";
export {
  parseSharedConfig,
  type SharedConfig,
  type SharedConfigFile,
  type ProfileLocation,
} from "./config/parse-shared-config.js";
export { readSharedConfig } from "./config/read-shared-config.js";
export { ConfigParseError } from "./config/parse/config-parse-error.js";
export {
  planCredentials,
  createPlanner,
  type Planner,
  type PlanFacts,
} from "./plan/plan-credentials.js";
export type {
  CredentialPlan,
  PlanStep,
  SourceStep,
  TransformStep,
} from "./plan/credential-plan.js";
