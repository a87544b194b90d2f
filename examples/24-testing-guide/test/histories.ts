import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler, renderPreview } from "../src/handler.js";

const input = {
  articleId: "a-24",
  title: "Durable functions, tested",
  body: "Every replay takes the path the first run took.",
  embargoDays: 30,
};
const functions = { "render-preview": { handler: renderPreview, durable: false } };
const approve = { name: "editor-review", succeed: { approved: true, editor: "ed@example.com" } };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "awaiting-review": () => startDurable(handler, { input, functions }).toHistory(),
  "in-embargo": async () => {
    const execution = startDurable(handler, { input, functions, callbacks: [approve] });
    await execution.advance({ days: 1 });
    return execution.toHistory();
  },
  published: async () =>
    (await runDurable(handler, { input, functions, callbacks: [approve] })).toHistory(),
};
