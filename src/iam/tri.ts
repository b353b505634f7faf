/**
 * A test the evaluator could not decide: its construct is outside what awsafe evaluates (a
 * condition operator such as `DateLessThan` or `IpAddress`, a resource that is not an ARN).
 * The evaluator reports it; it never guesses.
 */
export interface Unknown {
  readonly unknown: string;
}

/** The outcome of one test: matched, did not, or could not be decided. */
export type Tri = boolean | Unknown;

/** Whether `value` is undecided. */
export function isUnknown(value: Tri): value is Unknown {
  return typeof value === "object";
}

/** All of them: false as soon as one is false, undecided when none is false and one is undecided. */
export function allOf(values: readonly Tri[]): Tri {
  let unknown: Unknown | undefined;
  for (const value of values) {
    if (value === false) return false;
    if (isUnknown(value)) unknown ??= value;
  }
  return unknown ?? true;
}
