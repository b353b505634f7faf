import { CreateAccessKeyCommand, UpdateAccessKeyCommand } from "@aws-sdk/client-iam";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  control,
  iamClient,
  mfaSession,
  seedUser,
} from "../../emulator/test-support/emulator-fixture.js";
import { awsafeOnTerminal } from "../support/on-terminal.js";
import { awsCallerIdentityArgs, noteSkippedClients, withAwsCli } from "../support/real-clients.js";
import { missingCommands } from "../store/real-thing.js";
import { expectNoSecretIn, issuedSessionSecrets } from "./awsafe-world.js";
import {
  expectOneStoredWorkingKey,
  iamKeys,
  keyWorks,
  redacted,
  type RotateWorld,
  startRotateWorld,
  storedKey,
} from "./rotate-world.js";

// `awsafe rotate` against the emulator, whose seed user `assume-only` may call
// iam:CreateAccessKey (and ListAccessKeys, DeleteAccessKey, ...) only from an MFA session.
noteSkippedClients("test/engine/rotate.test.ts");

/** The rotations' stderr, printed once at the end as the transcript of this file. */
const transcripts: string[] = [];

let ctx: RotateWorld;
beforeAll(async () => {
  ctx = await startRotateWorld();
});
afterAll(async () => {
  await ctx.stop();
  console.log(transcripts.join("\n"));
});

/** `text` as a regular expression that matches it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** An IAM client with an MFA session of the stored key, as a person's own tools would have. */
async function userIam() {
  const stored = await storedKey(ctx.world);
  if (stored === undefined) throw new Error("no stored key");
  const user = { ...seedUser(ctx.emulator, "assume-only"), ...stored };
  return iamClient(ctx.emulator, await mfaSession(ctx.emulator, user));
}

