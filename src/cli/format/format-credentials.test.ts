import { describe, expect, it } from "vitest";
import { ConfigError } from "../../errors.js";
import { formatCredentials, type ExportFormat } from "./format-credentials.js";

const credentials = {
  accessKeyId: "ASIAFAKEEXAMPLE",
  secretAccessKey: "fake/secret+TEST",
  sessionToken: "fake'token=TEST",
  expiration: new Date("2030-01-01T00:00:00Z"),
};
const extra = { profile: "admin", region: "eu-west-1" };

describe("formatCredentials", () => {
  it.each([
    [
      "env",
      "export AWS_ACCESS_KEY_ID=ASIAFAKEEXAMPLE\nexport AWS_SECRET_ACCESS_KEY=fake/secret+TEST\nexport AWS_SESSION_TOKEN='fake'\\''token=TEST'\nexport AWS_CREDENTIAL_EXPIRATION=2030-01-01T00:00:00.000Z\nexport AWS_REGION=eu-west-1\nexport AWS_DEFAULT_REGION=eu-west-1\n",
    ],
    [
      "fish",
      "set -gx AWS_ACCESS_KEY_ID ASIAFAKEEXAMPLE;\nset -gx AWS_SECRET_ACCESS_KEY fake/secret+TEST;\nset -gx AWS_SESSION_TOKEN 'fake\\'token=TEST';\nset -gx AWS_CREDENTIAL_EXPIRATION 2030-01-01T00:00:00.000Z;\nset -gx AWS_REGION eu-west-1;\nset -gx AWS_DEFAULT_REGION eu-west-1;\n",
    ],
    [
      "powershell",
      "$Env:AWS_ACCESS_KEY_ID='ASIAFAKEEXAMPLE'\n$Env:AWS_SECRET_ACCESS_KEY='fake/secret+TEST'\n$Env:AWS_SESSION_TOKEN='fake''token=TEST'\n$Env:AWS_CREDENTIAL_EXPIRATION='2030-01-01T00:00:00.000Z'\n$Env:AWS_REGION='eu-west-1'\n$Env:AWS_DEFAULT_REGION='eu-west-1'\n",
    ],
    [
      "process",
      '{"Version":1,"AccessKeyId":"ASIAFAKEEXAMPLE","SecretAccessKey":"fake/secret+TEST","SessionToken":"fake\'token=TEST","Expiration":"2030-01-01T00:00:00.000Z"}\n',
    ],
    [
      "ini",
      "[admin]\naws_access_key_id = ASIAFAKEEXAMPLE\naws_secret_access_key = fake/secret+TEST\naws_session_token = fake'token=TEST\nregion = eu-west-1\n",
    ],
  ] as const)("%s", (format, expected) => {
    expect(formatCredentials(format, credentials, extra)).toBe(expected);
  });

  it("json is the process document, indented", () => {
    expect(JSON.parse(formatCredentials("json", credentials, extra))).toEqual(
      JSON.parse(formatCredentials("process", credentials, extra)),
    );
  });

  it("leaves out what long-term keys do not have", () => {
    const keys = { accessKeyId: "AKIAFAKEEXAMPLE", secretAccessKey: "fake-TEST" };
    expect(formatCredentials("dotenv", keys, { profile: "p", region: undefined })).toBe(
      "AWS_ACCESS_KEY_ID=AKIAFAKEEXAMPLE\nAWS_SECRET_ACCESS_KEY=fake-TEST\n",
    );
  });
});

