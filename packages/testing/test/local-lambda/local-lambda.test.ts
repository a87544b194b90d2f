import {
  DurableExecutionAlreadyStartedException,
  GetDurableExecutionCommand,
  GetDurableExecutionHistoryCommand,
  InvalidParameterValueException,
  InvokeCommand,
  type LambdaClient,
  ListDurableExecutionsByFunctionCommand,
  ResourceNotFoundException,
  SendDurableExecutionCallbackSuccessCommand,
  StopDurableExecutionCommand,
} from "@aws-sdk/client-lambda";
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { ExecutionStuckError, localLambda, simulateCrash } from "../../src/index.js";

/** Greets after a ten-minute wait, so that an Event invoke is still running until time moves. */
const greeter = withDurableExecution(async (event: { name: string }, context: DurableContext) => {
  const greeting = await context.step("compose", () => `Hello, ${event.name}!`);
  await context.wait("a-moment-later", { minutes: 10 });
  return { greeting };
});

const failing = withDurableExecution(async (_: unknown, context: DurableContext) => {
  await context.step("explode", () => {
    throw new Error("out of stock");
  });
});

/**
 * Starts the next execution of itself from a step, until it has counted to three; the first
 * invocation dies right after its Invoke, before the step's result is checkpointed.
 */
function counter(lambda: { client: LambdaClient }) {
  let died = false;
  return withDurableExecution(async (event: { count: number }, context: DurableContext) => {
    if (event.count === 3) return { done: 3 };
    return context.step("start-next", async () => {
      const next = event.count + 1;
      const started = await lambda.client.send(
        new InvokeCommand({
          FunctionName: "counter",
          InvocationType: "Event",
          DurableExecutionName: `count-${next}`,
          Payload: JSON.stringify({ count: next }),
        }),
      );
      if (!died) {
        died = true;
        await simulateCrash("died after starting the next execution");
      }
      return { continuedAs: started.DurableExecutionArn };
    });
  });
}

const text = (payload: Uint8Array | undefined) => new TextDecoder().decode(payload);

