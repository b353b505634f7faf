/**
 * Makes this process non-dumpable, as ssh-agent does (Linux `prctl(PR_SET_DUMPABLE, 0)`): other
 * processes of the same user can then no longer read its memory through `/proc/<pid>/mem` or
 * attach a debugger, and it leaves no core dump. The agent holds decrypted keys and sessions, so
 * it does this first. Node has no way to make the call without a native addon, which awsafe does
 * not ship; the single executable (Bun) makes it through Bun's own foreign-function interface.
 *
 * @returns whether the process is now non-dumpable.
 */
export async function forbidMemoryReads(): Promise<boolean> {
  if (!__AWSAFE_STANDALONE__ || process.platform !== "linux") return false;
  // Bun's built-in module, named indirectly: the Node bundles have no such module to resolve.
  const specifier = ["bun", "ffi"].join(":");
  const ffi: unknown = await import(specifier);
  const dlopen: unknown = Reflect.get(Object(ffi), "dlopen");
  const types: unknown = Reflect.get(Object(ffi), "FFIType");
  if (typeof dlopen !== "function" || typeof types !== "object" || types === null) return false;
  const int: unknown = Reflect.get(types, "i32");
  const word: unknown = Reflect.get(types, "u64");
  const library: unknown = Reflect.apply(dlopen, undefined, [
    "libc.so.6",
    { prctl: { args: [int, word, word, word, word], returns: int } },
  ]);
  const prctl: unknown = Reflect.get(Object(Reflect.get(Object(library), "symbols")), "prctl");
  if (typeof prctl !== "function") return false;
  const setDumpable = 4;
  const getDumpable = 3;
  Reflect.apply(prctl, undefined, [setDumpable, 0, 0, 0, 0]);
  return Reflect.apply(prctl, undefined, [getDumpable, 0, 0, 0, 0]) === 0;
}
