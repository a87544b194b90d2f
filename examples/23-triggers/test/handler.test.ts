import { fileURLToPath } from "node:url";
import {
  checkReplay,
  expectReplays,
  type LocalLambda,
  localLambda,
  runDurable,
} from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { createApiHandler } from "../src/api.js";
import { Inventory, useInventory } from "../src/inventory.js";
import { orderFlow } from "../src/order-flow.js";
import { createQueueHandler } from "../src/queue.js";
import { apiRequest, sqsBatch, sqsMessage } from "./events.js";

const order = { orderId: "o-23", items: [{ sku: "sku-mug", quantity: 2 }] };
const confirmation = {
  orderId: "o-23",
  totalCents: 2500,
  reservation: "res-o-23",
  confirmation: "conf-o-23",
};
let inventory: Inventory;
let lambda: LocalLambda;

/** The workflow deployed as `order-flow:live`, and the triggers in front of it. */
function deploy() {
  lambda = localLambda({ functions: { "order-flow": { handler: orderFlow, aliases: ["live"] } } });
  const target = { lambda: lambda.client, functionName: "order-flow", qualifier: "live" };
  return { api: createApiHandler(target), queue: createQueueHandler(target) };
}

const bodyOf = (response: { body?: string }) => JSON.parse(response.body ?? "null");

beforeEach(() => {
  inventory = new Inventory();
  useInventory(inventory);
});