describe("awsafe rotate", () => {
  it("rotates with the agent's cached MFA session, waits for the new key, deletes the old one; the AWS CLI works straight after", async () => {
    const { world, emulator } = ctx;
    const served = await world.awsafeCredentials(["credential-process", "admin"]);
    expect(served.status, served.stderr).toBe(0);
    expect(world.mfaPrompts()).toBe(1);
    const before = await storedKey(world);
    if (before === undefined) throw new Error("no stored key");
    // IAM's eventual consistency: the new key is refused for a few seconds after it is made.
    await control(emulator, "POST", "new-key-delay", { seconds: 3 });

    const rotated = await world.awsafe(["rotate", "base"]);
    transcripts.push(`$ awsafe rotate base\n${rotated.stderr}`);
    await control(emulator, "DELETE", "new-key-delay");
    expect(rotated.status, rotated.stderr).toBe(0);
    expect(rotated.stdout).toBe("");
    expect(world.mfaPrompts(), "the agent's MFA session was reused").toBe(1);
    const after = await storedKey(world);
    if (after === undefined) throw new Error("no stored key after the rotation");
    expect(after.accessKeyId).not.toBe(before.accessKeyId);
    expect(rotated.stderr).toContain(
      'calling IAM with an MFA session of this key (device arn:aws:iam::123456789012:mfa/assume-only, set in profile "admin")',
    );
    expect(rotated.stderr).toMatch(
      new RegExp(`waiting for ${literal(redacted(after.accessKeyId))} to work`),
    );
    expect(rotated.stderr).toMatch(/works \(after \d+ s\)/);
    expect(rotated.stderr).toContain(`the old key ${redacted(before.accessKeyId)} was deleted`);
    expect(rotated.stderr).toContain(
      `keys of assume-only now: ${redacted(after.accessKeyId)} (Active, stored as "base")`,
    );
    expect(rotated.stderr).not.toContain(before.accessKeyId);
    expect(rotated.stderr).not.toContain(after.accessKeyId);

    // The emulator really deleted the old key: it is refused, the new one works.
    expect(iamKeys(emulator).map((key) => key.accessKeyId)).toEqual([after.accessKeyId]);
    expect(await keyWorks(emulator, before)).toBe(false);
    expect(await keyWorks(emulator, after)).toBe(true);
    await expectOneStoredWorkingKey(ctx);

    // The sessions of the old key were dropped: the role is assumed from a new MFA session.
    const viaAwsafe = await world.awsafeCredentials(["credential-process", "admin"]);
    expect(viaAwsafe.status, viaAwsafe.stderr).toBe(0);
    expect(world.mfaPrompts()).toBe(2);
    if (withAwsCli) {
      const cli = await world.run("aws", awsCallerIdentityArgs(emulator.url), {
        AWS_PROFILE: "admin-aws",
      });
      expect(cli.status, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({
        Arn: expect.stringContaining("assumed-role/AdminRole/") as unknown,
      });
    }
  });

  it("--json, --no-agent: prints what was done with the key IDs redacted", async () => {
    const before = await storedKey(ctx.world);
    const rotated = await ctx.world.awsafe(["rotate", "base", "--json", "--no-agent"]);
    transcripts.push(`$ awsafe rotate base --json --no-agent\n${rotated.stderr}${rotated.stdout}`);
    expect(rotated.status, rotated.stderr).toBe(0);
    const after = await storedKey(ctx.world);
    if (before === undefined || after === undefined) throw new Error("no stored key");
    expect(JSON.parse(rotated.stdout)).toEqual({
      profile: "base",
      userName: "assume-only",
      userArn: "arn:aws:iam::123456789012:user/assume-only",
      calledIamWith:
        'an MFA session of this key (device arn:aws:iam::123456789012:mfa/assume-only, set in profile "admin")',
      oldAccessKeyId: redacted(before.accessKeyId),
      newAccessKeyId: redacted(after.accessKeyId),
      storedAs: ["base"],
      oldKey: "deleted",
      sessionsDropped: { store: 1, agent: expect.any(Number) as unknown },
      keys: [{ accessKeyId: redacted(after.accessKeyId), status: "Active", storedAs: ["base"] }],
      notes: [],
    });
    expect(rotated.stdout).not.toContain(after.accessKeyId);
    await expectOneStoredWorkingKey(ctx);
  });

  it("names an active second key and changes nothing", async () => {
    const iam = await userIam();
    const made = await iam.send(new CreateAccessKeyCommand({}));
    const otherId = made.AccessKey?.AccessKeyId ?? "";
    const keysBefore = iamKeys(ctx.emulator);
    const refused = await ctx.world.awsafe(["rotate", "base"]);
    transcripts.push(`$ awsafe rotate base   # a second, active key exists\n${refused.stderr}`);
    expect(refused.status).toBe(78);
    expect(refused.stderr).toContain(
      `IAM user assume-only already has two access keys, the most IAM allows: the stored`,
    );
    expect(refused.stderr).toMatch(
      new RegExp(
        `${literal(redacted(otherId))} \\(Active, created \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d UTC, last used never\\)`,
      ),
    );
    expect(refused.stderr).toContain("make it inactive");
    expect(iamKeys(ctx.emulator)).toEqual(keysBefore);

    await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: otherId, Status: "Inactive" }));
    const unasked = await ctx.world.awsafe(["rotate", "base"]);
    expect(unasked.status).toBe(64);
    expect(unasked.stderr).toContain(`Not deleting the inactive key ${redacted(otherId)}`);
    expect(unasked.stderr).toContain("--delete-inactive");
    expect(iamKeys(ctx.emulator).map((key) => key.status)).toEqual(["Active", "Inactive"]);

    const deleting = await ctx.world.awsafe(["rotate", "base", "--delete-inactive"]);
    transcripts.push(`$ awsafe rotate base --delete-inactive\n${deleting.stderr}`);
    expect(deleting.status, deleting.stderr).toBe(0);
    expect(deleting.stderr).toContain(`deleted the inactive key ${redacted(otherId)}`);
    expect(iamKeys(ctx.emulator).map((key) => key.accessKeyId)).not.toContain(otherId);
    await expectOneStoredWorkingKey(ctx);
  });

  it("deletes an inactive second key on a yes at the terminal, and keeps it on a no", async () => {
    const missing = await missingCommands("script");
    if (missing !== undefined) {
      if (process.env["CI"] !== undefined) throw new Error(missing);
      console.warn(`[skipped] the terminal half of this test: ${missing}`);
      return;
    }
    const iam = await userIam();
    const made = await iam.send(new CreateAccessKeyCommand({}));
    const otherId = made.AccessKey?.AccessKeyId ?? "";
    await iam.send(new UpdateAccessKeyCommand({ AccessKeyId: otherId, Status: "Inactive" }));
    const env = { ...ctx.world.env, AWSAFE_PROMPT: "terminal", TERM: "dumb" };
    const question = `Delete the inactive key ${redacted(otherId)} (Inactive, created`;

    const no = awsafeOnTerminal(["rotate", "base"], env);
    await no.waitFor(question);
    no.type("n\r");
    expect(await no.ended).toBe(64);
    expect(no.screen()).toContain(`Kept the inactive key ${redacted(otherId)}`);
    expect(iamKeys(ctx.emulator).map((key) => key.accessKeyId)).toContain(otherId);

    const yes = awsafeOnTerminal(["rotate", "base"], env);
    await yes.waitFor(question);
    yes.type("y\r");
    expect(await yes.ended).toBe(0);
    transcripts.push(
      `$ awsafe rotate base   # on a terminal, answering y\n${yes.screen().replaceAll("\r", "")}`,
    );
    expect(yes.screen()).toContain(`deleted the inactive key ${redacted(otherId)}`);
    expect(iamKeys(ctx.emulator).map((key) => key.accessKeyId)).not.toContain(otherId);
    await expectOneStoredWorkingKey(ctx);
  });

  it("asks for the encrypted store's passphrase once, though the MFA session is made in-process", async () => {
    const missing = await missingCommands("script");
    if (missing !== undefined) {
      if (process.env["CI"] !== undefined) throw new Error(missing);
      console.warn(`[skipped] ${missing}`);
      return;
    }
    const env: Record<string, string> = {
      ...ctx.world.env,
      AWSAFE_PROMPT: "terminal",
      TERM: "dumb",
    };
    delete env["AWSAFE_FILE_PASSPHRASE"];
    const terminal = awsafeOnTerminal(["rotate", "base"], env);
    const question = "Passphrase for the awsafe store";
    await terminal.waitFor(question);
    terminal.type("test-passphrase-FAKE\r");
    expect(await terminal.ended).toBe(0);
    expect(terminal.screen().split(question)).toHaveLength(2);
    expect(terminal.screen()).toContain('rotated "base"');
    await expectOneStoredWorkingKey(ctx);
  });

  it("--all rotates each stored key once, in name order, and stops at the first failure", async () => {
    const base = await storedKey(ctx.world);
    if (base === undefined) throw new Error("no stored key");
    const copy = await ctx.world.awsafe(["add", "copy", "--env"], {
      AWS_ACCESS_KEY_ID: base.accessKeyId,
      AWS_SECRET_ACCESS_KEY: base.secretAccessKey,
    });
    expect(copy.status, copy.stderr).toBe(0);
    const all = await ctx.world.awsafe(["rotate", "--all", "--json"]);
    transcripts.push(
      `$ awsafe rotate --all --json   # "copy" stores the same key as "base"\n${all.stderr}`,
    );
    expect(all.status, all.stderr).toBe(0);
    const results = JSON.parse(all.stdout) as { profile: string; storedAs: string[] }[];
    expect(results.map((result) => [result.profile, result.storedAs])).toEqual([
      ["base", ["base", "copy"]],
    ]);
    expect(all.stderr).toContain('"copy" stores the key just rotated: already done');
    await expectOneStoredWorkingKey(ctx);

    const bogus = await ctx.world.awsafe(["add", "aaa", "--env"], {
      AWS_ACCESS_KEY_ID: "AKIAIOSFODNN7EXAMPLE",
      AWS_SECRET_ACCESS_KEY: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    });
    expect(bogus.status, bogus.stderr).toBe(0);
    const keysBefore = iamKeys(ctx.emulator);
    const stopped = await ctx.world.awsafe(["rotate", "--all"]);
    expect(stopped.status).toBe(77);
    expect(stopped.stderr).toContain('The stored key ****MPLE of profile "aaa" does not work');
    expect(stopped.stderr).not.toContain(`of profile "base"`);
    expect(iamKeys(ctx.emulator)).toEqual(keysBefore);
    for (const name of ["aaa", "copy"]) {
      expect((await ctx.world.awsafe(["remove", name, "--force"])).status).toBe(0);
    }
  });

  it("refuses bad input with one line, a hint and the sysexits code, and loses nothing", async () => {
    const keysBefore = iamKeys(ctx.emulator);
    const storedBefore = await storedKey(ctx.world);
    const cases: { args: string[]; env?: Record<string, string>; code: number; text: string }[] = [
      { args: ["rotate"], code: 64, text: "Name the profile to rotate, or --all" },
      { args: ["rotate", "base", "--all"], code: 64, text: "not both" },
      {
        args: ["rotate", "admin"],
        code: 78,
        text: 'Profile "admin" has no key of its own: its credentials come from the key stored for "base"',
      },
      { args: ["rotate", "nosuch"], code: 78, text: 'Profile "nosuch" has no stored key' },
      {
        args: ["rotate", "base", "--no-session"],
        code: 77,
        text: 'ListAccessKeys for user "assume-only" (profile "base") was denied',
      },
      {
        args: ["rotate", "base"],
        env: { AWSAFE_FILE_PASSPHRASE: "not-the-passphrase" },
        code: 69,
        text: "wrong passphrase",
      },
    ];
    for (const { args, env, code, text } of cases) {
      const run = await ctx.world.awsafe(args, env);
      expect(run.stderr, args.join(" ")).toContain(text);
      expect(run.status, run.stderr).toBe(code);
      expect(run.stderr).not.toMatch(/\n\s+at /);
      expect(
        run.stderr
          .trim()
          .split("\n")
          .filter((line) => line.startsWith("awsafe:")),
      ).toHaveLength(1);
    }
    expect(iamKeys(ctx.emulator)).toEqual(keysBefore);
    expect(await storedKey(ctx.world)).toEqual(storedBefore);
  });

  it("without permission to create keys: says which permissions, changes nothing, leaves no journal", async () => {
    const keysBefore = iamKeys(ctx.emulator);
    await ctx.fault({ operation: "iam:CreateAccessKey", kind: "denied" });
    const denied = await ctx.world.awsafe(["rotate", "base"]);
    await ctx.clearFaults();
    transcripts.push(`$ awsafe rotate base   # CreateAccessKey denied\n${denied.stderr}`);
    expect(denied.status).toBe(77);
    expect(denied.stderr).toContain('CreateAccessKey for user "assume-only"');
    expect(denied.stderr).toContain(
      "iam:ListAccessKeys, iam:CreateAccessKey, iam:UpdateAccessKey, iam:DeleteAccessKey and iam:GetAccessKeyLastUsed on arn:aws:iam::123456789012:user/${aws:username}",
    );
    expect(iamKeys(ctx.emulator)).toEqual(keysBefore);
    const next = await ctx.world.awsafe(["rotate", "base"]);
    expect(next.stderr).not.toContain("did not finish");
    expect(next.status, next.stderr).toBe(0);
  });

  it("a key AWS no longer accepts: exit 77, rotate needs a working key", async () => {
    const stored = await storedKey(ctx.world);
    if (stored === undefined) throw new Error("no stored key");
    const key = ctx.emulator.state.world.accessKeys.get(stored.accessKeyId);
    if (key === undefined) throw new Error("the stored key is not in IAM");
    key.status = "Inactive";
    const refused = await ctx.world.awsafe(["rotate", "base"]);
    key.status = "Active";
    expect(refused.status).toBe(77);
    expect(refused.stderr).toContain(
      `The stored key ${redacted(stored.accessKeyId)} of profile "base" does not work`,
    );
    expect(refused.stderr).toContain(
      "rotate needs a working key; `awsafe add base --force` a new one",
    );
    await expectOneStoredWorkingKey(ctx);
  });

  it("leaves neither the old nor the new secrets anywhere in plain text", () => {
    expect(ctx.keySecrets.size).toBeGreaterThanOrEqual(5);
    expectNoSecretIn(ctx.world, [...ctx.keySecrets, ...issuedSessionSecrets(ctx.emulator)]);
    transcripts.push(
      `plain-text scan: ${String(ctx.keySecrets.size)} access-key secrets (the seed's and every key rotate made) and ${String(issuedSessionSecrets(ctx.emulator).length / 2)} sessions' secrets and tokens: none found in the files under HOME or in any output`,
    );
  });
});
