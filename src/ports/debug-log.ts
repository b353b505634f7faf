/**
 * One line of `--debug` output: what the engine decided or did (a file read, the plan, a cache
 * hit or miss, an AWS call and how long it took, a prompt asked). The CLI redacts and prints it
 * on stderr; without `--debug` it is absent, and code that logs tests for that first so a run
 * without `--debug` builds no line. A line names things (profiles, ARNs, files), never a secret.
 */
export type DebugLog = (line: string) => void;
