// The vitest settings every package and example shares. Each one's vitest.config.ts is the line
// `export { baseConfig as default } from "@durable-examples/vitest-config";`.

/** @type {import("vitest/config").ViteUserConfig} */
export const baseConfig = {
  test: {
    // `pnpm test` runs every package's tests at once through turbo, and CI runs on a 2-core
    // machine shared with other work, where a test that takes 1 s alone can take several (an
    // esbuild bundle of an example with the AWS SDK inlined, a server started and stopped).
    // vitest's 5 s and 10 s defaults fail such tests at random. Every wait inside a test runs on
    // virtual time, so a real timeout only ever catches a hang.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    env: {
      // Every copy of the AWS SDK warns once that its releases after January 2027 need Node 22,
      // and every test file and bundled example carries its own copy, so on Node 20 the warning
      // filled the test output. The README says which Node versions are supported. Set the
      // variable yourself (to anything else) to see it again.
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED:
        process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ?? "true",
    },
  },
};
