import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * 4-19 Two callbacks, awaited in reverse order: callbacks A and B are both created, then B's
 * answer is awaited before A's; the handler returns both (A's first).
 */
export const handler = withDurableExecution(
  async ([nameA, nameB]: [string, string], context: DurableContext) => {
    const [answerA] = await context.createCallback(nameA);
    const [answerB] = await context.createCallback(nameB);
    const b = await answerB;
    const a = await answerA;
    return [a, b];
  },
);
