import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { services, type Transaction, transactionsFor } from "./bank.js";
import { periodSerdes, StatementPeriod } from "./statement-period.js";

export interface StatementRequest {
  accountId: string;
  /** The month, as `YYYY-MM`. */
  month: string;
}

const ROWS_PER_PAGE = 1000;

/**
 * Emails an account's monthly statement the day after the month is exported. Every operation may
 * checkpoint at most 256 KB: the month's transactions go to an object store and the step keeps
 * their key, the statement is rendered page by page in a child context that rebuilds it on
 * replay, and the period goes through a serdes that gives back its class and its dates.
 */
export const handler = withDurableExecution(
  async (request: StatementRequest, context: DurableContext) => {
    const period = await context.step(
      "open-period",
      () => StatementPeriod.forMonth(request.month),
      { serdes: periodSerdes },
    );
    const exported = await context.step("export-transactions", async () => {
      const rows = transactionsFor(request.accountId, request.month);
      const key = `statements/${request.accountId}/${request.month}/transactions.json`;
      await services.blobs.put(key, JSON.stringify(rows));
      return { key, count: rows.length };
    });
    const statement = await context.runInChildContext("render-statement", async (child) => {
      const pages: string[] = [];
      for (let page = 0; page * ROWS_PER_PAGE < exported.count; page++) {
        pages.push(
          await child.step(`render-page-${page + 1}`, async () => {
            const rows = JSON.parse(await services.blobs.get(exported.key)) as Transaction[];
            return renderPage(rows.slice(page * ROWS_PER_PAGE, (page + 1) * ROWS_PER_PAGE));
          }),
        );
      }
      return pages.join("\n\n");
    });
    await context.wait("until-statement-day", { days: 1 });
    await context.step("send-statement", () =>
      services.mailer.send({
        to: request.accountId,
        subject: `Your statement for ${period.label()}`,
        body: statement,
      }),
    );
    return {
      accountId: request.accountId,
      period: period.label(),
      transactions: exported.count,
      statementBytes: Buffer.byteLength(statement),
    };
  },
);

function renderPage(rows: Transaction[]): string {
  return rows
    .map(
      (row) =>
        `${row.bookedOn}  ${row.description.padEnd(30)} ${(row.amountCents / 100).toFixed(2).padStart(10)}  ${row.id}`,
    )
    .join("\n");
}
