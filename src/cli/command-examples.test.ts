import { describe, expect, it } from "vitest";
import type { CommandNode } from "./command-spec.js";
import { commandTable } from "./command-table.js";

/** Every command and subcommand a user can see, with its path: `["sso", "login"]`. */
function visibleCommands(
  nodes: readonly CommandNode[],
  parent: readonly string[] = [],
): { path: string[]; node: CommandNode }[] {
  return nodes
    .filter((node) => !node.hidden)
    .flatMap((node) => {
      const path = [...parent, node.name];
      return [{ path, node }, ...visibleCommands(node.subcommands, path)];
    });
}

describe("the examples that end each command's help", () => {
  const commands = visibleCommands(commandTable);

  it("cover the whole table", () => {
    expect(commands.length).toBeGreaterThan(commandTable.length);
  });

  it.each(commands.map(({ path, node }) => [path.join(" "), node] as const))(
    "awsafe %s --help ends with two or three examples of itself",
    (path, node) => {
      expect(node.examples.length).toBeGreaterThanOrEqual(2);
      expect(node.examples.length).toBeLessThanOrEqual(3);
      for (const example of node.examples) expect(example).toContain(`awsafe ${path}`);
    },
  );

  it.each(commands.map(({ path, node }) => [path.join(" "), node] as const))(
    "the examples of awsafe %s use only the options of the command they name",
    (_path, node) => {
      for (const example of node.examples) {
        const words = (example.split("awsafe ")[1] ?? "").split(/\s(?:#|\||&&|>|--\s)/)[0] ?? "";
        let nodes = commandTable;
        let named: CommandNode | undefined;
        // A word may end the command substitution it stands in: eval "$(awsafe export)".
        for (const word of words.split(/[\s)"']+/)) {
          const next = nodes.find((candidate) => candidate.name === word);
          if (next === undefined) break;
          named = next;
          nodes = next.subcommands;
        }
        expect(named, example).toBeDefined();
        const known = new Set(named?.options.flatMap((spec) => /--[\w-]+/.exec(spec.flags) ?? []));
        const flags = words.split(/\s+/).filter((word) => word.startsWith("--"));
        for (const flag of flags) expect(known, `${example}: ${flag}`).toContain(flag);
      }
    },
  );
});
