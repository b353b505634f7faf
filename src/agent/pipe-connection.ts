import type { AgentConnection } from "./agent-connection.js";
import { lineSplitter } from "./agent-connection.js";
import { limitOnce } from "./deadline.js";

/**
 * The agent's socket reached through Node's own pipe handle, the one under node:net, without
 * node:net itself. Loading node:net compiles some two dozen stream modules, which costs about a
 * quarter of every cached `credential_process` call on top of Node's start; the handle is already
 * in the binary. This is Node's internal surface (process.binding, documentation-deprecated as
 * DEP0111 but kept for these bindings), so every part used is checked before it is used, and
 * `pipeBindings()` is `undefined` wherever anything differs: other runtimes (Bun), the permission
 * model, `--pending-deprecation` (which would print a warning), a missing name or a changed shape.
 * The caller then goes through node:net (net-connection.ts), as it would anywhere else.
 */
export interface PipeBindings {
  readonly Pipe: new (type: number) => PipeHandle;
  readonly PipeConnectWrap: new () => Request;
  readonly WriteWrap: new () => Request;
  readonly socketType: number;
  /** Where the handle reports, before each `onread`, the bytes read (or a negative errno). */
  readonly state: Int32Array;
  readonly readBytesIndex: number;
  readonly offsetIndex: number;
  /** Where the handle reports, after each write, whether it finishes later (non-zero). */
  readonly asyncWriteIndex: number;
}

/** The libuv pipe handle as Node's stream_base exposes it (lib/internal/stream_base_commons.js). */
interface PipeHandle {
  connect(request: Request, address: string): number;
  readStart(): number;
  writeUtf8String(request: Request, text: string): number;
  close(callback?: () => void): void;
  /** Must always be a function: Node asserts that it is (and aborts the process otherwise). */
  onread: (buffer: ArrayBuffer | undefined) => void;
}

interface Request {
  oncomplete: ((status: number) => void) | null;
  handle?: PipeHandle;
}

type Binding = Readonly<Record<string, unknown>>;

/** What the probe reads of the running process (`process` itself, but in tests). */
export interface PipeRuntime {
  readonly versions: Readonly<Record<string, string | undefined>>;
  readonly execArgv: readonly string[];
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly binding?: ((name: string) => unknown) | undefined;
}

let probed: { readonly bindings: PipeBindings | undefined } | undefined;

/** The bindings this file uses, when this runtime has them exactly as expected. */
export function pipeBindings(): PipeBindings | undefined {
  probed ??= {
    bindings: probePipeBindings({
      versions: process.versions,
      execArgv: process.execArgv,
      env: process.env,
      binding: (process as { binding?: (name: string) => unknown }).binding?.bind(process),
    }),
  };
  return probed.bindings;
}

/** `runtime`'s pipe bindings, or `undefined` when anything is missing or differs. */
export function probePipeBindings(runtime: PipeRuntime): PipeBindings | undefined {
  if (runtime.versions.bun !== undefined || pendingDeprecation(runtime)) return undefined;
  const { binding } = runtime;
  if (typeof binding !== "function") return undefined;
  let pipe: Binding;
  let stream: Binding;
  try {
    pipe = binding("pipe_wrap") as Binding;
    stream = binding("stream_wrap") as Binding;
  } catch {
    // The permission model, or a runtime that has dropped them.
    return undefined;
  }
  const constants = pipe.constants as Binding | undefined;
  const { Pipe, PipeConnectWrap } = pipe;
  const { WriteWrap, streamBaseState, kReadBytesOrError, kArrayBufferOffset, kLastWriteWasAsync } =
    stream;
  if (
    typeof Pipe !== "function" ||
    typeof PipeConnectWrap !== "function" ||
    typeof WriteWrap !== "function" ||
    typeof constants?.SOCKET !== "number" ||
    !(streamBaseState instanceof Int32Array) ||
    !validIndex(kReadBytesOrError, streamBaseState) ||
    !validIndex(kArrayBufferOffset, streamBaseState) ||
    !validIndex(kLastWriteWasAsync, streamBaseState)
  ) {
    return undefined;
  }
  const prototype = (Pipe as { prototype?: Binding }).prototype;
  for (const method of ["connect", "readStart", "writeUtf8String", "close"]) {
    if (typeof prototype?.[method] !== "function") return undefined;
  }
  return {
    Pipe: Pipe as PipeBindings["Pipe"],
    PipeConnectWrap: PipeConnectWrap as PipeBindings["PipeConnectWrap"],
    WriteWrap: WriteWrap as PipeBindings["WriteWrap"],
    socketType: constants.SOCKET,
    state: streamBaseState,
    readBytesIndex: kReadBytesOrError as number,
    offsetIndex: kArrayBufferOffset as number,
    asyncWriteIndex: kLastWriteWasAsync as number,
  };
}

function validIndex(index: unknown, state: Int32Array): boolean {
  return typeof index === "number" && Number.isInteger(index) && index >= 0 && index < state.length;
}

/** With --pending-deprecation, process.binding prints DEP0111's warning: node:net is used then. */
function pendingDeprecation({ execArgv, env }: PipeRuntime): boolean {
  const flag = "--pending-deprecation";
  return (
    execArgv.includes(flag) ||
    (env.NODE_OPTIONS ?? "").includes(flag) ||
    env.NODE_PENDING_DEPRECATION === "1"
  );
}

/** A connection to the agent on `socketPath`, or `undefined` when none listens there. */
export async function connectOverPipe(
  bindings: PipeBindings,
  socketPath: string,
): Promise<AgentConnection | undefined> {
  const handle = await connectedHandle(bindings, socketPath);
  return handle === undefined ? undefined : pipeConnection(bindings, handle);
}

