import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { joinedResultsSerdes } from "./op-serdes.js";

/**
 * 9-19 Map with an operation-level serdes: the whole map result ["X", "Y"] is checkpointed as
 * "OPSERDE:X,Y"; the iterations keep the default serdes.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const result = await context.map(
    "op-serde",
    ["x", "y"],
    async (_item, value) => value.toUpperCase(),
    {
      maxConcurrency: 1,
      serdes: joinedResultsSerdes,
    },
  );
  return result.getResults();
});
