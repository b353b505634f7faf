import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { describeWithRealThing, missingCommands } from "../../test/store/real-thing.js";
import { credentialProcessLine, isAwsafeProcessLine, shellQuote } from "./awsafe-process-line.js";

const awkward = ["/opt/my tools/node", "/home/o'brien/awsafe/dist/cli.cjs"];

describe("credentialProcessLine", () => {
  it("leaves plain words alone and names no backend (the recorded one is read)", () => {
    expect(credentialProcessLine(["/usr/bin/node", "/opt/awsafe/cli.js"], "dev")).toBe(
      "/usr/bin/node /opt/awsafe/cli.js credential-process dev",
    );
    expect(credentialProcessLine(["/usr/bin/node", "/a.js"], "team/dev@x")).toBe(
      "/usr/bin/node /a.js credential-process team/dev@x",
    );
  });

  it("single-quotes words with spaces or quotes", () => {
    expect(shellQuote("/opt/my tools/node")).toBe("'/opt/my tools/node'");
    expect(shellQuote("o'brien")).toBe(`'o'\\''brien'`);
  });

  it("recognises its own lines, whatever the paths", () => {
    expect(isAwsafeProcessLine(credentialProcessLine(awkward, "dev"))).toBe(true);
    expect(isAwsafeProcessLine("/usr/local/bin/awsafe credential-process dev")).toBe(true);
    expect(isAwsafeProcessLine("/usr/bin/node /opt/x/dist/cli.cjs credential-process dev")).toBe(
      true,
    );
    expect(isAwsafeProcessLine("aws-vault export --format=json dev")).toBe(false);
  });
});

describeWithRealThing(
  "credential_process quoting read by botocore's shlex and by /bin/sh",
  await missingCommands("python3", "sh"),
  () => {
    const line = credentialProcessLine(awkward, "dev's");
    const expected = [...awkward, "credential-process", "dev's"];

    it("splits into the same words with Python's shlex.split (botocore)", () => {
      const out = execFileSync(
        "python3",
        ["-c", "import json,shlex,sys; print(json.dumps(shlex.split(sys.argv[1])))", line],
        { encoding: "utf8" },
      );
      expect(JSON.parse(out)).toEqual(expected);
    });

    it("splits into the same words in sh (the JS SDK runs it through a shell)", () => {
      const out = execFileSync("sh", ["-c", `printf '%s\\n' ${line}`], { encoding: "utf8" });
      expect(out.split("\n").slice(0, -1)).toEqual(expected);
    });
  },
);
