import type { Caller } from "./auth/caller.js";
import type { QueryParams } from "./http/query-protocol.js";
import type { XmlValue } from "./http/xml.js";
import type { EmulatorState } from "./state.js";

/**
 * An awsQuery operation (STS, IAM): runs with the parsed parameters and, when `signed`, the
 * authenticated caller; returns the content of `<ActionResult>` (undefined = no result element).
 */
export type QueryOperation =
  | {
      readonly signed: true;
      readonly run: (
        state: EmulatorState,
        params: QueryParams,
        caller: Caller,
      ) => Promise<XmlValue>;
    }
  | {
      readonly signed: false;
      readonly run: (state: EmulatorState, params: QueryParams) => Promise<XmlValue>;
    };

/** A signed operation. */
export function signed(
  run: (state: EmulatorState, params: QueryParams, caller: Caller) => Promise<XmlValue> | XmlValue,
): QueryOperation {
  return { signed: true, run: async (state, params, caller) => run(state, params, caller) };
}

/** An unsigned operation (AssumeRoleWithWebIdentity). */
export function unsigned(
  run: (state: EmulatorState, params: QueryParams) => Promise<XmlValue> | XmlValue,
): QueryOperation {
  return { signed: false, run: async (state, params) => run(state, params) };
}
