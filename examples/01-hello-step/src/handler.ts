import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface GreetingRequest {
  name: string;
}

export interface Greeting {
  message: string;
  words: number;
}

/**
 * Two steps, each checkpointed. If Lambda stops this function between them, the next invocation
 * replays: `compose-message` returns its stored result without running, and only `count-words`
 * runs.
 */
export const handler = withDurableExecution(
  async (event: GreetingRequest, context: DurableContext): Promise<Greeting> => {
    if (typeof event?.name !== "string" || event.name.trim() === "") {
      throw new TypeError(`Input needs a non-empty "name" string, got ${JSON.stringify(event)}.`);
    }
    const message = await context.step("compose-message", () => `Hello, ${event.name}!`);
    const words = await context.step("count-words", () => message.split(/\s+/).length);
    context.logger.info("greeting ready", { words });
    return { message, words };
  },
);
