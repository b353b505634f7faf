import { describe, expect, it } from "vitest";
import { columnWidth, formatRows, formatTable } from "./format-table.js";

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

describe("formatRows", () => {
  it("lays out rows made one at a time as formatTable lays out the same rows", () => {
    const rows = [
      ["a", "eu-west-1", "first"],
      ["longer-name", "-", "second"],
    ];
    const widths = [
      columnWidth("NAME", ["a", "longer-name"]),
      columnWidth("REGION", ["eu-west-1", "-"]),
    ];
    function* oneAtATime(): Generator<readonly string[]> {
      yield* rows;
    }
    expect(formatRows(["NAME", "REGION", "NOTE"], widths, oneAtATime())).toBe(
      formatTable(["NAME", "REGION", "NOTE"], rows),
    );
  });
});

describe("columnWidth", () => {
  it("is the widest cell's width, or the title's when that is wider", () => {
    expect(columnWidth("PROFILE", ["a", "abcdefghij"])).toBe(10);
    expect(columnWidth("PROFILE", ["a"])).toBe(7);
  });
});
