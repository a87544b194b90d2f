import { fileURLToPath } from "node:url";
import {
  checkReplay,
  type DurableRun,
  expectReplays,
  runDurable,
  startDurable,
} from "@durable-examples/testing";
import { beforeEach, describe, expect, it } from "vitest";
import { handler as onboarding, SIGN_CONTRACT_FUNCTION } from "../src/caller.js";
import { ESignService, useESign } from "../src/esign.js";
import { EXECUTION_TIMEOUT_SECONDS, handler } from "../src/handler.js";

const input = { contractId: "ct-19", signer: "ada@example.com" };
const DAY = 24 * 60 * 60;
/** As the function is deployed: its DurableConfig ExecutionTimeout. */
const deployed = { input, executionTimeoutSeconds: EXECUTION_TIMEOUT_SECONDS };
const withdrawn = { ErrorType: "Withdrawn", ErrorMessage: "contract withdrawn by legal" };
let esign: ESignService;

beforeEach(() => {
  esign = new ESignService();
  useESign(esign);
});

const envelopeStatus = () => esign.envelopes.get("env-ct-19")?.status;
/** What the execution still waits on, as its operations were left. */
const leftWaiting = (run: DurableRun) =>
  run.operations.filter((op) => op.Type === "CALLBACK").map((op) => op.Status);

describe("19-timeouts-and-cancellation", () => {
  it("countersigns the contract when the signer signs", async () => {
    const run = await runDurable(handler, {
      ...deployed,
      callbacks: [{ name: "signature", succeed: "signed", after: { days: 1 } }],
    });

    expect(run.result).toEqual({
      contractId: "ct-19",
      status: "signed",
      signed: "signed-env-ct-19",
    });
    expect(envelopeStatus()).toBe("signed");
  });

  describe("endings the function sees, so its cleanup runs", () => {
    it("voids the envelope when its own five-day deadline passes, inside the ExecutionTimeout", async () => {
      const run = await runDurable(handler, deployed);
      console.log(run.timeline);

      expect(run.status).toBe("SUCCEEDED");
      expect(run.result).toEqual({
        contractId: "ct-19",
        status: "expired",
        voided: "env-ct-19",
        reason: "Callback timed out: no result within its TimeoutSeconds of 432000 seconds.",
      });
      expect(envelopeStatus()).toBe("voided");
    });

    it("voids the envelope when someone cancels by failing the callback", async () => {
      const execution = startDurable(handler, deployed);
      const signature = await execution.callback("signature");
      await signature.fail(withdrawn);
      const run = await execution.result();
      console.log(run.timeline);

      expect(run.result).toEqual({
        contractId: "ct-19",
        status: "withdrawn",
        voided: "env-ct-19",
        reason: "contract withdrawn by legal",
      });
      expect(envelopeStatus()).toBe("voided");
    });
  });

  describe("endings the service imposes, so no more of the function runs", () => {
    it("times out when the ExecutionTimeout passes before the function's own deadline", async () => {
      // Deployed with 3 days while the code gives the signer 5: config and code disagree.
      const run = await runDurable(handler, { input, executionTimeoutSeconds: 3 * DAY });
      console.log(run.timeline);

      expect(run.status).toBe("TIMED_OUT");
      expect(run.error).toEqual({
        ErrorType: "Execution.Timeout",
        ErrorMessage:
          "The durable execution did not finish within its ExecutionTimeout of 259200 seconds.",
      });
      expect(run.history.at(-1)?.EventType).toBe("ExecutionTimedOut");
      expect(run.invocations).toHaveLength(1);
      expect(leftWaiting(run)).toEqual(["STARTED"]);
      expect(envelopeStatus()).toBe("open");
    });

    it("stops when stopped from outside, with the stopper's error", async () => {
      const execution = startDurable(handler, deployed);
      await execution.callback("signature");
      await execution.advance({ days: 1 });
      const run = await execution.stop({
        ErrorType: "OperatorStop",
        ErrorMessage: "contract withdrawn by legal",
      });
      console.log(run.timeline);

      expect(run.status).toBe("STOPPED");
      expect(run.error).toEqual({
        ErrorType: "OperatorStop",
        ErrorMessage: "contract withdrawn by legal",
      });
      expect(run.history.at(-1)?.EventType).toBe("ExecutionStopped");
      expect(run.invocations).toHaveLength(1);
      expect(leftWaiting(run)).toEqual(["STARTED"]);
      expect(envelopeStatus()).toBe("open");
    });

    it("refuses the signer's answer once the execution is stopped", async () => {
      const execution = startDurable(handler, deployed);
      const signature = await execution.callback("signature");
      await execution.stop();

      await expect(signature.succeed("signed")).rejects.toThrow(
        /^Cannot send success for callback \S+: its durable execution \S+ has ended with status STOPPED\.$/,
      );
    });
  });

  describe("its caller", () => {
    const callSigning = (executionTimeoutSeconds: number) =>
      runDurable(onboarding, {
        input,
        functions: { [SIGN_CONTRACT_FUNCTION]: { handler, executionTimeoutSeconds } },
      });

    it("gets the function's own answer when the function's deadline passes", async () => {
      const run = await callSigning(EXECUTION_TIMEOUT_SECONDS);

      expect(run.result).toEqual({ contractId: "ct-19", outcome: "expired" });
    });

    it("gets an InvokeError with the execution's error when the ExecutionTimeout passes", async () => {
      const run = await callSigning(3 * DAY);

      expect(run.result).toEqual({
        contractId: "ct-19",
        outcome: "failed",
        reason:
          "The durable execution did not finish within its ExecutionTimeout of 259200 seconds.",
      });
    });
  });

  it("refuses a signing deadline that is not a whole number of days", async () => {
    const run = await runDurable(handler, { input: { ...input, signWithinDays: 2.5 } });

    expect(run.status).toBe("FAILED");
    expect(run.error).toEqual({
      ErrorType: "InvalidContractRequestError",
      ErrorMessage: "signWithinDays must be a whole number of days from 1 to 365, got 2.5.",
    });
    expect(esign.envelopes.size).toBe(0);
  });

  it("finishes the same way after a crash at any checkpoint, signed, expired or withdrawn", async () => {
    await checkReplay(handler, {
      ...deployed,
      callbacks: [{ name: "signature", succeed: "signed", after: { days: 1 } }],
    });
    await checkReplay(handler, deployed);
    await checkReplay(handler, {
      ...deployed,
      callbacks: [{ name: "signature", fail: withdrawn }],
    });
  });

  it("still replays every execution it has recorded (histories/)", async () => {
    await expectReplays(handler, fileURLToPath(new URL("../histories", import.meta.url)));
  });
});
