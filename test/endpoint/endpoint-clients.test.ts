import { mkdtempSync, rmSync } from "node:fs";
import { connect, createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { seedUser } from "../../emulator/test-support/emulator-fixture.js";
import {
  expectNoSecretIn,
  issuedSessionSecrets,
  jsonFields,
  useStoredKeysWorld,
} from "../engine/awsafe-world.js";
import {
  awsCallerIdentityArgs,
  boto3CallerArgs,
  noteSkippedClients,
  sdkEnv,
  withAwsCli,
  withBoto3,
} from "../support/real-clients.js";
import { repoRoot } from "../support/conformance.js";
import { startServe } from "./serve-process.js";

// Real clients get credentials from `awsafe exec --server` (container provider) and
// `awsafe serve --ec2` (IMDSv2) and sign calls the emulator accepts. The AWS CLI and boto3 may
// be missing locally (those tests then skip, saying so); in CI they must be there.
noteSkippedClients("test/endpoint/endpoint-clients.test.ts");

const adminArn = /^arn:aws:sts::210987654321:assumed-role\/AdminRole\//;
const sdkCaller = path.join(repoRoot, "test/endpoint/fixtures/sdk-caller.mjs");
const node = process.execPath;
const ctx = useStoredKeysWorld();
// A HOME with no AWS config at all, for clients that must find credentials on the endpoint.
const emptyHome = mkdtempSync(path.join(tmpdir(), "awsafe-empty-home-"));
afterAll(() => {
  rmSync(emptyHome, { recursive: true, force: true });
});

const printEnv = `process.stdout.write(JSON.stringify(process.env))`;

describe("awsafe exec --server: the container endpoint", () => {
  it("gives the child the endpoint's URL and token instead of keys", async () => {
    const result = await ctx.world.awsafe(
      ["exec", "admin", "--server", "--", node, "-e", printEnv],
      {
        AWS_ACCESS_KEY_ID: "AKIAINHERITEDFAKE",
        AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE: "/nonexistent/token-FAKE",
      },
    );
    expect(result.stderr).toBe("");
    expect(result.status).toBe(0);
    const env = jsonFields(result.stdout);
    expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toMatch(
      /^http:\/\/127\.0\.0\.1:\d+\/credentials$/,
    );
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(env).toMatchObject({
      AWS_REGION: "us-east-1",
      AWS_DEFAULT_REGION: "us-east-1",
      AWSAFE_PROFILE: "admin",
    });
    for (const gone of [
      "AWS_ACCESS_KEY_ID",
      "AWS_SECRET_ACCESS_KEY",
      "AWS_SESSION_TOKEN",
      "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE",
    ]) {
      expect(env).not.toHaveProperty(gone);
    }
  });

  it("stops the endpoint when the child ends, and returns the child's code", async () => {
    const result = await ctx.world.awsafe([
      "exec",
      "admin",
      "--server",
      "--",
      "sh",
      "-c",
      'echo "$AWS_CONTAINER_CREDENTIALS_FULL_URI"; exit 3',
    ]);
    expect(result.status).toBe(3);
    const port = Number(new URL(result.stdout.trim()).port);
    expect(await connectOutcome(port)).toBe("ECONNREFUSED");
  });

  it.runIf(withAwsCli)("the AWS CLI (container provider) is AdminRole", async () => {
    const result = await ctx.world.awsafe([
      "exec",
      "admin",
      "--server",
      "--",
      "aws",
      ...awsCallerIdentityArgs(ctx.emulator.url),
    ]);
    expect(result.stderr).toBe("");
    expect(jsonFields(result.stdout).Arn).toMatch(adminArn);
  });

  it.runIf(withBoto3)("boto3 (container provider) is AdminRole", async () => {
    const result = await ctx.world.awsafe([
      "exec",
      "admin",
      "--server",
      "--",
      "python3",
      ...boto3CallerArgs(ctx.emulator.url),
    ]);
    expect(result.stderr).toBe("");
    expect(result.stdout.trim()).toMatch(adminArn);
  });

  it.each(["fromContainerMetadata", "fromHttp"])(
    "the SDK for JavaScript's %s is AdminRole",
    async (provider) => {
      const result = await ctx.world.awsafe(
        ["exec", "admin", "--server", "--", node, sdkCaller, provider, ctx.emulator.url],
        sdkEnv,
      );
      expect(result.stderr).toBe("");
      const answer = jsonFields(result.stdout);
      expect(answer.arn).toMatch(adminArn);
      expect(answer.accessKeyId).toMatch(/^ASIA/);
    },
  );
});

describe("awsafe serve --ec2: the container and IMDSv2 endpoints", () => {
  it("serves the AWS CLI, boto3 and the SDK for JavaScript, then stops on SIGTERM with 0", async () => {
    const serve = await startServe(
      ctx.world,
      ["admin", "--ec2"],
      ["AWS_CONTAINER_AUTHORIZATION_TOKEN", "AWS_EC2_METADATA_SERVICE_ENDPOINT", "AWS_REGION"],
    );
    try {
      expect(serve.exports).toMatchObject({
        AWS_CONTAINER_CREDENTIALS_FULL_URI: `http://127.0.0.1:${serve.port}/credentials`,
        AWS_EC2_METADATA_SERVICE_ENDPOINT: `http://127.0.0.1:${serve.port}/`,
        AWS_REGION: "us-east-1",
        AWS_DEFAULT_REGION: "us-east-1",
      });
      // Only what an EC2 instance has: the metadata endpoint. No config, no keys, no profile.
      const imdsEnv = {
        HOME: emptyHome,
        AWS_EC2_METADATA_SERVICE_ENDPOINT: serve.exports.AWS_EC2_METADATA_SERVICE_ENDPOINT ?? "",
        AWS_REGION: "us-east-1",
        AWS_DEFAULT_REGION: "us-east-1",
      };
      const containerEnv = {
        HOME: emptyHome,
        AWS_CONTAINER_CREDENTIALS_FULL_URI: serve.exports.AWS_CONTAINER_CREDENTIALS_FULL_URI ?? "",
        AWS_CONTAINER_AUTHORIZATION_TOKEN: serve.exports.AWS_CONTAINER_AUTHORIZATION_TOKEN ?? "",
        AWS_REGION: "us-east-1",
      };
      if (withAwsCli) {
        const cli = await ctx.world.run("aws", awsCallerIdentityArgs(ctx.emulator.url), imdsEnv);
        expect(cli.stderr).toBe("");
        expect(jsonFields(cli.stdout).Arn).toMatch(adminArn);
      }
      if (withBoto3) {
        const boto = await ctx.world.run("python3", boto3CallerArgs(ctx.emulator.url), imdsEnv);
        expect(boto.stderr).toBe("");
        expect(boto.stdout.trim()).toMatch(adminArn);
      }
      const imds = await ctx.world.run(
        node,
        [sdkCaller, "fromInstanceMetadata", ctx.emulator.url],
        { ...imdsEnv, ...sdkEnv },
      );
      expect(imds.stderr).toBe("");
      expect(jsonFields(imds.stdout).arn).toMatch(adminArn);
      const http = await ctx.world.run(node, [sdkCaller, "fromHttp", ctx.emulator.url], {
        ...containerEnv,
        ...sdkEnv,
      });
      expect(http.stderr).toBe("");
      expect(jsonFields(http.stdout).arn).toMatch(adminArn);
    } finally {
      const ended = await serve.stop("SIGTERM");
      expect(ended).toEqual({ status: 0, signal: null });
    }
    expect(serve.stderr()).toContain(`serving profile "admin" on http://127.0.0.1:${serve.port}`);
    expect(await connectOutcome(serve.port)).toBe("ECONNREFUSED");
  });

  it("stops on SIGINT with 130", async () => {
    const serve = await startServe(ctx.world, ["admin", "--port", "0"]);
    expect(await serve.stop("SIGINT")).toEqual({ status: 130, signal: null });
  });

  it("refuses a bad --port (64) and a port in use (69)", async () => {
    const bad = await ctx.world.awsafe(["serve", "admin", "--port", "http"]);
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain('--port must be a number from 0 to 65535, found "http"');
    const serve = await startServe(ctx.world, ["admin"]);
    try {
      const taken = await ctx.world.awsafe(["serve", "admin", "--port", String(serve.port)]);
      expect(taken.status).toBe(69);
      expect(taken.stderr).toContain(`Cannot listen on 127.0.0.1:${serve.port}: EADDRINUSE`);
    } finally {
      await serve.stop("SIGTERM");
    }
  });

  it("takes the port before fetching credentials: a port in use costs no MFA code", async () => {
    const busy = createServer();
    await new Promise<void>((resolve) => busy.listen(0, "127.0.0.1", resolve));
    const address = busy.address();
    const port = typeof address === "object" && address !== null ? address.port : 0;
    try {
      // In this process and with no session cached in the store, credentials need a code.
      expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
      const prompts = ctx.world.mfaPrompts();
      const taken = await ctx.world.awsafe([
        "serve",
        "admin",
        "--no-agent",
        "--port",
        String(port),
      ]);
      expect(taken.status).toBe(69);
      expect(taken.stderr).toContain(`Cannot listen on 127.0.0.1:${port}: EADDRINUSE`);
      expect(ctx.world.mfaPrompts()).toBe(prompts);
    } finally {
      await new Promise((resolve) => busy.close(resolve));
    }
  });

  it("refuses to serve long-term keys (78)", async () => {
    const result = await ctx.world.awsafe(["serve", "base", "--no-session"]);
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('Profile "base" gives long-term keys');
  });
});

describe("after every endpoint run", () => {
  it("leaves no secret in any file under HOME or in any output", () => {
    const user = seedUser(ctx.emulator, "assume-only");
    const secrets = [user.secretAccessKey ?? "", ...issuedSessionSecrets(ctx.emulator)];
    expect(secrets.length).toBeGreaterThan(4);
    expectNoSecretIn(ctx.world, secrets);
  });
});

function connectOutcome(port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({ host: "127.0.0.1", port });
    socket.on("connect", () => {
      socket.destroy();
      resolve("connected");
    });
    socket.on("error", (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? "error");
    });
  });
}
