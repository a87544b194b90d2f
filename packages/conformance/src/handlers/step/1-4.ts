import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

interface Profile {
  name: string;
  tags: string[];
}

/** 1-4 Returning complex object: a nested object with a list survives the round trip. */
export const handler = withDurableExecution(async (event: Profile, context: DurableContext) => {
  return await context.step(async () => ({
    user: { name: event.name, tags: event.tags },
    count: event.tags.length,
  }));
});
