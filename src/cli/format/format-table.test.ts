import { describe, expect, it } from "vitest";
import { formatTable } from "./format-table.js";

describe("formatTable", () => {
  it("pads every column but the last to its widest cell, two spaces apart", () => {
    const table = formatTable(
      ["NAME", "REGION", "NOTE"],
      [
        ["a", "eu-west-1", "first"],
        ["longer-name", "-", "second, longer than the header"],
      ],
    );
    expect(table).toBe(
      [
        "NAME         REGION     NOTE",
        "a            eu-west-1  first",
        "longer-name  -          second, longer than the header",
        "",
      ].join("\n"),
    );
  });

  it("leaves no trailing blanks when the last cells are empty", () => {
    expect(formatTable(["A", "B", "C"], [["x", "", ""]])).toBe("A  B  C\nx\n");
  });

  it("prints the header alone when there are no rows", () => {
    expect(formatTable(["A", "B"], [])).toBe("A  B\n");
  });
});
