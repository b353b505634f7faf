import { expect, it } from "vitest";
import { awsafeOnTerminal } from "../support/on-terminal.js";
import { describeWithRealThing, missingCommands } from "../store/real-thing.js";
import { mfaSerial, useStoredKeysWorld } from "./awsafe-world.js";

// --debug on a terminal: each question asked is said (the question, never the answer), with the
// AWS call the answer went to and how it ended.
const ctx = useStoredKeysWorld();

describeWithRealThing("--debug and the prompts", await missingCommands("script"), () => {
  it("says which MFA question it asks and what AWS said to each code, never the code", async () => {
    expect((await ctx.world.awsafe(["remove", "base", "--sessions"])).status).toBe(0);
    const terminal = awsafeOnTerminal(
      ["--debug", "credential-process", "admin-asks", "--no-agent"],
      { ...ctx.world.env, AWSAFE_PROMPT: "terminal", TERM: "dumb" },
    );
    const codes = ["314159", "271828", "161803"];
    for (const code of codes) {
      await terminal.waitFor(/Enter MFA code for [^\n]*: $/, terminal.screen().length - 200);
      terminal.type(`${code}\r`);
      await terminal.waitFor("GetSessionToken: failed", terminal.screen().length);
    }
    expect(await terminal.ended).toBe(77);
    const screen = terminal.screen().replaceAll("\r", "");
    expect(screen).toContain(
      `awsafe: debug: MFA code for ${mfaSerial} (profile "admin-asks") asked from the terminal prompt`,
    );
    expect(screen).toContain(
      `awsafe: debug: prompt (hidden answer): Enter MFA code for ${mfaSerial}:`,
    );
    expect(screen).toMatch(
      /awsafe: debug: AWS STS GetSessionToken: failed in \d+ ms \(\w+, HTTP 403\)/,
    );
    for (const code of codes) expect(screen).not.toContain(code);
  });
});
