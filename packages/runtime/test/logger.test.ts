import { afterEach, beforeEach, describe, expect, it, type MockInstance, vi } from "vitest";
import { resetProcessDefaults } from "../src/configure.js";
import {
  configureLogger,
  type DurableContext,
  type DurableLogger,
  type DurableLoggingContext,
  withDurableExecution,
} from "../src/index.js";
import { EXECUTION_ARN, FakeService, id } from "./helpers/fake-service.js";

const levels = ["error", "warn", "info", "debug"] as const;
let consoleSpies: Record<(typeof levels)[number], MockInstance>;

beforeEach(() => {
  consoleSpies = Object.fromEntries(
    levels.map((level) => [level, vi.spyOn(console, level).mockImplementation(() => {})]),
  ) as unknown as typeof consoleSpies;
});

afterEach(() => {
  resetProcessDefaults();
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

/** A logger that records each call as `[level, ...args]`. */
function recordingLogger(calls: unknown[][], tag?: string): DurableLogger {
  const record =
    (level: string) =>
    (...args: unknown[]) =>
      calls.push(tag === undefined ? [level, ...args] : [tag, level, ...args]);
  return {
    error: record("error"),
    warn: record("warn"),
    info: record("info"),
    debug: record("debug"),
  };
}

/** Every JSON line written to the console, parsed, in the order of the levels. */
function written(): Record<string, unknown>[] {
  return levels.flatMap((level) =>
    consoleSpies[level].mock.calls.map(([line]) => JSON.parse(String(line))),
  );
}

/** Logs around one recorded step: "before" replays, "after" runs past the log. */
const logAroundStep = withDurableExecution(async (_: unknown, context: DurableContext) => {
  context.logger.info("before");
  await context.step("charge", () => "charged");
  context.logger.info("after");
  return "done";
});

const chargeRecorded = () =>
  new FakeService().record("1", {
    Type: "STEP",
    SubType: "Step",
    Name: "charge",
    Status: "SUCCEEDED",
    StepDetails: { Result: '"charged"' },
  });

describe("context.logger", () => {
  it("writes one JSON line per call with the request, the execution and the formatted message", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.logger.warn("low stock: %d left", 3);
      return "done";
    });

    await service.invoke(handler);

    const [line] = written();
    expect(line).toEqual({
      timestamp: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      level: "WARN",
      requestId: "request-1",
      executionArn: EXECUTION_ARN,
      message: "low stock: 3 left",
    });
    expect(consoleSpies.warn).toHaveBeenCalledTimes(1);
  });

  it("names the operation and the attempt in a step body's logger", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.step("charge", ({ logger, attempt }) => {
        logger.info("charging");
        return attempt;
      }),
    );

    await service.invoke(handler);

    expect(written()).toEqual([
      expect.objectContaining({
        level: "INFO",
        operationId: id("1"),
        operationName: "charge",
        attempt: 1,
        message: "charging",
      }),
    ]);
  });

  it("is silent while the handler replays and speaks once it runs past the log", async () => {
    await chargeRecorded().invoke(logAroundStep);

    expect(written().map((line) => line.message)).toEqual(["after"]);
  });

  it("logs during replay too with modeAware: false", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureLogger({ modeAware: false });
      context.logger.info("before");
      await context.step("charge", () => "charged");
      context.logger.info("after");
      return "done";
    });

    await chargeRecorded().invoke(handler);

    expect(written().map((line) => line.message)).toEqual(["before", "after"]);
  });

  it("is silent inside a child context that replays", async () => {
    const service = new FakeService()
      .record("1", { Type: "CONTEXT", SubType: "RunInChildContext", Name: "g", Status: "STARTED" })
      .record("1-1", { Type: "STEP", SubType: "Step", Name: "a", Status: "SUCCEEDED" });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("g", async (child) => {
        child.logger.info("replayed");
        await child.step("a", () => 1);
        child.logger.info("new");
        return 1;
      }),
    );

    await service.invoke(handler);

    expect(written().map((line) => line.message)).toEqual(["new"]);
  });

  it("hands every call to a custom logger instead of the console", async () => {
    const calls: unknown[][] = [];
    const customLogger = recordingLogger(calls);
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureLogger({ customLogger });
      context.logger.error("failed", { code: 7 });
      context.logger.debug("detail");
      return "done";
    });

    await new FakeService().invoke(handler);

    expect(calls).toEqual([
      ["error", "failed", { code: 7 }],
      ["debug", "detail"],
    ]);
    expect(written()).toEqual([]);
  });

  it("tells a custom logger where each line comes from through configureDurableLoggingContext", async () => {
    const origins: unknown[] = [];
    let loggingContext: DurableLoggingContext | undefined;
    const record = () => origins.push(loggingContext?.getDurableLogData());
    const customLogger: DurableLogger = {
      error: record,
      warn: record,
      info: record,
      debug: record,
      configureDurableLoggingContext: (given) => {
        loggingContext = given;
      },
    };
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureLogger({ customLogger });
      context.logger.info("handler");
      return context.step("charge", ({ logger }) => {
        logger.info("step");
        return "charged";
      });
    });

    await new FakeService().invoke(handler);

    expect(origins).toEqual([
      { executionArn: EXECUTION_ARN, requestId: "request-1" },
      {
        executionArn: EXECUTION_ARN,
        requestId: "request-1",
        operationId: id("1"),
        operationName: "charge",
        attempt: 1,
      },
    ]);
  });

  it("keeps a lone object as the message's structured value, as the official SDK does", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.logger.info({ event: "reserved", orderId: "o-1", quantity: 2 });
      return "done";
    });

    await new FakeService().invoke(handler);

    expect(written()[0]?.message).toEqual({ event: "reserved", orderId: "o-1", quantity: 2 });
  });

  it("formats several arguments into the message and adds the fields of an error among them", async () => {
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.logger.error("charge failed:", new RangeError("amount must be positive"));
      return "done";
    });

    await new FakeService().invoke(handler);

    const [line] = written();
    expect(line).toMatchObject({
      message: expect.stringMatching(/^charge failed: RangeError: amount must be positive/),
      errorType: "RangeError",
      errorMessage: "amount must be positive",
    });
    expect(line?.stackTrace).toEqual(
      expect.arrayContaining([expect.stringMatching(/^RangeError/)]),
    );
  });

  it("leaves out levels below AWS_LAMBDA_LOG_LEVEL", async () => {
    vi.stubEnv("AWS_LAMBDA_LOG_LEVEL", "warn");
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      for (const level of levels) context.logger[level](level);
      return "done";
    });

    await new FakeService().invoke(handler);

    expect(written().map((line) => line.message)).toEqual(["error", "warn"]);
  });
});

