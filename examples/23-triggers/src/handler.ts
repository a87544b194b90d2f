import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

export interface GreetingRequest {
  name: string;
}

export interface Greeting {
  message: string;
}

/**
 * One checkpointed step. If Lambda invokes the function again after the step succeeded, the step
 * returns its stored result without running.
 */
export const handler = withDurableExecution(
  async (event: GreetingRequest, context: DurableContext): Promise<Greeting> => {
    const message = await context.step("compose-message", () => `Hello, ${event.name}!`);
    return { message };
  },
);