/** A pipe handle connected to `socketPath`, or `undefined` (the handle closed) when none listens. */
function connectedHandle(
  bindings: PipeBindings,
  socketPath: string,
): Promise<PipeHandle | undefined> {
  return new Promise((resolve) => {
    const handle = new bindings.Pipe(bindings.socketType);
    const request = new bindings.PipeConnectWrap();
    request.oncomplete = (status) => {
      if (status < 0) handle.close();
      resolve(status < 0 ? undefined : handle);
    };
    if (handle.connect(request, socketPath) < 0) {
      handle.close();
      resolve(undefined);
    }
  });
}

/**
 * One exchange with the agent on `socketPath`, for a client that loads nothing else first
 * (runtime/remembered-answer.ts): sends `request` (one line) and settles with the first line it
 * receives that is not `skip`, without its newline; `undefined` when none listens there, the
 * connection ends or fails first, a line grows past `maxMessageBytes`, or nothing comes within
 * `waitMs`. The connection is closed then. The handle is read here rather than through
 * {@link pipeConnection}, whose queue of writes and listeners such a client would compile and
 * not use.
 */
export async function exchangeLine(
  bindings: PipeBindings,
  socketPath: string,
  request: string,
  skip: string,
  waitMs: number,
): Promise<string | undefined> {
  const handle = await connectedHandle(bindings, socketPath);
  if (handle === undefined) return undefined;
  return new Promise((resolve) => {
    let open = true;
    const finish = (line?: string) => {
      if (!open) return;
      open = false;
      cancelLimit();
      handle.onread = ignore;
      handle.close();
      resolve(line);
    };
    const cancelLimit = limitOnce(waitMs, finish);
    const decode = chunkDecoder();
    const receive = lineSplitter((line) => {
      if (line !== skip) finish(line);
    }, finish);
    handle.onread = (buffer) => {
      const read = bindings.state[bindings.readBytesIndex] ?? -1;
      if (read === 0) return;
      if (read < 0 || buffer === undefined) finish();
      else receive(decode(new Uint8Array(buffer, bindings.state[bindings.offsetIndex] ?? 0, read)));
    };
    const write = new bindings.WriteWrap();
    write.handle = handle;
    write.oncomplete = ignore;
    if (handle.writeUtf8String(write, request) < 0 || handle.readStart() < 0) finish();
  });
}

function pipeConnection(bindings: PipeBindings, handle: PipeHandle): AgentConnection {
  let closed = false;
  let gone = false;
  let closeListener: (() => void) | undefined;
  let receive: ((chunk: string) => void) | undefined;
  // Writes the handle could not finish at once, kept until it has.
  const writing = new Set<Request>();
  let endWhenWritten = false;
  const decode = chunkDecoder();
  const close = () => {
    if (closed) return;
    closed = true;
    handle.onread = ignore;
    handle.close(() => {
      gone = true;
      closeListener?.();
    });
  };
  handle.onread = (buffer) => {
    const read = bindings.state[bindings.readBytesIndex] ?? -1;
    if (read === 0) return;
    if (read < 0 || buffer === undefined) {
      // The agent's end of the conversation, or an error on the way: either closes it.
      close();
      return;
    }
    const offset = bindings.state[bindings.offsetIndex] ?? 0;
    receive?.(decode(new Uint8Array(buffer, offset, read)));
  };
  const write = (text: string) => {
    if (closed) return;
    const request = new bindings.WriteWrap();
    request.handle = handle;
    request.oncomplete = () => {
      writing.delete(request);
      if (endWhenWritten && writing.size === 0) close();
    };
    writing.add(request);
    if (handle.writeUtf8String(request, text) < 0) {
      close();
      return;
    }
    // Finished at once: oncomplete is not called then.
    if (bindings.state[bindings.asyncWriteIndex] === 0) writing.delete(request);
  };
  return {
    write,
    onLines: (listener, tooLong) => {
      receive = lineSplitter(listener, () => {
        receive = undefined;
        tooLong();
      });
      if (handle.readStart() < 0) close();
    },
    onClose: (listener) => {
      if (gone) queueMicrotask(listener);
      else closeListener = listener;
    },
    end: () => {
      endWhenWritten = true;
      if (writing.size === 0) close();
    },
    destroy: close,
  };
}

/**
 * What makes the agent's bytes text, chunk by chunk. Its lines are ASCII but for what a person
 * wrote (a profile's name, an error quoting it). ASCII is made text here; a TextDecoder, Node's
 * JavaScript that the hot path would compile for it, is made for the first chunk that is not
 * ASCII and decodes the rest (every chunk before it ended on a character's end).
 */
function chunkDecoder(): (bytes: Uint8Array) => string {
  let decoder: InstanceType<typeof TextDecoder> | undefined;
  return (bytes) => {
    if (decoder === undefined) {
      if (isAscii(bytes)) return asciiText(bytes);
      decoder = new TextDecoder();
    }
    return decoder.decode(bytes, { stream: true });
  };
}

function isAscii(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte > 0x7f) return false;
  return true;
}

/** ASCII bytes as text, a slice at a time (each slice's bytes are one call's arguments). */
function asciiText(bytes: Uint8Array): string {
  let text = "";
  for (let start = 0; start < bytes.length; start += 8192) {
    const codes = bytes.subarray(start, start + 8192) as unknown as number[];
    text += String.fromCharCode.apply(null, codes);
  }
  return text;
}

function ignore(): void {
  // What a closed handle's reads go to.
}
