// Which folder of src/ may import which (arrows point inward, as the README's layout says),
// enforced by ESLint's own no-restricted-imports. Imports are relative, so for a file N folders
// below src/ an import of src/<folder>/... starts with N times "../" and the folder's name: one
// config per layer and depth names exactly the folders that layer must not reach. Tests
// (*.test.ts) wire things together and are left out; nothing in src/ may import the tests or
// the emulator.

const ports = ["ports"];
const domain = ["config", "plan", "providers", "iam"];
const adapters = [
  "aws",
  "store",
  "prompt",
  "process",
  "lock",
  "agent",
  "endpoint",
  "settings",
  "browser",
  "cache",
];
const app = ["app"];
const runtime = ["runtime"];
const doors = ["cli", "lib"];

/** Each layer: its folders, and the folders it must not import. */
const layers = [
  {
    name: "ports",
    folders: ports,
    forbidden: [...domain, ...adapters, ...app, ...runtime, ...doors],
    why: "ports are interfaces: they import only other ports",
  },
  {
    name: "domain",
    folders: domain,
    forbidden: [...adapters, ...app, ...runtime, ...doors],
    why: "the domain imports only ports and itself; adapters are chosen in runtime/",
  },
  {
    name: "adapters",
    folders: adapters,
    forbidden: [...app, ...runtime, ...doors],
    why: "adapters implement ports; they never reach the use-cases or the doors",
  },
  {
    name: "app",
    folders: app,
    forbidden: [...adapters, ...runtime, ...doors],
    why: "use-cases get their adapters from runtime/ as arguments",
  },
  {
    name: "runtime",
    folders: runtime,
    forbidden: doors,
    why: "runtime/ chooses the adapters for every door; no door is imported",
  },
  {
    name: "doors",
    folders: doors,
    forbidden: adapters,
    typesAllowed: true,
    why: "a door takes its adapters from runtime/ (types may be named)",
  },
];

const maxDepth = 6;

function depthGlob(folder, depth) {
  return `src/${folder}/${"*/".repeat(depth - 1)}*.ts`;
}

/** The flat-config entries that enforce the layers. */
export const boundaryConfigs = [
  ...layers.flatMap((layer) =>
    Array.from({ length: maxDepth }, (_, index) => {
      const depth = index + 1;
      const up = "\\.\\./".repeat(depth);
      return {
        files: layer.folders.map((folder) => depthGlob(folder, depth)),
        ignores: ["**/*.test.ts", "**/*.test-suite.ts"],
        rules: {
          "no-restricted-imports": [
            "error",
            {
              patterns: [
                {
                  regex: `^${up}(${layer.forbidden.join("|")})(/|\\.js$)`,
                  message: `Layer "${layer.name}": ${layer.why}.`,
                  ...(layer.typesAllowed === true ? { allowTypeImports: true } : {}),
                },
                {
                  regex: "^(\\.\\./)+(test|emulator)/",
                  message: "Shipped code never imports the tests or the emulator.",
                },
                {
                  regex: `^${up}\\.\\./|^\\./\\.\\./|(^|/)[^./][^/]*/\\.\\.?/`,
                  message:
                    "Imports stay inside src/ and are written normalized (no ./.. or x/../).",
                },
              ],
            },
          ],
        },
      };
    }),
  ),
  {
    files: ["src/*.ts"],
    ignores: ["src/*.test.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "^\\./cli/",
              message: "Nothing imports cli/: it is a door, not a library.",
            },
          ],
        },
      ],
    },
  },
];
