import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

interface NamedInput {
  name: string;
  value: string;
}

/** 3-2 Child context with name: the child is named by `event.name`; its step returns `event.value`. */
export const handler = withDurableExecution(async (event: NamedInput, context: DurableContext) => {
  return await context.runInChildContext(event.name, async (child) => {
    return await child.step(async () => event.value);
  });
});
