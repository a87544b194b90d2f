import {
  configureLogger,
  type DurableContext,
  type LambdaContext,
  withDurableExecution,
} from "@durable-examples/runtime";

/** Repetitions of the input that make the child's result larger than 256 KB. */
const REPEAT = 40_000;

const durableHandler = withDurableExecution(async (event: string, context: DurableContext) => {
  const large = await context.runInChildContext("large_result_child", async (child) => {
    child.logger.info(`building a large result from input ${event}`);
    const small = await child.step(async () => event);
    return small.repeat(REPEAT);
  });
  await context.wait({ seconds: 1 });
  return { length: large.length };
});

/**
 * 3-11 Child context large payload: the child's result (over 256 KB) is too large to checkpoint,
 * so the child context succeeds with ReplayChildren and no payload. After the wait, the child
 * runs again in replay-succeeded-context mode and rebuilds the result from its step's record.
 * The child logs the input outside its step with replay logging on, so the log shows twice.
 */
export async function handler(event: unknown, lambdaContext?: LambdaContext) {
  // The logger setting is process-wide: turn replay logging on for this handler's invocations only.
  configureLogger({ modeAware: false });
  try {
    return await durableHandler(event, lambdaContext);
  } finally {
    configureLogger({});
  }
}

export const notes =
  "Replay logging is turned on with configureLogger({ modeAware: false }), which is process-wide in this runtime (as in the official SDK), so the handler sets it around each of its invocations and restores the default after. The execution returns the rebuilt result's length to keep the result small; the requirement asserts no result.";
