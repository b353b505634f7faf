/**
 * How long a key made by CreateAccessKey is refused after it is made (control API
 * `new-key-delay`): IAM is eventually consistent, and a new key may be refused by STS
 * (`InvalidClientTokenId`) for seconds after CreateAccessKey answered. The delay counts on the
 * emulator's clock; ListAccessKeys shows the key at once, as in AWS.
 */
export class NewKeyDelay {
  #seconds = 0;

  /** The delay given to keys made from now on. */
  get seconds(): number {
    return this.#seconds;
  }

  /** Sets the delay (0 or more seconds). */
  set(seconds: number): void {
    this.#seconds = Math.max(0, seconds);
  }

  /** Keys made from now on work at once. */
  clear(): void {
    this.#seconds = 0;
  }

  /** When a key made at `madeAt` starts to work, or `undefined` for at once. */
  usableAt(madeAt: Date): Date | undefined {
    return this.#seconds === 0 ? undefined : new Date(madeAt.getTime() + this.#seconds * 1000);
  }
}
