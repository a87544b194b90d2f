import { fileURLToPath } from "node:url";
import { checkReplay, expectReplays, runDurable } from "@durable-examples/testing";
import { beforeEach, expect, it } from "vitest";
import { BlobStore, Mailer, useServices } from "../src/bank.js";
import { handler } from "../src/handler.js";
import { periodWithoutSerdes, wholeMonthInAStep } from "../src/mistakes.js";

const request = { accountId: "acct-16", month: "2026-11" };
let blobs: BlobStore;
let mailer: Mailer;

beforeEach(() => {
  blobs = new BlobStore();
  mailer = new Mailer();
  useServices({ blobs, mailer });
});

it("emails the statement the day after, with every transaction", async () => {
  const run = await runDurable(handler, { input: request });
  console.log(run.timeline);

  expect(run.result).toMatchObject({
    accountId: "acct-16",
    period: "November 2026",
    transactions: 4000,
  });
  expect(mailer.sent).toHaveLength(1);
  expect(mailer.sent[0]?.subject).toBe("Your statement for November 2026");
  expect(mailer.sent[0]?.body.split("\n").filter((line) => line !== "")).toHaveLength(4000);
});

it("keeps every checkpoint under 256 KB: the month itself lives in the object store", async () => {
  const run = await runDurable(handler, { input: request });

  const month = blobs.objects.get("statements/acct-16/2026-11/transactions.json");
  expect(Buffer.byteLength(month ?? "")).toBeGreaterThan(256 * 1024);
  expect(run.getOperation("export-transactions").StepDetails?.Result).toBe(
    '{"key":"statements/acct-16/2026-11/transactions.json","count":4000}',
  );
  for (const operation of run.operations) {
    const payload = operation.StepDetails?.Result ?? operation.ContextDetails?.Result ?? "";
    expect(Buffer.byteLength(payload)).toBeLessThanOrEqual(256 * 1024);
  }
});

it("rebuilds the statement after the wait from its pages, without rendering them again", async () => {
  const run = await runDurable(handler, { input: request });

  const rendered = run.getOperation("render-statement");
  expect(rendered.ContextDetails?.ReplayChildren).toBe(true);
  expect(rendered.ContextDetails?.Result).toBe("");
  expect(run.result).toMatchObject({ statementBytes: expect.any(Number) });
  expect((run.result as { statementBytes: number }).statementBytes).toBeGreaterThan(256 * 1024);
  expect(run.invocations).toHaveLength(2);
  expect(run.timeline).not.toMatch(/\+1d +step "render-page-\d" started/);
});

it("finishes the same way after a crash at any checkpoint", async () => {
  await checkReplay(handler, { input: request });
});

it("still replays every execution it has recorded (histories/)", async () => {
  await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
});

it("fails a step whose result is over 256 KB, and says what to do", async () => {
  const run = await runDurable(wholeMonthInAStep, { input: request });

  expect(run.status).toBe("FAILED");
  expect(run.error?.ErrorMessage).toMatch(
    /^Step "load-transactions": result is \d+ bytes once serialized; a step may checkpoint at most 262144 bytes. Store large data elsewhere \(S3, DynamoDB\) and return a reference to it.$/,
  );
});

it("loses a class's methods on replay without a serdes", async () => {
  const run = await runDurable(periodWithoutSerdes, { input: request });

  expect(run.status).toBe("FAILED");
  expect(run.error?.ErrorMessage).toBe("period.label is not a function");
});
