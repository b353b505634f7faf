// The agent's error codec, for the doors: the hot path and the CLI proper are two files with
// their own copies of the error classes, and hand a sign-in's error across as a wire error.
export { fromWireError, toWireError } from "../agent/wire-error.js";
