import { describeStoreContract } from "../contract.test-suite.js";
import { createMemoryStore } from "./memory-store.js";

describeStoreContract("memory", () => {
  const entries = new Map<string, string>();
  return Promise.resolve({
    store: createMemoryStore(entries),
    openAnother: () => Promise.resolve(createMemoryStore(entries)),
    cleanup: () => Promise.resolve(),
  });
});
