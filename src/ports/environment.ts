/** The environment variables awsafe reads, as a plain map (the domain never reads `process.env`). */
export type Environment = Readonly<Record<string, string | undefined>>;

/** The platform facts file locations depend on. */
export interface PlatformFacts {
  readonly platform: NodeJS.Platform;
  /** The OS's own idea of the home directory (`os.homedir()`), used when no variable is set. */
  readonly homedir: () => string;
}
