import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { okOrFail, projection } from "./items.js";

/**
 * 9-18 Map with a tolerated failure, then a wait: item 1 fails (tolerated, not rethrown); after
 * the 1-second wait the completed map, failed item included, replays from its record.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map("fail-then-wait", ["ok", "fail"], okOrFail, {
    maxConcurrency: 1,
    completionConfig: { toleratedFailureCount: 1 },
  });
  await context.wait({ seconds: 1 });
  return projection(result);
});
