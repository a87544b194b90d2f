import {
  type DurableContext,
  retryPresets,
  StepError,
  withDurableExecution,
} from "@durable-examples/runtime";

/**
 * The payments service: a durable function of its own, owned by another team and deployed as its
 * own Lambda function. It authorizes, then captures, each in a checkpointed step, so a crash
 * between the two never charges a card twice.
 */

export interface PaymentRequest {
  orderId: string;
  amountCents: number;
  paymentMethod: string;
}

export interface Payment {
  paymentId: string;
  amountCents: number;
  status: "captured";
}

/** Raised when the card issuer says no. Retrying will not change its mind. */
export class PaymentDeclinedError extends Error {
  override name = "PaymentDeclinedError";
}

/** Stands in for a card gateway: cards ending in 0002 are declined, as in most test gateways. */
function authorize(request: PaymentRequest): string {
  if (request.paymentMethod.endsWith("0002")) {
    throw new PaymentDeclinedError(`${request.paymentMethod} was declined by the issuer`);
  }
  return `auth-${request.orderId}`;
}

export const paymentsHandler = withDurableExecution(
  async (event: PaymentRequest, context: DurableContext): Promise<Payment> => {
    let authorization: string;
    try {
      authorization = await context.step("authorize", () => authorize(event), {
        retryStrategy: retryPresets.noRetry,
      });
    } catch (error) {
      // Fail the payments execution with an error its callers can read: the caller's InvokeError
      // carries this message, and its cause is named PaymentDeclinedError.
      if (error instanceof StepError && error.cause instanceof Error) {
        throw new PaymentDeclinedError(error.cause.message);
      }
      throw error;
    }
    const paymentId = await context.step("capture", () => `pay-${authorization.slice(5)}`);
    return { paymentId, amountCents: event.amountCents, status: "captured" };
  },
);
