import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/** Repetitions of the input that make the child's result larger than 256 KB. */
const REPEAT = 40_000;

/**
 * 3-11 Child context large payload: the child's result (over 256 KB) is too large to checkpoint,
 * so the child context succeeds with ReplayChildren and no payload. After the wait, the child
 * runs again in replay-succeeded-context mode and rebuilds the result from its step's record.
 * The child logs the input outside its step with replay logging on, so the log shows twice.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const large = await context.runInChildContext("large_result_child", async (child) => {
    // Per context, as in the official SDK: a child starts mode-aware whatever its parent set.
    child.configureLogger({ modeAware: false });
    child.logger.info(`building a large result from input ${event}`);
    const small = await child.step(async () => event);
    return small.repeat(REPEAT);
  });
  await context.wait({ seconds: 1 });
  return { length: large.length };
});

export const notes =
  "Replay logging is turned on in the child with child.configureLogger({ modeAware: false }), which affects that context only. The execution returns the rebuilt result's length to keep the result small; the requirement asserts no result.";
