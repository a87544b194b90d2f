// The files new-example writes: a working one-step example that the author then turns into the
// concept. The prose is true of the scaffold as written, so an untouched example still reads right.
import { renderDeploySection } from "./deploy-section.mjs";
import { parseExampleDeployment } from "./example-deploy.mjs";

/**
 * @typedef {object} ExampleSpec
 * @property {string} folder e.g. "04-saga"
 * @property {string} number e.g. "04"
 * @property {string} packageName e.g. "@durable-examples/04-saga"
 * @property {string} title e.g. "Compensating with a saga"
 */

/** The sample input; the test file writes the same value as a TypeScript literal. */
const INPUT = { name: "World" };
/** How long an execution may run once deployed; the author raises it for each wait added. */
const DEPLOY = { executionTimeout: 900 };

/**
 * Every file of a new example, by path relative to its folder.
 * @param {ExampleSpec} spec
 * @returns {Record<string, string>}
 */
export function exampleFiles(spec) {
  return {
    "package.json": packageJson(spec),
    "tsconfig.json": `${inlineJson({
      extends: "../../tsconfig.base.json",
      compilerOptions: { rootDir: ".", noEmit: true },
      include: ["src", "test"],
    })}\n`,
    "vitest.config.ts": VITEST_CONFIG,
    "src/handler.ts": HANDLER,
    "test/handler.test.ts": handlerTest(spec),
    "test/histories.ts": HISTORIES,
    "README.md": readme(spec),
    "histories/.gitkeep": "",
  };
}

/**
 * The same shape as every other example's package.json, nested values on one line.
 * @param {ExampleSpec} spec
 */
function packageJson(spec) {
  const fields = {
    name: spec.packageName,
    version: "0.1.0",
    private: true,
    type: "module",
    description: "Runs one checkpointed step and returns its result.",
    durableExample: { title: spec.title, input: INPUT, deploy: DEPLOY },
    scripts: {
      build: "build-example",
      test: "vitest run",
      "record-histories": "record-histories",
      typecheck: "tsc -p tsconfig.json",
    },
    dependencies: { "@durable-examples/runtime": "workspace:*" },
    devDependencies: {
      "@durable-examples/scripts": "workspace:*",
      "@durable-examples/testing": "workspace:*",
      "@durable-examples/vitest-config": "workspace:*",
    },
  };
  const lines = Object.entries(fields).map(
    ([key, value]) => `  ${JSON.stringify(key)}: ${inlineJson(value)}`,
  );
  return `{\n${lines.join(",\n")}\n}\n`;
}

/**
 * JSON on one line with a space inside braces and after colons and commas, as the examples'
 * package.json files are written: `{ "a": 1, "b": ["x"] }`.
 * @param {unknown} value
 * @returns {string}
 */
export function inlineJson(value) {
  if (Array.isArray(value)) return `[${value.map(inlineJson).join(", ")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value).map(([k, v]) => `${JSON.stringify(k)}: ${inlineJson(v)}`);
    return entries.length === 0 ? "{}" : `{ ${entries.join(", ")} }`;
  }
  return JSON.stringify(value);
}

/** The shared vitest settings (packages/vitest-config), as every example uses them. */
const VITEST_CONFIG = 'export { baseConfig as default } from "@durable-examples/vitest-config";\n';

const HANDLER = `import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface GreetingRequest {
  name: string;
}

export interface Greeting {
  message: string;
}

/**
 * One checkpointed step. If Lambda invokes the function again after the step succeeded, the step
 * returns its stored result without running.
 */
export const handler = withDurableExecution(
  async (event: GreetingRequest, context: DurableContext): Promise<Greeting> => {
    const message = await context.step("compose-message", () => \`Hello, \${event.name}!\`);
    return { message };
  },
);
`;

const HISTORIES = `import { type Recordings, runDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = { name: "World" };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. \`pnpm record-histories\`
 * records them again. Once the handler waits, record one in flight too:
 * \`"waiting": () => startDurable(handler, { input }).toHistory()\`.
 */
export const recordings: Recordings = {
  finished: async () => (await runDurable(handler, { input })).toHistory(),
};
`;

/** @param {ExampleSpec} spec */
function handlerTest(spec) {
  return `import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { describe, expect, it } from "vitest";
import { handler } from "../src/handler.js";

const input = { name: "World" };

describe("${spec.folder}", () => {
  it("returns the message composed in its step", async () => {
    const run = await runDurable(handler, { input });
    console.log(run.timeline);

    expect(run.status).toBe("SUCCEEDED");
    expect(run.result).toEqual({ message: "Hello, World!" });
  });

  it("finishes the same way after a crash at any checkpoint", async () => {
    const report = await checkReplay(handler, { input });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
`;
}

/** @param {ExampleSpec} spec */
function readme(spec) {
  return `# ${spec.number} · ${spec.title}

This example runs one checkpointed step and returns its result. The handler is
[\`src/handler.ts\`](src/handler.ts); [\`test/handler.test.ts\`](test/handler.test.ts) runs it on
the in-memory durable execution service and checks that it survives a crash at every checkpoint.

## When to use it

Put work in a step when its result must not be lost or repeated: a call to another service, a
payment, an email. Once a step has succeeded, every later invocation reuses its result.

## How it works

\`withDurableExecution\` wraps the handler and passes it a \`DurableContext\`.
\`context.step("compose-message", ...)\` runs its function once and checkpoints the result; when
Lambda invokes the handler again, the step returns the checkpointed value instead of running.

## Run it

\`\`\`sh
pnpm test
\`\`\`

The test prints the timeline of the run:

\`\`\`text
+0s        execution started with input {"name":"World"}
+0s        step "compose-message" started
+0s        step "compose-message" succeeded: "Hello, World!"
+0s        invocation 1 ended (succeeded)
+0s        execution succeeded: {"message":"Hello, World!"}
\`\`\`

## Pitfalls

- Code outside steps runs again on every invocation, so it must be deterministic: keep
  \`Date.now()\`, \`Math.random()\` and network calls inside steps.
- A step's name and position identify it in the checkpoint log: renaming or reordering steps breaks
  executions already in flight.

## Deploy

${renderDeploySection(parseExampleDeployment(spec.folder, { input: INPUT, deploy: DEPLOY }))}

Expected, a moment after the invoke: \`"SUCCEEDED"\` and \`{"message":"Hello, World!"}\`.

## Next

Back to [the example index](../../README.md#examples), or read the runtime's
[API and replay rules](../../packages/runtime/README.md).
`;
}
