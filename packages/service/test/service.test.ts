import { describe, expect, it } from "vitest";
import { DurableExecutionService, VirtualClock } from "../src/index.js";
import {
  catchServiceError,
  FUNCTION_NAME,
  historyOf,
  Invocation,
  setup,
  step,
  T0,
  wait,
} from "./helpers/service.js";

const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const FUNCTION_ARN = `arn:aws:lambda:us-east-1:123456789012:function:${FUNCTION_NAME}`;

describe("registerFunction", () => {
  it("returns the function ARN for the service's region and account", () => {
    const service = new DurableExecutionService({
      clock: new VirtualClock(),
      region: "eu-west-1",
      accountId: "111122223333",
    });
    expect(service.registerFunction("orders")).toEqual({
      functionArn: "arn:aws:lambda:eu-west-1:111122223333:function:orders",
    });
  });

  it.each([
    [
      { executionTimeoutSeconds: 0 },
      "executionTimeoutSeconds must be an integer from 1 to 31622400, got 0.",
    ],
    [
      { executionTimeoutSeconds: 31_622_401 },
      "executionTimeoutSeconds must be an integer from 1 to 31622400, got 31622401.",
    ],
    [
      { retentionPeriodInDays: 91 },
      "retentionPeriodInDays must be an integer from 1 to 90, got 91.",
    ],
  ])("rejects the configuration %j", (config, message) => {
    const service = new DurableExecutionService({ clock: new VirtualClock() });
    expect(() => service.registerFunction("orders", config)).toThrow(message);
  });

  it("registers a plain function that only chained invokes can call", () => {
    const service = new DurableExecutionService({ clock: new VirtualClock() });
    expect(service.registerFunction("send-email", { durable: false })).toEqual({
      functionArn: "arn:aws:lambda:us-east-1:123456789012:function:send-email",
    });
    const error = catchServiceError(
      () => service.startExecution({ functionName: "send-email" }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      "Function send-email is not durable, so it cannot start a durable execution. Register it with durable: true (the default), or call it from a CHAINED_INVOKE.",
    );
  });

  it("rejects a durable flag that is not a boolean", () => {
    const service = new DurableExecutionService({ clock: new VirtualClock() });
    expect(() => service.registerFunction("orders", { durable: "yes" as never })).toThrow(
      'durable must be true (a durable function) or false (a plain function), got "yes".',
    );
  });

  it("rejects a function name Lambda would not accept", () => {
    const service = new DurableExecutionService({ clock: new VirtualClock() });
    expect(() => service.registerFunction("my function")).toThrow(
      'Function name must match [a-zA-Z0-9-_]{1,64}, got "my function".',
    );
  });
});

describe("startExecution", () => {
  it("starts a RUNNING execution with the input in its EXECUTION operation and ExecutionStarted", () => {
    const { service } = setup({ config: { executionTimeoutSeconds: 900 } });
    const { durableExecutionArn: arn, alreadyStarted } = service.startExecution({
      functionName: FUNCTION_NAME,
      input: '{"id":7}',
      executionName: "order-7",
    });
    expect(alreadyStarted).toBe(false);
    expect(arn).toMatch(
      new RegExp(
        `^${FUNCTION_ARN.replaceAll("$", "\\$")}:\\$LATEST/durable-execution/order-7/[0-9a-f-]{36}$`,
      ),
    );
    expect(service.getOperations(arn)).toEqual([
      {
        Id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        Type: "EXECUTION",
        StartTimestamp: T0,
        Status: "STARTED",
        ExecutionDetails: { InputPayload: '{"id":7}' },
      },
    ]);
    expect(historyOf(service, arn)[0]?.ExecutionStartedDetails).toEqual({
      Input: { Payload: '{"id":7}', Truncated: false },
      ExecutionTimeout: 900,
    });
  });

  it("accepts the function's ARN as its name", () => {
    const { service } = setup();
    expect(() => service.startExecution({ functionName: FUNCTION_ARN })).not.toThrow();
    expect(() => service.startExecution({ functionName: `${FUNCTION_ARN}:$LATEST` })).not.toThrow();
  });

  it("keeps an absent input absent", () => {
    const { service } = setup();
    const arn = service.startExecution({ functionName: FUNCTION_NAME }).durableExecutionArn;
    expect(service.getOperations(arn)[0]?.ExecutionDetails).toEqual({});
    expect(service.getExecution({ DurableExecutionArn: arn }).InputPayload).toBeUndefined();
  });

  it("generates a unique name when none is given", () => {
    const { service, start } = setup();
    const names = [start(), start()].map(
      (arn) => service.getExecution({ DurableExecutionArn: arn }).DurableExecutionName,
    );
    expect(names[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(names[0]).not.toBe(names[1]);
  });

  it("returns the existing execution for the same name and input", () => {
    const { service, start } = setup();
    const arn = start('"a"', "once");
    const again = service.startExecution({
      functionName: FUNCTION_NAME,
      input: '"a"',
      executionName: "once",
    });
    expect(again).toEqual({ durableExecutionArn: arn, alreadyStarted: true });
    expect(service.runnableExecutions()).toEqual([arn]);
  });

  it("rejects the same name with another input", () => {
    const { service, start } = setup();
    start('"a"', "once");
    const error = catchServiceError(
      () =>
        service.startExecution({
          functionName: FUNCTION_NAME,
          input: '"b"',
          executionName: "once",
        }),
      "DurableExecutionAlreadyStartedException",
    );
    expect(error.statusCode).toBe(409);
    expect(error.message).toBe(
      'Durable execution "once" of function test-function already started with a different input. Use another DurableExecutionName, or the same input to get the existing execution.',
    );
  });

  it("rejects an unknown function with ResourceNotFoundException", () => {
    const { service } = setup();
    const error = catchServiceError(
      () => service.startExecution({ functionName: "missing" }),
      "ResourceNotFoundException",
    );
    expect(error.message).toBe(
      "Function not found: missing. Register it with registerFunction before starting executions.",
    );
  });

  it.each([
    [
      { executionName: "has space" },
      'DurableExecutionName must match [a-zA-Z0-9-_]{1,64}, got "has space".',
    ],
    [{ input: "{not json" }, /^input must be JSON text: /],
    [{ input: 42 as never }, "input must be JSON text (a string), got 42."],
  ])("rejects the start request %j", (extra, message) => {
    const { service } = setup();
    expect(() => service.startExecution({ functionName: FUNCTION_NAME, ...extra })).toThrow(
      message,
    );
  });
});

describe("getExecution", () => {
  it("describes a finished execution", () => {
    const { service, start, advance } = setup();
    const arn = start('"in"', "described");
    advance(5);
    new Invocation(service, arn).succeeds('"out"');
    expect(service.getExecution({ DurableExecutionArn: arn })).toEqual({
      DurableExecutionArn: arn,
      DurableExecutionName: "described",
      FunctionArn: FUNCTION_ARN,
      InputPayload: '"in"',
      Result: '"out"',
      StartTimestamp: T0,
      EndTimestamp: at(5),
      Status: "SUCCEEDED",
      Version: "$LATEST",
      ExecutionDataIncluded: true,
      DurableConfig: { ExecutionTimeout: 86_400, RetentionPeriodInDays: 14 },
    });
  });

  it("leaves out input, result and error without IncludeExecutionData", () => {
    const { service, start } = setup();
    const arn = start('"in"');
    new Invocation(service, arn).returns({ Status: "FAILED", Error: { ErrorMessage: "x" } });
    const execution = service.getExecution({
      DurableExecutionArn: arn,
      IncludeExecutionData: false,
    });
    expect(execution.ExecutionDataIncluded).toBe(false);
    expect(execution).not.toHaveProperty("InputPayload");
    expect(execution).not.toHaveProperty("Error");
  });
});

describe("listExecutionsByFunction", () => {
  /** Four executions a minute apart: one SUCCEEDED, one FAILED, two RUNNING. */
  function four() {
    const { service, start, advance } = setup();
    const arns: string[] = [];
    for (const name of ["ex-0", "ex-1", "ex-2", "ex-3"]) {
      arns.push(start('"x"', name));
      advance(60);
    }
    new Invocation(service, arns[0]!).succeeds();
    new Invocation(service, arns[1]!).returns({ Status: "FAILED", Error: { ErrorMessage: "no" } });
    return { service, arns };
  }
  const names = (response: { DurableExecutions?: { DurableExecutionName?: string }[] }) =>
    response.DurableExecutions?.map((execution) => execution.DurableExecutionName);

  it("lists newest first, or oldest first with ReverseOrder", () => {
    const { service } = four();
    expect(names(service.listExecutionsByFunction({ FunctionName: FUNCTION_NAME }))).toEqual([
      "ex-3",
      "ex-2",
      "ex-1",
      "ex-0",
    ]);
    expect(
      names(service.listExecutionsByFunction({ FunctionName: FUNCTION_NAME, ReverseOrder: true })),
    ).toEqual(["ex-0", "ex-1", "ex-2", "ex-3"]);
  });

  it("summarises each execution", () => {
    const { service, arns } = four();
    expect(
      service.listExecutionsByFunction({ FunctionName: FUNCTION_NAME, ReverseOrder: true })
        .DurableExecutions?.[0],
    ).toEqual({
      DurableExecutionArn: arns[0],
      DurableExecutionName: "ex-0",
      FunctionArn: FUNCTION_ARN,
      Status: "SUCCEEDED",
      StartTimestamp: T0,
      EndTimestamp: at(240),
    });
  });

  it("filters by status", () => {
    const { service } = four();
    expect(
      names(
        service.listExecutionsByFunction({ FunctionName: FUNCTION_NAME, Statuses: ["RUNNING"] }),
      ),
    ).toEqual(["ex-3", "ex-2"]);
    expect(
      names(
        service.listExecutionsByFunction({
          FunctionName: FUNCTION_NAME,
          Statuses: ["SUCCEEDED", "FAILED"],
        }),
      ),
    ).toEqual(["ex-1", "ex-0"]);
  });

  it("filters by start time, both bounds exclusive", () => {
    const { service } = four();
    expect(
      names(
        service.listExecutionsByFunction({
          FunctionName: FUNCTION_NAME,
          StartedAfter: at(0),
          StartedBefore: at(180),
        }),
      ),
    ).toEqual(["ex-2", "ex-1"]);
  });

  it("filters by name", () => {
    const { service } = four();
    expect(
      names(
        service.listExecutionsByFunction({
          FunctionName: FUNCTION_NAME,
          DurableExecutionName: "ex-2",
        }),
      ),
    ).toEqual(["ex-2"]);
  });

  it("pages with MaxItems and Marker, unaffected by executions started in between", () => {
    const { service } = four();
    const first = service.listExecutionsByFunction({ FunctionName: FUNCTION_NAME, MaxItems: 3 });
    expect(names(first)).toEqual(["ex-3", "ex-2", "ex-1"]);
    service.startExecution({ functionName: FUNCTION_NAME, executionName: "ex-4" });
    const second = service.listExecutionsByFunction({
      FunctionName: FUNCTION_NAME,
      MaxItems: 3,
      Marker: first.NextMarker,
    });
    expect(names(second)).toEqual(["ex-0"]);
    expect(second.NextMarker).toBeUndefined();
  });

  it("lists nothing for a qualifier other than $LATEST", () => {
    const { service } = four();
    expect(
      service.listExecutionsByFunction({ FunctionName: FUNCTION_NAME, Qualifier: "3" })
        .DurableExecutions,
    ).toEqual([]);
    expect(
      names(
        service.listExecutionsByFunction({ FunctionName: FUNCTION_NAME, Qualifier: "$LATEST" }),
      ),
    ).toHaveLength(4);
  });

  it("rejects an unknown status and an unknown function", () => {
    const { service } = four();
    expect(() =>
      service.listExecutionsByFunction({
        FunctionName: FUNCTION_NAME,
        Statuses: ["DONE" as never],
      }),
    ).toThrow('Statuses may contain RUNNING, SUCCEEDED, FAILED, TIMED_OUT, STOPPED, got "DONE".');
    catchServiceError(
      () => service.listExecutionsByFunction({ FunctionName: "missing" }),
      "ResourceNotFoundException",
    );
  });
});

describe("stopExecution", () => {
  it("stops a running execution with the given error", () => {
    const { service, start, advance } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(wait.start("w", 60));
    invocation.pending();
    advance(10);
    const error = { ErrorType: "Cancelled", ErrorMessage: "by operator" };
    expect(service.stopExecution({ DurableExecutionArn: arn, Error: error })).toEqual({
      StopTimestamp: at(10),
    });
    expect(service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
      Status: "STOPPED",
      Error: error,
      EndTimestamp: at(10),
    });
    expect(historyOf(service, arn).at(-1)).toMatchObject({
      EventType: "ExecutionStopped",
      ExecutionStoppedDetails: { Error: { Payload: error, Truncated: false } },
    });
    expect(service.nextTimerAt()).toBeUndefined();
    expect(service.runnableExecutions()).toEqual([]);
  });

  it("refuses to stop an execution that is not running", () => {
    const { service, start } = setup();
    const arn = start();
    new Invocation(service, arn).succeeds();
    const error = catchServiceError(
      () => service.stopExecution({ DurableExecutionArn: arn }),
      "InvalidParameterValueException",
    );
    expect(error.message).toBe(
      `Cannot stop durable execution ${arn}: it is not running (status SUCCEEDED).`,
    );
  });

  it("rejects a malformed stop error", () => {
    const { service, start } = setup();
    const arn = start();
    expect(() =>
      service.stopExecution({ DurableExecutionArn: arn, Error: { StackTrace: "x" } as never }),
    ).toThrow('Error StackTrace must be a list of strings, got "x".');
  });
});

describe("getOperations", () => {
  it("returns every operation in start order, as copies", () => {
    const { service, start } = setup();
    const arn = start();
    const invocation = new Invocation(service, arn);
    invocation.checkpoint(step.start("b"), wait.start("a", 5));
    const operations = service.getOperations(arn);
    expect(operations.map((op) => op.Id).slice(1)).toEqual(["b", "a"]);
    operations[1]!.StartTimestamp!.setFullYear(1999);
    expect(service.getOperations(arn)[1]?.StartTimestamp).toEqual(T0);
  });
});

describe("retention", () => {
  it("forgets an ended execution after its retention period, freeing its name", () => {
    const { service, start, advance } = setup({ config: { retentionPeriodInDays: 1 } });
    const arn = start('"a"', "kept");
    new Invocation(service, arn).succeeds();
    advance(86_399);
    expect(service.getExecution({ DurableExecutionArn: arn }).Status).toBe("SUCCEEDED");
    advance(1);
    catchServiceError(
      () => service.getExecution({ DurableExecutionArn: arn }),
      "ResourceNotFoundException",
    );
    expect(
      service.startExecution({ functionName: FUNCTION_NAME, input: '"b"', executionName: "kept" })
        .alreadyStarted,
    ).toBe(false);
  });
});
