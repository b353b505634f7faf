import { afterEach, describe, expect, it } from "vitest";
import { startDeadline } from "./deadline.js";

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const waitAsync = Atomics.waitAsync;

afterEach(() => {
  Atomics.waitAsync = waitAsync;
});

describe.each([
  ["Atomics.waitAsync", () => undefined],
  [
    "setTimeout, where the runtime has no Atomics.waitAsync",
    () => {
      // @ts-expect-error: the runtime without it
      Atomics.waitAsync = undefined;
    },
  ],
])("startDeadline through %s", (_name, setUp) => {
  it("calls expire once the limit has passed, and only once", async () => {
    setUp();
    let expired = 0;
    const started = performance.now();
    let at = 0;
    startDeadline(300, () => {
      expired++;
      at = performance.now() - started;
    });
    await sleep(20);
    expect(expired).toBe(0);
    await sleep(900);
    expect(expired).toBe(1);
    // Timed from the event loop's clock, which a busy start leaves a little behind.
    expect(at).toBeGreaterThanOrEqual(250);
  });

  it("starts over on restart, and never expires once cancelled", async () => {
    setUp();
    let expired = 0;
    const deadline = startDeadline(500, () => expired++);
    await sleep(100);
    deadline.restart(500);
    await sleep(100);
    expect(expired).toBe(0);
    await sleep(800);
    expect(expired).toBe(1);
    const cancelled = startDeadline(30, () => expired++);
    cancelled.cancel();
    await sleep(100);
    expect(expired).toBe(1);
  });

  it("expires at once with no time at all", async () => {
    setUp();
    let expired = 0;
    startDeadline(0, () => expired++);
    await sleep(20);
    expect(expired).toBe(1);
  });
});
