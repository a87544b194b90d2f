import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-18 Two callbacks, awaited in order: callbacks A and B are both created, then A's answer and
 * B's are awaited; the handler returns both.
 */
export const handler = withDurableExecution(
  async ([nameA, nameB]: [string, string], context: DurableContext) => {
    const [answerA] = await context.createCallback(nameA);
    const [answerB] = await context.createCallback(nameB);
    const a = await answerA;
    const b = await answerB;
    return [a, b];
  },
);
