import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { joinedResultsSerdes } from "./op-serdes.js";

/**
 * 9-20 Map with an operation-level serdes, then a wait: after the wait the map result is read
 * back through the serdes from "OPSERDE:X,Y", so the handler still returns ["X", "Y"].
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "op-serde-replay",
    ["x", "y"],
    async (_item, value) => value.toUpperCase(),
    { maxConcurrency: 1, serdes: joinedResultsSerdes },
  );
  await context.wait({ seconds: 1 });
  return result.getResults();
});
