import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { transactionsFor } from "./bank.js";
import type { StatementRequest } from "./handler.js";
import { StatementPeriod } from "./statement-period.js";

/** Wrong: returns the whole month from a step, over the 256 KB an operation may checkpoint. */
export const wholeMonthInAStep = withDurableExecution(
  async (request: StatementRequest, context: DurableContext) => {
    const rows = await context.step("load-transactions", () =>
      transactionsFor(request.accountId, request.month),
    );
    return rows.length;
  },
);

/**
 * Wrong: checkpoints a class instance as plain JSON. The first invocation gets the instance the
 * body returned; a replay gets back an object with string dates and no methods.
 */
export const periodWithoutSerdes = withDurableExecution(
  async (request: StatementRequest, context: DurableContext) => {
    const period = await context.step("open-period", () => StatementPeriod.forMonth(request.month));
    await context.wait("until-statement-day", { days: 1 });
    return period.label();
  },
);
