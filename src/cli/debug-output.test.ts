import { describe, expect, it } from "vitest";
import { debugOutput, debugWanted } from "./debug-output.js";

describe("debugWanted", () => {
  it.each([
    [["--debug", "list"], {}, true],
    [["list", "--debug"], {}, true],
    [["exec", "admin", "--", "tool", "--debug"], {}, false],
    [["exec", "admin", "--debug", "--", "tool"], {}, true],
    [["credential-process", "admin"], { AWSAFE_DEBUG: "1" }, true],
    [["credential-process", "admin"], { AWSAFE_DEBUG: "0" }, false],
  ])("%j with %j: %s", (args, env, wanted) => {
    expect(debugWanted(args, env)).toBe(wanted);
  });
});

describe("debugOutput", () => {
  it("prefixes each line and redacts what looks like a credential", () => {
    const written: string[] = [];
    const debug = debugOutput({ write: (chunk: string) => written.push(chunk) });
    debug("key AKIAIOSFODNN7EXAMPLE, token FwoGZXIvYXdzEBYaDFAKEFAKEFAKEFAKEFAKEFAKE0123");
    expect(written).toEqual(["awsafe: debug: key ****MPLE, token [redacted]\n"]);
  });
});
