import { Logger as PowertoolsLogger } from "@aws-lambda-powertools/logger";
import {
  type DurableContext,
  type DurableLogger,
  type DurableLoggingContext,
  withDurableExecution,
} from "@durable-examples/runtime";
import { fulfilOrder, type OrderRequest } from "./fulfil-order.js";

/** Made once per Lambda sandbox, as Powertools recommends; the durable context changes per call. */
export const powertools = new PowertoolsLogger({ serviceName: "orders" });

type Level = "debug" | "info" | "warn" | "error";

/**
 * Powertools as a durable custom logger. The runtime hands it, before any line, a way to ask
 * where the line comes from (`configureDurableLoggingContext`); each call adds those fields
 * (`executionArn`, `requestId`, and in a step `operationId`, `operationName`, `attempt`) as
 * Powertools keys, beside the line's own.
 */
export function durablePowertools(logger: PowertoolsLogger): DurableLogger {
  let origin: DurableLoggingContext | undefined;
  const send =
    (level: Level) =>
    (message: unknown, ...params: unknown[]) => {
      const extra = [...params, origin?.getDurableLogData() ?? {}];
      logger[level](
        message as Parameters<PowertoolsLogger[Level]>[0],
        ...(extra as Record<string, unknown>[]),
      );
    };
  return {
    debug: send("debug"),
    info: send("info"),
    warn: send("warn"),
    error: send("error"),
    configureDurableLoggingContext: (context) => {
      origin = context;
    },
  };
}

const durableLogger = durablePowertools(powertools);

/** The same workflow, logging through Powertools; replay-aware all the same. */
export const handler = withDurableExecution(
  async (order: OrderRequest, context: DurableContext) => {
    context.configureLogger({ customLogger: durableLogger });
    return fulfilOrder(order, context);
  },
);
