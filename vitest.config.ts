import { defineConfig } from "vitest/config";

export default defineConfig({
  define: {
    __AWSAFE_VERSION__: JSON.stringify("0.0.0-test"),
    __AWSAFE_BUILD_ID__: JSON.stringify("test"),
    __AWSAFE_STANDALONE__: "false",
    __AWSAFE_TEST_HOOKS__: "true",
  },
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "emulator/**/*.test.ts"],
    testTimeout: 30_000,
  },
});