describe("formatCredentials quotes each value for its own reader", () => {
  const keys = { accessKeyId: "AKIAFAKEEXAMPLE", secretAccessKey: "fake-TEST" };
  const withRegion = (format: ExportFormat, region: string) =>
    formatCredentials(format, keys, { profile: "p", region })
      .split("\n")
      .filter((line) => line.includes("AWS_REGION") || line.startsWith("region"));

  it.each([
    // fish reads \' inside single quotes as a quote: POSIX's '\'' would end the quotes there.
    ["fish", "x\\';touch /tmp/PWN;#", ["set -gx AWS_REGION 'x\\\\\\';touch /tmp/PWN;#';"]],
    ["fish", "%self", ["set -gx AWS_REGION '%self';"]],
    ["env", "x\\';touch /tmp/PWN;#", ["export AWS_REGION='x\\'\\'';touch /tmp/PWN;#'"]],
    // zsh expands a word starting with = to a command's path.
    ["env", "=ls", ["export AWS_REGION='=ls'"]],
    ["env", "a:~", ["export AWS_REGION='a:~'"]],
    ["env", "", ["export AWS_REGION=''"]],
    ["dotenv", "eu west $1", ["AWS_REGION='eu west $1'"]],
    // PowerShell ends a single-quoted string at U+2018..U+201B too; no non-ASCII is printed.
    ["powershell", "a\u2019;ni PWN;#", ["$Env:AWS_REGION='a' + [char]0x2019 + ';ni PWN;#'"]],
    ["powershell", "\u2018'\n", ["$Env:AWS_REGION='' + [char]0x2018 + '''' + [char]0x000A"]],
    ["powershell", "\u{1F600}", ["$Env:AWS_REGION='' + [char]0xD83D + [char]0xDE00"]],
    ["ini", "eu-west-1#x", ["region = eu-west-1#x"]],
  ] as const)("%s: %j", (format, region, expected) => {
    expect(withRegion(format, region)).toEqual(expected);
  });

  it.each([
    ["env", "a\0b", "AWS_REGION for POSIX shells: it holds NUL", "U+0000, character 2"],
    ["fish", "a\0", "AWS_REGION for fish: it holds NUL", "U+0000, character 2"],
    ["powershell", "\0", "AWS_REGION for PowerShell: it holds NUL", "U+0000, character 1"],
    ["fish", "é\ud800", "AWS_REGION for fish: it holds half of a UTF-16", "U+D800, character 2"],
    ["dotenv", "a\0", "AWS_REGION for a dotenv file: it holds NUL", "U+0000, character 2"],
    ["dotenv", "a\nb", "AWS_REGION for a dotenv file: it holds a control", "U+000A, character 2"],
    ["dotenv", "a\rb", "AWS_REGION for a dotenv file: it holds a control", "U+000D, character 2"],
    ["dotenv", "\u2028", "AWS_REGION for a dotenv file: it holds a control", "U+2028, character 1"],
    ["dotenv", "it's", "AWS_REGION for a dotenv file: it holds a quote", "U+0027, character 3"],
    ["dotenv", "a\\b", "AWS_REGION for a dotenv file: it holds a quote", "U+005C, character 2"],
    ["ini", "a\nb", "region for the AWS credentials file: it holds a", "U+000A, character 2"],
    [
      "ini",
      "\u{1F600}x",
      "region for the AWS credentials file: it holds a",
      "U+1F600, character 1",
    ],
    ["ini", "eu ;x", "region for the AWS credentials file: it has a word", "U+003B, character 4"],
    ["ini", " eu", "region for the AWS credentials file: it starts or ends", "U+0020, character 1"],
    ["ini", "", "region for the AWS credentials file: it is empty", ""],
  ] as const)("%s refuses %j with exit 78, naming the character", (format, region, says, where) => {
    const error = refusal(() => withRegion(format, region));
    expect(error.exitCode).toBe(78);
    expect(error.message).toContain(`Cannot print ${says}`);
    expect(error.message).toContain(where);
    expect(error.hint).toMatch(/--format json/);
  });

  it("ini refuses a profile name that is not one section header", () => {
    for (const profile of ["a]b", "a b", "x\n[y", "__proto__", ""]) {
      const error = refusal(() => formatCredentials("ini", keys, { profile, region: undefined }));
      expect(error.message).toContain(`Cannot print profile ${JSON.stringify(profile)}`);
    }
  });

  it("never names the value of a refused secret", () => {
    const secret = "SECRETVALUE\nTEST";
    const error = refusal(() =>
      formatCredentials(
        "dotenv",
        { ...keys, sessionToken: secret },
        { profile: "p", region: undefined },
      ),
    );
    expect(error.message).toContain("AWS_SESSION_TOKEN");
    expect(error.message).not.toContain("SECRETVALUE");
  });

  it("json and process carry NUL and control characters JSON-escaped", () => {
    const token = "a\0\n\u2019b";
    const text = formatCredentials("process", { ...keys, sessionToken: token }, extra);
    expect(JSON.parse(text)).toMatchObject({ SessionToken: token });
    expect(text).toContain(String.raw`a\u0000\n`);
  });
});

function refusal(run: () => unknown): ConfigError {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error("expected a ConfigError, but the value was printed");
}
