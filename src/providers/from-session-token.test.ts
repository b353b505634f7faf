import { describe, expect, it } from "vitest";
import type { SessionTokenStep } from "../plan/credential-plan.js";
import type { StsPort } from "../ports/aws/sts.js";
import type { MfaRequest } from "../ports/mfa-code-source.js";
import { chooseMfaSource } from "../prompt/choose-mfa-source.js";
import { noPrompter } from "../ports/prompter.js";
import { fromSessionToken } from "./from-session-token.js";

const keys = { accessKeyId: "AKIAFAKETESTKEYS0000", secretAccessKey: "FAKE-secret" };
const serial = "arn:aws:iam::111111111111:mfa/alice";
// The keys of "base" call GetSessionToken with the device (and mfa_process) of role "admin".
const step: SessionTokenStep = {
  kind: "sessionToken",
  profile: "base",
  mfaSerial: serial,
  mfaProcess: "otp-tool",
  mfaProfile: "admin",
};
const sts = {
  getSessionToken: () => Promise.reject(new Error("not called in these tests")),
} as unknown as StsPort;

describe("fromSessionToken", () => {
  it("asks for the code on behalf of the profile that sets mfa_serial, not the keys' profile", async () => {
    const asked: MfaRequest[] = [];
    const provider = fromSessionToken(step, () => Promise.resolve(keys), {
      sts,
      mfa: (request) => {
        asked.push(request);
        return Promise.reject(new Error("no code"));
      },
    });
    await expect(provider()).rejects.toThrow("no code");
    expect(asked[0]).toMatchObject({ profile: "admin", mfaProcess: "otp-tool", attempt: 1 });
  });

  it("names that profile when its mfa_process fails", async () => {
    const mfa = chooseMfaSource({
      prompter: noPrompter,
      runner: {
        run: () => Promise.resolve({ exitCode: 1, signal: null, stdout: "", stderr: "" }),
      },
    });
    const provider = fromSessionToken(step, () => Promise.resolve(keys), { sts, mfa });
    await expect(provider()).rejects.toThrow('mfa_process of profile "admin" failed');
  });

  it("has STS load its client while the code is asked for, not after", async () => {
    const events: string[] = [];
    const provider = fromSessionToken(step, () => Promise.resolve(keys), {
      sts: {
        ...sts,
        prepare: () => events.push("prepare"),
        getSessionToken: () => {
          events.push("call");
          return Promise.reject(new Error("stop"));
        },
      },
      mfa: () => {
        events.push("code asked");
        return Promise.resolve("123456");
      },
    });
    await expect(provider()).rejects.toThrow("stop");
    expect(events).toEqual(["prepare", "code asked", "call"]);
  });
});
