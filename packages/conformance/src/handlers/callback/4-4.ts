import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-4 Callback heartbeat timeout: a callback with a 5-second heartbeat timeout gets no heartbeat,
 * so it times out (Callback.Heartbeat) and the execution fails.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const [answer] = await context.createCallback(event, { heartbeatTimeout: { seconds: 5 } });
  return await answer;
});
