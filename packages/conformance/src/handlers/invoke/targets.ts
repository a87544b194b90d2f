import { withDurableExecution } from "@durable-examples/runtime";

/*
 * The functions the invoke requirements call, each a durable function of its own: a durable
 * target runs as its own execution, so its ChainedInvokeStarted event carries the target's
 * DurableExecutionArn and ExecutedVersion, which every invoke requirement expects.
 */

/** Function name of {@link echoFunction}. */
export const ECHO_FUNCTION = "echo-function";

/** Returns its input unchanged. */
export const echoFunction = withDurableExecution(async (event: unknown) => event);

/** Function name of {@link failingFunction}. */
export const FAILING_FUNCTION = "failing-function";

/** Always fails, so its caller's invoke fails with InvokeError. */
export const failingFunction = withDurableExecution(async (): Promise<never> => {
  throw new Error("target function failed on purpose");
});

/** Function name of {@link payloadSizeFunction}. */
export const PAYLOAD_SIZE_FUNCTION = "payload-size-function";

/** Reads a `{ data }` payload and returns how many characters `data` has. */
export const payloadSizeFunction = withDurableExecution(async (event: { data: string }) => ({
  received: event.data.length,
}));

/** Function names of {@link firstStageFunction} and {@link secondStageFunction}. */
export const FIRST_STAGE_FUNCTION = "first-stage-function";
export const SECOND_STAGE_FUNCTION = "second-stage-function";

/** Each returns a fixed value naming itself, so a caller can tell its two results apart. */
export const firstStageFunction = withDurableExecution(async () => "first stage done");
export const secondStageFunction = withDurableExecution(async () => "second stage done");
