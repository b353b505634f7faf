import { closeSync, mkdtempSync, openSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { readStdinLine } from "./read-stdin-line.js";

function fdOf(text: string): number {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "awsafe-stdin-")), "in");
  writeFileSync(file, text);
  return openSync(file, "r");
}

describe("readStdinLine", () => {
  it("reads one line and leaves the rest for the next reader", () => {
    const fd = fdOf("123456\r\nthe child's input\n");
    expect(readStdinLine(fd)).toBe("123456");
    expect(readStdinLine(fd)).toBe("the child's input");
    expect(readStdinLine(fd)).toBeUndefined();
    closeSync(fd);
  });

  it("takes a last line without a line ending", () => {
    const fd = fdOf("654321");
    expect(readStdinLine(fd)).toBe("654321");
    closeSync(fd);
  });
});
