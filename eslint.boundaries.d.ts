import type { Linter } from "eslint";

/** The flat-config entries that enforce the import boundaries (see eslint.boundaries.js). */
export declare const boundaryConfigs: Linter.Config[];
