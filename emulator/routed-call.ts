import type { EmulatorResponse } from "./http/types.js";

/**
 * A request matched to an operation: its name for stats and faults (`sts:AssumeRole`), the access
 * key it claims to be signed with, how to run it, and how to fail it in its protocol's shape.
 */
export interface RoutedCall {
  readonly operation: string;
  readonly accessKeyId: string | undefined;
  readonly run: () => Promise<EmulatorResponse>;
  readonly fail: (failure: "throttle" | "error" | "denied") => EmulatorResponse;
}
