import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import type { Draft } from "./handler.js";

/**
 * Two handlers the tests use to show failures: one with a replay bug, one changed in a way that
 * executions in flight cannot follow.
 */

/**
 * A replay bug: the count is kept in a variable the step writes. It works until the function dies
 * between the two steps: the replay skips the body, and the article goes out with 0 words.
 */
export const countInAVariable = withDurableExecution(
  async (draft: Draft, context: DurableContext) => {
    let words = 0;
    await context.step("count-words", () => {
      words = draft.body.split(/\s+/).length;
    });
    const published = await context.step("publish", () => ({ words }));
    await context.wait("embargo", { days: draft.embargoDays });
    return published;
  },
);

/** Version 2 renames the first step: executions recorded on version 1 cannot replay on it. */
export const renamedFirstStep = withDurableExecution(
  async (draft: Draft, context: DurableContext) => {
    const words = await context.step("word-count", () => draft.body.split(/\s+/).length);
    return { words };
  },
);
