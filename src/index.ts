export { ExitCode, AppError, UsageError, StoreError, AuthError, ConfigError } from "./errors.js";
export type { ConfigData, Properties, PropertyValue } from "./config/config-data.js";