describe("localLambda", () => {
  it("runs a RequestResponse invoke to the end of its execution and answers with its result", async () => {
    const lambda = localLambda({ functions: { greeter } });
    const started = lambda.clock.now().getTime();

    const response = await lambda.client.send(
      new InvokeCommand({ FunctionName: "greeter", Payload: JSON.stringify({ name: "Ada" }) }),
    );

    expect(response.StatusCode).toBe(200);
    expect(response.FunctionError).toBeUndefined();
    expect(JSON.parse(text(response.Payload))).toEqual({ greeting: "Hello, Ada!" });
    expect(response.DurableExecutionArn).toMatch(
      /^arn:aws:lambda:us-east-1:123456789012:function:greeter:\$LATEST\/durable-execution\//,
    );
    expect(lambda.clock.now().getTime() - started).toBe(600_000);
  });

  it("fails a RequestResponse invoke whose execution runs past Lambda's 15 minutes", async () => {
    const slow = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.wait("overnight", { hours: 12 });
    });
    const lambda = localLambda({ functions: { slow } });

    await expect(lambda.client.send(new InvokeCommand({ FunctionName: "slow" }))).rejects.toThrow(
      /^localLambda: the RequestResponse Invoke of "slow" waited 15 minutes, .* Invoke it with InvocationType "Event"/,
    );
    expect(lambda.running()).toHaveLength(1);
  });

  it("answers a failed execution's RequestResponse invoke with FunctionError and the error", async () => {
    const lambda = localLambda({ functions: { failing } });

    const response = await lambda.client.send(new InvokeCommand({ FunctionName: "failing" }));

    expect(response.FunctionError).toBe("Unhandled");
    expect(JSON.parse(text(response.Payload))).toEqual({
      errorType: "StepError",
      errorMessage: "out of stock",
    });
  });

  it("answers an Event invoke at once with 202, and runs the execution when the test moves time", async () => {
    const lambda = localLambda({ functions: { greeter } });

    const response = await lambda.client.send(
      new InvokeCommand({
        FunctionName: "greeter",
        InvocationType: "Event",
        Payload: JSON.stringify({ name: "Grace" }),
      }),
    );
    expect(response.StatusCode).toBe(202);
    const arn = response.DurableExecutionArn!;
    const read = () =>
      lambda.client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));

    await lambda.advance({ minutes: 5 });
    expect((await read()).Status).toBe("RUNNING");
    const listRunning = await lambda.client.send(
      new ListDurableExecutionsByFunctionCommand({
        FunctionName: "greeter",
        Statuses: ["RUNNING", "FAILED"],
        StartedAfter: new Date("2024-12-31T00:00:00Z"),
      }),
    );
    expect(listRunning.DurableExecutions?.map((e) => e.DurableExecutionArn)).toEqual([arn]);
    await lambda.runAll();
    const execution = await read();
    expect(execution.Status).toBe("SUCCEEDED");
    expect(execution.Result).toBe('{"greeting":"Hello, Grace!"}');
    expect(execution.EndTimestamp).toBeInstanceOf(Date);
  });

  it("returns the same execution for a name started twice with the same payload", async () => {
    const lambda = localLambda({ functions: { greeter } });
    const invoke = (payload: unknown) =>
      lambda.client.send(
        new InvokeCommand({
          FunctionName: "greeter",
          InvocationType: "Event",
          DurableExecutionName: "greet-ada",
          Payload: JSON.stringify(payload),
        }),
      );

    const first = await invoke({ name: "Ada" });
    const second = await invoke({ name: "Ada" });

    expect(second.DurableExecutionArn).toBe(first.DurableExecutionArn);
    const listed = await lambda.client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "greeter" }),
    );
    expect(listed.DurableExecutions?.map((e) => e.DurableExecutionName)).toEqual(["greet-ada"]);
    const conflict = await invoke({ name: "Bob" }).catch((error: unknown) => error);
    expect(conflict).toBeInstanceOf(DurableExecutionAlreadyStartedException);
    expect((conflict as Error).message).toMatch(
      /^Durable execution "greet-ada" of function greeter/,
    );
  });

  it("lets a function start executions of itself, once per name even when it dies after the start", async () => {
    const lambda = localLambda();
    lambda.register("counter", counter(lambda));

    await lambda.client.send(
      new InvokeCommand({
        FunctionName: "counter",
        InvocationType: "Event",
        DurableExecutionName: "count-1",
        Payload: JSON.stringify({ count: 1 }),
      }),
    );
    await lambda.runAll();

    const listed = await lambda.client.send(
      new ListDurableExecutionsByFunctionCommand({ FunctionName: "counter", ReverseOrder: true }),
    );
    expect(listed.DurableExecutions?.map((e) => [e.DurableExecutionName, e.Status])).toEqual([
      ["count-1", "SUCCEEDED"],
      ["count-2", "SUCCEEDED"],
      ["count-3", "SUCCEEDED"],
    ]);
    // count-1's first invocation died after its Invoke; the retry sent the same name again.
    const history = await lambda.client.send(
      new GetDurableExecutionHistoryCommand({
        DurableExecutionArn: listed.DurableExecutions![0]!.DurableExecutionArn,
      }),
    );
    const invocations = history.Events?.filter((e) => e.EventType === "InvocationCompleted");
    expect(
      invocations?.map((e) => e.InvocationCompletedDetails?.Error?.Payload?.ErrorType),
    ).toEqual(["Runtime.ExitError", undefined]);
  });

  it("serves callbacks and stops through the client", async () => {
    const approval = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const [answer] = await context.createCallback<string>("approval");
      return { answer: await answer };
    });
    const lambda = localLambda({ functions: { approval } });
    const start = () =>
      lambda.client.send(new InvokeCommand({ FunctionName: "approval", InvocationType: "Event" }));
    const answered = (await start()).DurableExecutionArn!;
    const stopped = (await start()).DurableExecutionArn!;
    await lambda.runUntilIdle();

    const history = await lambda.client.send(
      new GetDurableExecutionHistoryCommand({ DurableExecutionArn: answered }),
    );
    const callbackId = history.Events?.find((e) => e.EventType === "CallbackStarted")
      ?.CallbackStartedDetails?.CallbackId;
    await lambda.client.send(
      new SendDurableExecutionCallbackSuccessCommand({
        CallbackId: callbackId,
        Result: new TextEncoder().encode("yes"),
      }),
    );
    await lambda.client.send(new StopDurableExecutionCommand({ DurableExecutionArn: stopped }));
    await lambda.runAll();

    const read = (arn: string) =>
      lambda.client.send(new GetDurableExecutionCommand({ DurableExecutionArn: arn }));
    expect((await read(answered)).Result).toBe('{"answer":"yes"}');
    expect((await read(stopped)).Status).toBe("STOPPED");
  });

  it("resolves qualifiers: $LATEST, version 1 and its aliases, and refuses others", async () => {
    const lambda = localLambda({ functions: { greeter: { handler: greeter, aliases: ["live"] } } });
    const invoke = (FunctionName: string, Qualifier?: string) =>
      lambda.client.send(new InvokeCommand({ FunctionName, Qualifier, InvocationType: "Event" }));

    expect((await invoke("greeter", "live")).DurableExecutionArn).toMatch(
      /:greeter:1\/durable-execution\//,
    );
    expect((await invoke("greeter:1")).DurableExecutionArn).toMatch(/:greeter:1\//);
    expect((await invoke("greeter", "$LATEST")).DurableExecutionArn).toMatch(/:greeter:\$LATEST\//);

    const unknown = await invoke("greeter", "beta").catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(ResourceNotFoundException);
    expect((unknown as Error).message).toBe(
      "Function not found: greeter:beta. Its qualifiers: $LATEST, 1, live.",
    );
    const mismatch = await invoke("greeter:live", "1").catch((error: unknown) => error);
    expect(mismatch).toBeInstanceOf(InvalidParameterValueException);
    const missing = await invoke("nobody").catch((error: unknown) => error);
    expect(missing).toBeInstanceOf(ResourceNotFoundException);
    expect((missing as Error).message).toBe(
      "Function not found: nobody. Functions of this localLambda: greeter.",
    );
  });

  it("lists the executions of the version an alias names, as it lists those of a version", async () => {
    const lambda = localLambda({ functions: { greeter: { handler: greeter, aliases: ["live"] } } });
    const start = (DurableExecutionName: string, Qualifier: string) =>
      lambda.client.send(
        new InvokeCommand({
          FunctionName: "greeter",
          Qualifier,
          InvocationType: "Event",
          DurableExecutionName,
        }),
      );
    await start("on-live", "live");
    await start("on-latest", "$LATEST");
    const names = async (Qualifier: string) =>
      (
        await lambda.client.send(
          new ListDurableExecutionsByFunctionCommand({ FunctionName: "greeter", Qualifier }),
        )
      ).DurableExecutions?.map((e) => e.DurableExecutionName);

    expect(await names("live")).toEqual(["on-live"]);
    expect(await names("1")).toEqual(["on-live"]);
    expect(await names("$LATEST")).toEqual(["on-latest"]);
    await expect(names("beta")).rejects.toThrow(
      "Function not found: greeter:beta. Its qualifiers: $LATEST, 1, live.",
    );
  });

  it("rejects an unknown InvocationType, naming the allowed ones", async () => {
    const lambda = localLambda({ functions: { greeter } });

    await expect(
      lambda.client.send(
        new InvokeCommand({ FunctionName: "greeter", InvocationType: "Later" as "Event" }),
      ),
    ).rejects.toThrow('InvocationType must be one of RequestResponse, Event, DryRun, got "Later".');
  });

  it("fails runAll at once, naming the callback, when an execution can never finish", async () => {
    const forever = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const [answer] = await context.createCallback("approval");
      return answer;
    });
    const lambda = localLambda({ functions: { forever } });
    await lambda.client.send(
      new InvokeCommand({ FunctionName: "forever", InvocationType: "Event" }),
    );

    const failure = await lambda.runAll().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ExecutionStuckError);
    expect((failure as Error).message).toMatch(
      /^Executions can never finish: .* waits on callback "approval" /,
    );
  });

  it("refuses a RequestResponse invoke from inside an invocation, which could never answer", async () => {
    const lambda = localLambda({ functions: { greeter } });
    const caller = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("call-greeter", async () => {
        await lambda.client.send(new InvokeCommand({ FunctionName: "greeter" }));
      }),
    );
    lambda.register("caller", caller);

    const response = await lambda.client.send(new InvokeCommand({ FunctionName: "caller" }));

    expect(JSON.parse(text(response.Payload)).errorMessage).toMatch(
      /^localLambda: a RequestResponse Invoke of "greeter" from inside the invocation of .* Call it with context\.invoke, or with InvocationType "Event"\.$/,
    );
  });

  it("names the calls it serves when asked for another", async () => {
    const lambda = localLambda();
    const { ListFunctionsCommand } = await import("@aws-sdk/client-lambda");

    await expect(lambda.client.send(new ListFunctionsCommand({}))).rejects.toThrow(
      /^localLambda cannot answer GET \/2015-03-31\/functions: it serves Invoke, /,
    );
  });
});
