import { baseConfig } from "@durable-examples/vitest-config";

// Every test here builds a TypeScript program over type declarations (the official SDK's and
// the AWS SDK types they name): 1 to 16 s on an idle machine, over a minute on a loaded 2-core
// one. Only a hang should fail them, so they get five minutes instead of the shared minute.
export default {
  ...baseConfig,
  test: { ...baseConfig.test, testTimeout: 300_000 },
};
