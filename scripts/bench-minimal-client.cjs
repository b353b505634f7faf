// The least a Node client of the agent can do, for the bench's
// hot-path-minimal-node-client-vs-node-floor and hot-path-minimal-pipe-client-vs-node-floor
// lines: connect to the agent's socket, send the request `awsafe credential-process <profile>`
// sends first (the same line: protocol version, profile, the environment variables a request
// carries, and `ifRemembered`), read the answer and print the line it carries. None of awsafe's
// checks (the socket directory's owner and mode, AWSAFE_AGENT, the answer's shape, the hand-over
// when the agent remembers nothing, errors, a limit on the wait): what it costs over `node -e 0`
// is the floor of any client, not of a correct one. Through node:net by default; with --pipe through Node's pipe handle, as
// dist/cli.cjs goes (src/agent/pipe-connection.ts): the floor of any Node client of the agent.
// Usage: node scripts/bench-minimal-client.cjs <profile> [--pipe]
/* global TextDecoder */
"use strict";
const path = require("node:path");

const env = process.env;
// The variables a request carries: the list src/runtime/request-environment.ts reads.
const { names, prefixes } = require("../src/runtime/request-environment.json");
const sent = {};
for (const [name, value] of Object.entries(env)) {
  if (names.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))) {
    sent[name] = value;
  }
}
// src/agent/agent-socket.ts and src/settings/awsafe-paths.ts, POSIX only.
const runtime = env.XDG_RUNTIME_DIR;
const dataDir = env.AWSAFE_HOME
  ? env.AWSAFE_HOME
  : path.join(
      env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)
        ? env.XDG_DATA_HOME
        : path.join(env.HOME, ".local", "share"),
      "awsafe",
    );
const socketPath =
  runtime && path.isAbsolute(runtime)
    ? path.join(runtime, "awsafe", "agent.sock")
    : path.join(dataDir, "run", "agent.sock");

const request = `${JSON.stringify({ v: 1, type: "credentials", profile: process.argv[2], env: sent, ifRemembered: true })}\n`;
let pending = "";

/** Takes the answer's text as it comes; true once the answer is printed. */
function received(text) {
  pending += text;
  let end;
  while ((end = pending.indexOf("\n")) !== -1) {
    const message = JSON.parse(pending.slice(0, end));
    pending = pending.slice(end + 1);
    if (message.type === "accepted") continue;
    if (message.type !== "process-output") {
      process.stderr.write(`bench-minimal-client: the agent answered ${message.type}\n`);
      process.exitCode = 1;
      return true;
    }
    require("node:fs").writeSync(1, message.text);
    return true;
  }
  return false;
}

if (process.argv.includes("--pipe")) {
  const { Pipe, PipeConnectWrap, constants } = process.binding("pipe_wrap");
  const { WriteWrap, streamBaseState, kReadBytesOrError } = process.binding("stream_wrap");
  const handle = new Pipe(constants.SOCKET);
  const connect = new PipeConnectWrap();
  const decoder = new TextDecoder();
  connect.oncomplete = (status) => {
    if (status < 0) throw new Error(`bench-minimal-client: cannot connect (${String(status)})`);
    const write = new WriteWrap();
    write.handle = handle;
    write.oncomplete = () => undefined;
    handle.writeUtf8String(write, request);
    handle.onread = (buffer) => {
      const read = streamBaseState[kReadBytesOrError];
      const done =
        read < 0 || received(decoder.decode(new Uint8Array(buffer, 0, read), { stream: true }));
      if (done) {
        handle.readStop();
        handle.close();
      }
    };
    handle.readStart();
  };
  handle.connect(connect, socketPath);
} else {
  const socket = require("node:net").createConnection(socketPath);
  socket.setEncoding("utf8");
  socket.on("data", (chunk) => {
    if (received(chunk)) socket.end();
  });
  socket.write(request);
}
