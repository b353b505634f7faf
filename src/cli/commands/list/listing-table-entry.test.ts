import { describe, expect, it } from "vitest";
import { decodeListingTable, encodeListingTable as encodeParts } from "./listing-table-entry.js";
import type { ListingTable } from "./listing-table.js";

const lines = [
  "PROFILE  REGION     CREDENTIALS",
  "a        eu-west-1  static keys in plain text",
  "b        -          none (settings only)",
  'c        -          ✗ error: no "d"',
  "",
];
const text = Buffer.from(lines.join("\n"), "utf8");
const at = (line: number): number => Buffer.byteLength(lines.slice(0, line).join("\n")) + 1;
const table: ListingTable = {
  text,
  widths: [7, 9],
  rows: [
    {
      start: at(1),
      end: at(2) - 1,
      name: "a",
      region: "eu-west-1",
      cell: { status: "ok", description: "static keys in plain text" },
    },
    { start: at(2), end: at(3) - 1, name: "b", region: "-", cell: { status: "none" } },
    {
      start: at(3),
      end: at(4) - 1,
      name: "c",
      region: "-",
      cell: { status: "error", error: 'no "d"' },
    },
  ],
  warnings: "warning: f:1: w\n",
};

describe("the listing table's cache entry", () => {
  it("reads back what it wrote", () => {
    expect(decodeListingTable(encodeListingTable(table))).toEqual(table);
    const empty = { text: Buffer.from("no profiles\n"), widths: [], rows: [], warnings: "" };
    expect(decodeListingTable(encodeListingTable(empty))).toEqual(empty);
  });

  it("refuses every truncation of an entry", () => {
    const entry = encodeListingTable(table);
    for (let length = 0; length < entry.length; length++) {
      expect(decodeListingTable(entry.subarray(0, length))).toBeUndefined();
    }
  });

  it.each([
    ["not JSON", Buffer.from("{\n")],
    ["JSON of another shape", Buffer.from("[1,2]\nPROFILE\n")],
    ["a row off its line", encodeListingTable({ ...table, rows: [{ ...firstRow(), start: 3 }] })],
    ["rows out of order", encodeListingTable({ ...table, rows: [...table.rows].reverse() })],
    [
      "an unknown status",
      Buffer.from(encodeListingTable(table).toString().replace('"none"', '"maybe"')),
    ],
    ["a negative width", encodeListingTable({ ...table, widths: [-1, 9] })],
    ["rows without widths", encodeListingTable({ ...table, widths: [] })],
    ["a longer text", Buffer.concat([encodeListingTable(table), Buffer.from("x\n")])],
  ])("refuses %s", (_name, entry) => {
    expect(decodeListingTable(entry)).toBeUndefined();
  });
});

function encodeListingTable(table: ListingTable): Buffer {
  return Buffer.concat(encodeParts(table));
}

function firstRow(): ListingTable["rows"][number] {
  const [row] = table.rows;
  if (row === undefined) throw new Error("no row");
  return row;
}
