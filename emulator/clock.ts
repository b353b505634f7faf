/**
 * The emulator's notion of "now": real time plus an offset the control API can move, so tests
 * cross TOTP windows and session expiries without sleeping.
 */
export class EmulatorClock {
  #offsetMs = 0;

  /** Current emulator time in epoch milliseconds. */
  nowMs(): number {
    return Date.now() + this.#offsetMs;
  }

  /** Current emulator time. */
  now(): Date {
    return new Date(this.nowMs());
  }

  /** Moves the clock forward (or backward, with a negative value) by whole seconds. */
  advance(seconds: number): void {
    this.#offsetMs += seconds * 1000;
  }

  /** How far the emulator's clock is from the machine's, in milliseconds. */
  get offsetMs(): number {
    return this.#offsetMs;
  }
}
