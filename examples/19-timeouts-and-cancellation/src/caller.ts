import { type DurableContext, InvokeError, withDurableExecution } from "@durable-examples/runtime";
import type { ContractRequest, ContractResult } from "./handler.js";

/** The signing function's name; it is invoked by its alias, so replays keep the same version. */
export const SIGN_CONTRACT_FUNCTION = "sign-contract";

export interface OnboardingResult {
  contractId: string;
  outcome: ContractResult["status"] | "failed";
  reason?: string;
}

/**
 * A caller: onboarding invokes the signing function and waits for it, suspended. It gets the
 * signing function's result when that function ends on its own terms, and an `InvokeError` with
 * the execution's error when the service ended it (TIMED_OUT, STOPPED) or it failed.
 */
export const handler = withDurableExecution(
  async (request: ContractRequest, context: DurableContext): Promise<OnboardingResult> => {
    try {
      const result = await context.invoke<ContractRequest, ContractResult>(
        "collect-signature",
        `${SIGN_CONTRACT_FUNCTION}:live`,
        request,
      );
      return { contractId: request.contractId, outcome: result.status };
    } catch (error) {
      if (!(error instanceof InvokeError)) throw error;
      return { contractId: request.contractId, outcome: "failed", reason: error.message };
    }
  },
);
