// Process entry of the emulator: `npm run -s emulator -- --port 0 [--seed FILE]`. Prints one JSON
// line describing the seed first on stdout, then serves until SIGTERM/SIGINT.
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { parseSeed } from "./seed/parse-seed.js";
import { presetSeeds } from "./seed/practice-seeds.js";
import type { Seed } from "./seed/seed-types.js";
import { start } from "./server.js";

const USAGE =
  "usage: npm run -s emulator -- [--port N] [--seed FILE | --preset compliant|careless]";

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "0" },
      seed: { type: "string" },
      preset: { type: "string" },
      help: { type: "boolean" },
    },
    strict: true,
  });
  if (values.help === true) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`--port: expected 0-65535, found "${values.port}"`);
  const seed =
    values.seed === undefined
      ? presetSeed(values.preset)
      : parseSeed(readFileSync(values.seed, "utf8"), values.seed);
  const emulator = await start({
    port,
    ...(seed === undefined ? {} : { seed }),
    onInternalError: (error) =>
      process.stderr.write(`emulator: internal error: ${String(error)}\n`),
  });
  process.stdout.write(`${JSON.stringify(emulator.seed)}\n`);
  await untilStopped();
  await emulator.stop();
  return 0;
}

function presetSeed(name: string | undefined): Seed | undefined {
  if (name === undefined) return undefined;
  const make = presetSeeds[name];
  if (make === undefined)
    throw new Error(`--preset: expected compliant or careless, found "${name}"`);
  return make();
}

// `npm run` starts us under `sh -c`; npm forwards SIGTERM to that shell, which dies without
// passing it on. A changed parent pid means we were orphaned that way: stop as if signalled.
function untilStopped(): Promise<void> {
  return new Promise<void>((resolve) => {
    const parent = process.ppid;
    const stop = () => {
      clearInterval(watch);
      resolve();
    };
    const watch = setInterval(() => {
      if (process.ppid !== parent) stop();
    }, 500);
    process.once("SIGTERM", stop);
    process.once("SIGINT", stop);
  });
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `emulator: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`,
    );
    process.exitCode = 64;
  },
);
