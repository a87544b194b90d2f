import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import {
  FIRST_STAGE_FUNCTION,
  firstStageFunction,
  SECOND_STAGE_FUNCTION,
  secondStageFunction,
} from "./targets.js";

/**
 * 5-14 Two invokes in sequence: the second function is invoked only after the first one's
 * result came back, so each invoke suspends and resumes the execution.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const first = await context.invoke<undefined, string>(FIRST_STAGE_FUNCTION);
  const second = await context.invoke<undefined, string>(SECOND_STAGE_FUNCTION);
  return [first, second];
});

export const functions = {
  [FIRST_STAGE_FUNCTION]: firstStageFunction,
  [SECOND_STAGE_FUNCTION]: secondStageFunction,
};
