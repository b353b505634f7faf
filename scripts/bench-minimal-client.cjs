// The least a node:net client of the agent can do, for the bench's
// hot-path-minimal-node-client-vs-node-floor line: connect to the agent's socket, send the
// request `awsafe credential-process <profile>` sends (the same line: protocol version, profile,
// the environment variables a request carries), read the answer and print it as the
// credential_process document. None of awsafe's checks (the socket directory's owner and mode,
// AWSAFE_AGENT, the store choice, starting an agent, MFA, errors): what it costs over `node -e 0`
// is the floor of any client that loads node:net, not of a correct one. dist/cli.cjs goes
// through Node's pipe handle instead (src/agent/pipe-connection.ts) and so costs less than this.
// Usage: node scripts/bench-minimal-client.cjs <profile>
"use strict";
const net = require("node:net");
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

const socket = net.createConnection(socketPath);
let pending = "";
socket.setEncoding("utf8");
socket.on("data", (chunk) => {
  pending += chunk;
  let end;
  while ((end = pending.indexOf("\n")) !== -1) {
    const message = JSON.parse(pending.slice(0, end));
    pending = pending.slice(end + 1);
    if (message.type === "accepted") continue;
    socket.end();
    if (message.type !== "credentials") {
      process.stderr.write(`bench-minimal-client: the agent answered ${message.type}\n`);
      process.exitCode = 1;
      return;
    }
    const c = message.credentials;
    process.stdout.write(
      `${JSON.stringify({
        Version: 1,
        AccessKeyId: c.accessKeyId,
        SecretAccessKey: c.secretAccessKey,
        SessionToken: c.sessionToken,
        Expiration: c.expiration,
        AccountId: c.accountId,
      })}\n`,
    );
  }
});
socket.write(
  `${JSON.stringify({ v: 1, type: "credentials", profile: process.argv[2], env: sent })}\n`,
);