describe("context.configureLogger", () => {
  it("hands a custom logger that asks for them the durable fields of whoever logs", async () => {
    const seen: unknown[] = [];
    let loggingContext: DurableLoggingContext | undefined;
    const customLogger: DurableLogger = {
      configureDurableLoggingContext: (given) => {
        loggingContext = given;
      },
      info: (message) => seen.push([message, loggingContext?.getDurableLogData()]),
      error: () => {},
      warn: () => {},
      debug: () => {},
    };
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureLogger({ customLogger });
      context.logger.info("starting");
      await context.step("charge", (step) => step.logger.info("charging"));
    });

    await new FakeService().invoke(handler);

    const origin = { requestId: "request-1", executionArn: EXECUTION_ARN };
    expect(seen).toEqual([
      ["starting", origin],
      ["charging", { ...origin, operationId: id("1"), operationName: "charge", attempt: 1 }],
    ]);
  });

  it("keeps the custom logger when only modeAware changes", async () => {
    const calls: unknown[][] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureLogger({ customLogger: recordingLogger(calls) });
      context.configureLogger({ modeAware: false });
      context.logger.info("replayed");
      await context.step("charge", () => "charged");
      return "done";
    });

    await chargeRecorded().invoke(handler);

    expect(calls).toEqual([["info", "replayed"]]);
    expect(written()).toEqual([]);
  });

  it("gives step bodies started afterwards the custom logger", async () => {
    const calls: unknown[][] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.step("before", (step) => step.logger.info("default"));
      context.configureLogger({ customLogger: recordingLogger(calls) });
      await context.step("after", (step) => step.logger.info("custom", step.attempt));
      return "done";
    });

    await new FakeService().invoke(handler);

    expect(calls).toEqual([["info", "custom", 1]]);
    expect(written().map((line) => [line.message, line.operationName])).toEqual([
      ["default", "before"],
    ]);
  });

  it("passes the custom logger to child contexts started afterwards, but not modeAware", async () => {
    const calls: unknown[][] = [];
    const service = new FakeService()
      .record("1", { Type: "CONTEXT", SubType: "RunInChildContext", Name: "g", Status: "STARTED" })
      .record("1-1", { Type: "STEP", SubType: "Step", Name: "a", Status: "SUCCEEDED" });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureLogger({ customLogger: recordingLogger(calls), modeAware: false });
      return context.runInChildContext("g", async (child) => {
        child.logger.info("replayed in the child");
        await child.step("a", () => 1);
        child.logger.info("new in the child");
        return 1;
      });
    });

    await service.invoke(handler);

    expect(calls).toEqual([["info", "new in the child"]]);
  });

  it("changes only the context it is called on", async () => {
    const calls: unknown[][] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      await context.runInChildContext("g", async (child) => {
        child.configureLogger({ customLogger: recordingLogger(calls, "child") });
        child.logger.info("from the child");
      });
      context.logger.info("from the root");
      return "done";
    });

    await new FakeService().invoke(handler);

    expect(calls).toEqual([["child", "info", "from the child"]]);
    expect(written().map((line) => line.message)).toEqual(["from the root"]);
  });

  it("starts every context from the deprecated process-wide configureLogger", async () => {
    const calls: unknown[][] = [];
    configureLogger({ customLogger: recordingLogger(calls) });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.logger.info("root");
      await context.runInChildContext("g", async (child) => child.logger.info("child"));
      return "done";
    });

    await new FakeService().invoke(handler);

    expect(calls).toEqual([
      ["info", "root"],
      ["info", "child"],
    ]);
  });
});
