import { type DurableContext, type Serdes, withDurableExecution } from "@durable-examples/runtime";
import { submitCallbackId } from "./submit.js";

interface Decision {
  status: string;
}

/** Reads the callback answer as a JSON object instead of the raw text. */
const jsonSerdes: Serdes<Decision> = {
  serialize: async (value) => (value === undefined ? undefined : JSON.stringify(value)),
  deserialize: async (text) => (text === undefined ? undefined : (JSON.parse(text) as Decision)),
};

/**
 * 7-11 Wait-for-callback with a JSON deserializer: the answer {"status": "approved"} is read as
 * an object and the handler returns its status.
 */
export const handler = withDurableExecution(async (event: string, context: DurableContext) => {
  const decision = await context.waitForCallback(event, submitCallbackId, { serdes: jsonSerdes });
  return decision.status;
});
