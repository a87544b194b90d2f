import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { PAYLOAD_SIZE_FUNCTION, payloadSizeFunction } from "./targets.js";

/**
 * Characters of the payload's data: with the JSON around it the payload stays just under the
 * 256 KB an operation may checkpoint (protocol.md §7), the tighter of the invoke limits here.
 */
const DATA_LENGTH = 256 * 1024 - 64;

/**
 * 5-7 Invoke with a large payload: the handler sends a payload near the size limit; the target
 * reads it and returns its size.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  return await context.invoke<{ data: string }, { received: number }>(PAYLOAD_SIZE_FUNCTION, {
    data: "x".repeat(DATA_LENGTH),
  });
});

export const functions = { [PAYLOAD_SIZE_FUNCTION]: payloadSizeFunction };
