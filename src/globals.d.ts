/** The package version, replaced at build time (see scripts/build.mjs and vitest.config.ts). */
declare const __AWSAFE_VERSION__: string;
