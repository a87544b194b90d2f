import { type DurableContext, InvokeError, withDurableExecution } from "@durable-examples/runtime";
import { FAILING_FUNCTION, failingFunction } from "./targets.js";

/**
 * 5-10 Invoke replay re-throws: a failed invoke is caught, then a 1-second wait. After the wait
 * the invoke throws its recorded InvokeError again, without invoking, and is caught again.
 */
export const handler = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  let outcome: string;
  try {
    await context.invoke(FAILING_FUNCTION);
    outcome = "invoke succeeded";
  } catch (error) {
    if (!(error instanceof InvokeError)) throw error;
    outcome = `invoke failed: ${error.message}`;
  }
  await context.wait({ seconds: 1 });
  return outcome;
});

export const functions = { [FAILING_FUNCTION]: failingFunction };
