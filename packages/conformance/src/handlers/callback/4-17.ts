import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-17 Two callbacks in sequence: callback A (named `input[0]`) is created and answered before
 * callback B (named `input[1]`) is created; the handler returns both answers.
 */
export const handler = withDurableExecution(
  async ([nameA, nameB]: [string, string], context: DurableContext) => {
    const [answerA] = await context.createCallback(nameA);
    const a = await answerA;
    const [answerB] = await context.createCallback(nameB);
    const b = await answerB;
    return [a, b];
  },
);
