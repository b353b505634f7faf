// Run in a child process by keychain-store.test.ts: opens the keychain store in whatever D-Bus
// session the environment names, tries a read, a write and a list of the item
// `awsafe-child-test` / `child/long-term`, and prints each outcome as a JSON array.
import { AppError } from "../../src/errors.js";
import { openKeychainStore } from "../../src/store/keychain/keychain-store.js";

const ref = { kind: "long-term", name: "child" } as const;
const store = await openKeychainStore({ service: "awsafe-child-test", platform: process.platform });
const attempts: (() => Promise<unknown>)[] = [
  () => store.get(ref),
  () => store.put(ref, { accessKeyId: "AKIAEXAMPLETEST00007", secretAccessKey: "fake-TEST" }),
  () => store.list(),
];
const outcomes = [];
for (const attempt of attempts) outcomes.push(await outcome(attempt));
console.log(JSON.stringify(outcomes));

async function outcome(attempt: () => Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await attempt();
    return { ok: true };
  } catch (error) {
    if (!(error instanceof AppError)) return { ok: false, name: String(error) };
    return {
      ok: false,
      name: error.name,
      exitCode: error.exitCode,
      message: error.message,
      hint: error.hint,
    };
  }
}
