import { readdirSync, readFileSync } from "node:fs";

/** One process as /proc shows it. */
export interface ProcSample {
  readonly pid: number;
  readonly cmdline: string;
  /** Its environment, when readable. */
  readonly environ: string;
}

/** Every process's command line (and environment, where readable) now. */
export function sampleProcesses(): ProcSample[] {
  const samples: ProcSample[] = [];
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    const read = (file: string) => {
      try {
        return readFileSync(`/proc/${name}/${file}`, "latin1").replaceAll("\0", " ");
      } catch {
        return "";
      }
    };
    const cmdline = read("cmdline");
    if (cmdline !== "") samples.push({ pid: Number(name), cmdline, environ: read("environ") });
  }
  return samples;
}

/**
 * Samples every process while `running` is pending (every 10 ms), and once more at the end:
 * what a local user reading /proc/<pid>/cmdline could have seen meanwhile.
 */
export async function sampleWhile<T>(
  running: Promise<T>,
): Promise<{ result: T; samples: ProcSample[] }> {
  const samples: ProcSample[] = [];
  const state = { done: false };
  const result = running.finally(() => {
    state.done = true;
  });
  while (!state.done) {
    for (const sample of sampleProcesses()) samples.push(sample);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  for (const sample of sampleProcesses()) samples.push(sample);
  return { result: await result, samples };
}
