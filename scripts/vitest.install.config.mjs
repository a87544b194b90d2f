// The tests that install copied examples from the npm registry (test/install), run apart from
// `pnpm test`, which stays offline.
import { baseConfig } from "@durable-examples/vitest-config";

export default {
  ...baseConfig,
  test: { ...baseConfig.test, include: ["test/install/**/*.install.mjs"] },
};
