import { fileURLToPath } from "node:url";
import {
  DurableExecutionAlreadyStartedException,
  InvokeCommand,
  ListDurableExecutionsByFunctionCommand,
} from "@aws-sdk/client-lambda";
import {
  checkReplay,
  expectReplays,
  localLambda,
  runDurable,
  simulateCrash,
} from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { handler } from "../src/handler.js";
import { PaymentProvider, usePayments } from "../src/payments.js";
import { atLeastOnce, atMostOnce, atMostOncePerRetry } from "../src/without-key.js";

const order = { orderId: "order-15", amountCents: 4200 };
let payments: PaymentProvider;

/** A provider after whose first charge the function dies, before the step's result is checkpointed. */
function diesAfterFirstCharge(): PaymentProvider {
  let died = false;
  return new (class extends PaymentProvider {
    override async charge(request: { amountCents: number; idempotencyKey?: string }) {
      const charge = await super.charge(request);
      if (!died) {
        died = true;
        await simulateCrash("died after the provider charged");
      }
      return charge;
    }
  })();
}

beforeEach(() => {
  payments = new PaymentProvider();
  usePayments(payments);
});

it("charges the order and sends the receipt", async () => {
  const run = await runDurable(handler, { input: order });
  console.log(run.timeline);

  expect(run.result).toEqual({
    orderId: "order-15",
    chargeId: "ch_1",
    receipt: "receipt for ch_1",
  });
  expect(payments.charges).toEqual([{ id: "ch_1", amountCents: 4200 }]);
});

describe("when the function dies after the provider charged, before the checkpoint", () => {
  beforeEach(() => {
    payments = diesAfterFirstCharge();
    usePayments(payments);
  });

  it("charges once: the retry sends the same idempotency key", async () => {
    const run = await runDurable(handler, { input: order });
    console.log(run.timeline);

    expect(run.result).toMatchObject({ chargeId: "ch_1" });
    expect(payments.charges).toHaveLength(1);
  });

  it("charges twice without a key: the step runs again", async () => {
    expect((await runDurable(atLeastOnce, { input: order })).result).toMatchObject({
      chargeId: "ch_2",
    });
    expect(payments.charges).toHaveLength(2);
  });

  it("charges twice without a key at most once per retry: the retry is another attempt", async () => {
    const run = await runDurable(atMostOncePerRetry, { input: order });

    expect(run.timeline).toMatch(/attempt 1 failed \(StepInterruptedError: /);
    expect(payments.charges).toHaveLength(2);
  });

  it("charges once at most once without retries, and fails the order instead", async () => {
    const run = await runDurable(atMostOnce, { input: order });

    expect(run.status).toBe("FAILED");
    expect(run.error?.ErrorMessage).toMatch(/^Step "charge-card" was interrupted/);
    expect(payments.charges).toHaveLength(1);
  });
});

describe("started twice under the same DurableExecutionName", () => {
  const invokeTwice = async (second: typeof order) => {
    const lambda = localLambda({ functions: { "charge-order": handler } });
    const invoke = (payload: typeof order) =>
      lambda.client.send(
        new InvokeCommand({
          FunctionName: "charge-order",
          DurableExecutionName: `charge-${payload.orderId}`,
          Payload: JSON.stringify(payload),
        }),
      );
    const first = await invoke(order);
    const again = await invoke(second).catch((error: unknown) => error);
    const { DurableExecutions } = await lambda.client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "charge-order" }),
    );
    return { first, again, executions: DurableExecutions ?? [] };
  };

  it("is one execution: the second start gets the first one's ARN and result", async () => {
    const { first, again, executions } = await invokeTwice(order);

    expect(again).toMatchObject({
      DurableExecutionArn: first.DurableExecutionArn,
      Payload: first.Payload,
    });
    expect(executions.map((e) => e.DurableExecutionName)).toEqual(["charge-order-15"]);
    expect(payments.charges).toHaveLength(1);
  });

  it("refuses a different input under a name already started", async () => {
    const { again, executions } = await invokeTwice({ ...order, amountCents: 9900 });

    expect(again).toBeInstanceOf(DurableExecutionAlreadyStartedException);
    expect((again as Error).message).toBe(
      'Durable execution "charge-order-15" of function charge-order already started with a different input. Use another DurableExecutionName, or the same input to get the existing execution.',
    );
    expect(executions).toHaveLength(1);
    expect(payments.charges).toHaveLength(1);
  });
});

it("finishes the same way after a crash at any checkpoint, with one charge", async () => {
  await checkReplay(handler, { input: order });

  expect(payments.charges).toHaveLength(1);
});

it("still replays every execution it has recorded (histories/)", async () => {
  await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
});
