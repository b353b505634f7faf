/** The package version, replaced at build time (see scripts/build.mjs and vitest.config.ts). */
declare const __AWSAFE_VERSION__: string;
/**
 * A digest of the version and the sources of this build, replaced at build time (see
 * scripts/build-id.mjs): what keys awsafe's caches, so no build reads what another one derived.
 */
declare const __AWSAFE_BUILD_ID__: string;
/**
 * Whether this is the single-executable build (scripts/build-bin.mjs), replaced at build time:
 * `true` there, `false` in the Node bundles and the tests.
 */
declare const __AWSAFE_STANDALONE__: boolean;
/**
 * Whether test hooks exist (see src/runtime/test-hooks.ts), replaced at build time: `true` only in
 * the test builds (`npm run build:test`, `build:bin:test`) and under vitest; `false` in every
 * build that ships.
 */
declare const __AWSAFE_TEST_HOOKS__: boolean;
/**
 * The digest of dist/entry.cjs, replaced at build time in dist/run-entry.cjs only
 * (scripts/build.mjs): what keys the code cache of that file (src/cli/run-entry.ts).
 */
declare const __AWSAFE_ENTRY_DIGEST__: string;
/**
 * The digest of every file of dist/cli, replaced at build time in dist/run-entry.cjs only
 * (scripts/build.mjs): what keys the code caches of those files (src/cache/cache-modules.ts).
 */
declare const __AWSAFE_CLI_DIGEST__: string;
