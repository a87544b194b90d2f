import {
  CallbackError,
  CallbackTimeoutError,
  type DurableContext,
  withDurableExecution,
} from "@durable-examples/runtime";
import { esign } from "./esign.js";

export interface ContractRequest {
  contractId: string;
  signer: string;
  /** How long the signer has, in whole days (default 5): the function's own deadline. */
  signWithinDays?: number;
}

export type ContractResult =
  | { contractId: string; status: "signed"; signed: string }
  | { contractId: string; status: "expired" | "withdrawn"; voided: string; reason: string };

/**
 * The ExecutionTimeout the function is deployed with (`DurableConfig`), 7 days: a hard end the
 * service enforces, after which no code of the function runs. The signing deadline stays inside
 * it, so the function still runs its cleanup when the signer never answers.
 */
export const EXECUTION_TIMEOUT_SECONDS = 7 * 24 * 60 * 60;

/** Refused requests: the message names the field, the value and what is allowed. */
export class InvalidContractRequestError extends Error {
  override readonly name = "InvalidContractRequestError";
}

function signingDays(request: ContractRequest): number {
  const days = request.signWithinDays ?? 5;
  if (!Number.isInteger(days) || days < 1 || days > 365) {
    throw new InvalidContractRequestError(
      `signWithinDays must be a whole number of days from 1 to 365, got ${JSON.stringify(request.signWithinDays)}.`,
    );
  }
  return days;
}

/**
 * Sends a contract for signature and waits for the signer. The function ends the wait itself in
 * two ways, and runs its cleanup (voids the envelope) in both: its own deadline passes
 * (`CallbackTimeoutError`), or someone cancels by failing the callback (`CallbackError`). A stop
 * from outside or the ExecutionTimeout ends the execution without running any more of its code.
 */
export const handler = withDurableExecution(
  async (request: ContractRequest, context: DurableContext): Promise<ContractResult> => {
    const days = signingDays(request);
    const { contractId } = request;
    const envelope = `env-${contractId}`;
    try {
      await context.waitForCallback(
        "signature",
        (callbackId) => {
          esign.send(contractId, request.signer, callbackId);
        },
        { timeout: { days } },
      );
    } catch (error) {
      if (!(error instanceof CallbackError)) throw error;
      const voided = await context.step("void-envelope", () => esign.void(envelope));
      const status = error instanceof CallbackTimeoutError ? "expired" : "withdrawn";
      return { contractId, status, voided, reason: error.message };
    }
    const signed = await context.step("countersign", () => esign.countersign(envelope));
    return { contractId, status: "signed", signed };
  },
);