describe("the order workflow", () => {
  it("reserves the stock, waits ten seconds for the payment, and confirms", async () => {
    const run = await runDurable(orderFlow, { input: order });
    console.log(run.timeline);

    expect(run.result).toEqual(confirmation);
    expect(run.elapsedMs).toBe(10_000);
    expect(inventory.reservations).toEqual(["o-23"]);
  });

  it("fails at once for a SKU the catalog does not sell", async () => {
    const run = await runDurable(orderFlow, {
      input: { orderId: "o-24", items: [{ sku: "sku-cake", quantity: 1 }] },
    });

    expect(run.error).toEqual({
      ErrorType: "OrderError",
      ErrorMessage: 'Unknown SKU "sku-cake": the catalog sells sku-tea, sku-mug.',
    });
    expect(inventory.reservations).toEqual([]);
  });

  it("finishes the same way after a crash at any checkpoint", async () => {
    const report = await checkReplay(orderFlow, { input: order });

    expect(report.crashPoints).toBeGreaterThan(0);
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(orderFlow, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});

describe("from an HTTP API", () => {
  it("starts asynchronously with 202, and the status endpoint follows the execution", async () => {
    const { api } = deploy();

    const started = await api(apiRequest("POST", "/orders", order));
    expect(started.statusCode).toBe(202);
    expect(started.headers?.location).toBe("/orders/o-23");
    expect(bodyOf(started)).toEqual({ orderId: "o-23", statusUrl: "/orders/o-23" });

    const running = bodyOf(await api(apiRequest("GET", "/orders/o-23")));
    expect(running).toEqual({
      orderId: "o-23",
      status: "RUNNING",
      startedAt: "2025-01-01T00:00:00.000Z",
    });

    await lambda.runAll();
    const done = bodyOf(await api(apiRequest("GET", "/orders/o-23")));
    console.log(JSON.stringify(done));
    expect(done).toEqual({
      orderId: "o-23",
      status: "SUCCEEDED",
      startedAt: "2025-01-01T00:00:00.000Z",
      endedAt: "2025-01-01T00:00:10.000Z",
      result: confirmation,
    });
  });

  it("starts synchronously with ?wait=true and answers with the outcome", async () => {
    const { api } = deploy();

    const response = await api(apiRequest("POST", "/orders?wait=true", order));

    expect(response.statusCode).toBe(200);
    expect(bodyOf(response)).toEqual(confirmation);
    expect(lambda.running()).toEqual([]);
  });

  it("answers 422 with the error when the workflow fails, waiting or not", async () => {
    const { api } = deploy();
    const unsold = { orderId: "o-25", items: [{ sku: "sku-cake", quantity: 1 }] };

    const response = await api(apiRequest("POST", "/orders?wait=true", unsold));
    expect(response.statusCode).toBe(422);
    expect(bodyOf(response)).toEqual({
      orderId: "o-25",
      error: {
        errorType: "OrderError",
        errorMessage: 'Unknown SKU "sku-cake": the catalog sells sku-tea, sku-mug.',
      },
    });
    const status = bodyOf(await api(apiRequest("GET", "/orders/o-25")));
    expect(status).toMatchObject({ status: "FAILED", error: { ErrorType: "OrderError" } });
  });

  it("returns the same execution when a client retries its POST, and reserves once", async () => {
    const { api } = deploy();

    await api(apiRequest("POST", "/orders", order));
    const retried = await api(apiRequest("POST", "/orders", order));
    await lambda.runAll();

    expect(retried.statusCode).toBe(202);
    expect(
      lambda.service.listExecutionsByFunction({ FunctionName: "order-flow" }).DurableExecutions,
    ).toHaveLength(1);
    expect(inventory.reservations).toEqual(["o-23"]);
  });

  it("answers 409 to a different order under an orderId already started", async () => {
    const { api } = deploy();
    await api(apiRequest("POST", "/orders", order));

    const other = await api(
      apiRequest("POST", "/orders", { ...order, items: [{ sku: "sku-tea", quantity: 1 }] }),
    );

    expect(other.statusCode).toBe(409);
    expect(bodyOf(other).message).toBe(
      "This orderId was already started with a different order. Use another orderId.",
    );
  });

  it.each([
    [
      "a body that is not JSON",
      "orderId=o-23",
      'The request body must be a JSON order, got "orderId=o-23".',
    ],
    [
      "an order without items",
      { orderId: "o-23" },
      "items must be a non-empty list, got undefined.",
    ],
    [
      "an orderId that cannot name an execution",
      { ...order, orderId: "o/23" },
      'orderId must be 1 to 50 letters, digits, - or _, got "o/23".',
    ],
    [
      "a quantity of zero",
      { orderId: "o-23", items: [{ sku: "sku-tea", quantity: 0 }] },
      'items[0] must be { sku: string, quantity: a whole number from 1 }, got {"sku":"sku-tea","quantity":0}.',
    ],
  ])("answers 400 to %s, saying what is wrong", async (_, body, message) => {
    const { api } = deploy();

    const response = await api(apiRequest("POST", "/orders", body));

    expect(response.statusCode).toBe(400);
    expect(bodyOf(response)).toEqual({ message });
    expect(lambda.running()).toEqual([]);
  });

  it("answers 404 to an order never started and to a route it does not have", async () => {
    const { api } = deploy();

    const unknownOrder = await api(apiRequest("GET", "/orders/o-99"));
    expect(unknownOrder.statusCode).toBe(404);
    expect(bodyOf(unknownOrder)).toEqual({ message: 'No order "o-99" was started.' });
    const unknownRoute = await api(apiRequest("DELETE", "/orders/o-23"));
    expect(unknownRoute.statusCode).toBe(404);
    expect(bodyOf(unknownRoute).message).toBe(
      "No route for DELETE /orders/o-23: the routes are POST /orders (add ?wait=true to wait for the outcome) and GET /orders/{orderId}.",
    );
  });
});

describe("from an SQS queue", () => {
  const first = sqsMessage("5f1c2a0e-0001-4d6e-9a1b-2c3d4e5f6a7b", order);
  const second = sqsMessage("5f1c2a0e-0002-4d6e-9a1b-2c3d4e5f6a7b", {
    orderId: "o-26",
    items: [{ sku: "sku-tea", quantity: 3 }],
  });
  const broken = sqsMessage("5f1c2a0e-0003-4d6e-9a1b-2c3d4e5f6a7b", "{not json");

  it("starts one execution per message, named by its message id, and reports the ones that failed", async () => {
    const { queue } = deploy();

    const response = await queue(sqsBatch(first, broken, second));
    await lambda.runAll();

    expect(response).toEqual({ batchItemFailures: [{ itemIdentifier: broken.messageId }] });
    const executions = lambda.service.listExecutionsByFunction({
      FunctionName: "order-flow",
      ReverseOrder: true,
    }).DurableExecutions;
    expect(executions?.map((e) => [e.DurableExecutionName, e.Status])).toEqual([
      [first.messageId, "SUCCEEDED"],
      [second.messageId, "SUCCEEDED"],
    ]);
    expect(inventory.reservations).toEqual(["o-23", "o-26"]);
  });

  it("starts nothing twice when SQS delivers a message again", async () => {
    const { queue } = deploy();

    await queue(sqsBatch(first, second));
    const again = await queue(sqsBatch(sqsMessage(first.messageId, order, 2)));
    await lambda.runAll();

    expect(again).toEqual({ batchItemFailures: [] });
    expect(
      lambda.service.listExecutionsByFunction({ FunctionName: "order-flow" }).DurableExecutions,
    ).toHaveLength(2);
    expect(inventory.reservations).toEqual(["o-23", "o-26"]);
  });

  it("reports every message as failed when Lambda refuses to start the workflow", async () => {
    deploy();
    const nowhere = createQueueHandler({
      lambda: lambda.client,
      functionName: "order-flow",
      qualifier: "beta",
    });

    const response = await nowhere(sqsBatch(first, second));

    expect(response.batchItemFailures.map((f) => f.itemIdentifier)).toEqual([
      first.messageId,
      second.messageId,
    ]);
    expect(lambda.running()).toEqual([]);
  });
});
