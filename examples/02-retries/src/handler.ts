import {
  createRetryStrategy,
  type DurableContext,
  JitterStrategy,
  StepError,
  withDurableExecution,
} from "@durable-examples/runtime";

export interface ChargeRequest {
  orderId: string;
  amountCents: number;
  /** How the simulated payment gateway behaves, so each path can be tried. */
  gateway: { timeoutsBeforeSuccess?: number; declines?: boolean };
}

export type ChargeResult =
  | { status: "charged"; receipt: string }
  | { status: "not-charged"; reason: string; cause: string };

/** A failure that may go away if we try again. */
export class GatewayTimeoutError extends Error {
  override name = "GatewayTimeoutError";
}

/** A failure that will not: retrying a declined card only annoys the bank. */
export class CardDeclinedError extends Error {
  override name = "CardDeclinedError";
}

/**
 * Up to 4 attempts, 2 s, then 4 s, then 8 s apart, and only for timeouts. Jitter is off to keep
 * the example's timeline exact; leave it on (the default) in production so that many failing
 * executions do not retry in lockstep.
 */
export const chargeRetryStrategy = createRetryStrategy({
  maxAttempts: 4,
  initialDelay: { seconds: 2 },
  backoffRate: 2,
  jitter: JitterStrategy.NONE,
  retryableErrorTypes: [GatewayTimeoutError],
});

/** Stands in for a payment API. The attempt number drives it, so every run is reproducible. */
function callGateway(request: ChargeRequest, attempt: number): string {
  if (request.gateway.declines) throw new CardDeclinedError(`card declined for ${request.orderId}`);
  if (attempt <= (request.gateway.timeoutsBeforeSuccess ?? 0)) {
    throw new GatewayTimeoutError(`gateway timed out (attempt ${attempt})`);
  }
  return `rcpt-${request.orderId}-${request.amountCents}`;
}

export const handler = withDurableExecution(
  async (event: ChargeRequest, context: DurableContext): Promise<ChargeResult> => {
    try {
      const receipt = await context.step(
        "charge-card",
        ({ attempt }) => callGateway(event, attempt),
        { retryStrategy: chargeRetryStrategy },
      );
      return { status: "charged", receipt };
    } catch (error) {
      // The same StepError arrives live and on every replay, with the last attempt's error as
      // its cause, so this branch is as deterministic as the rest of the handler.
      if (!(error instanceof StepError)) throw error;
      const cause = error.cause instanceof Error ? error.cause.name : "Error";
      await context.step("release-order", () => `order ${event.orderId} released`);
      return { status: "not-charged", reason: error.message, cause };
    }
  },
);
