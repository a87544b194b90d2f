import { describe, expect, it } from "vitest";
import { HarnessError, startDurable } from "../src/index.js";
import { stepWaitStep } from "./helpers/handlers.js";

describe("startDurable stop", () => {
  it("stops a suspended execution with the error given, and never invokes it again", async () => {
    const execution = startDurable(stepWaitStep, { input: { n: 20 } });

    const run = await execution.stop({ ErrorType: "Cancelled", ErrorMessage: "operator stop" });

    expect(run.status).toBe("STOPPED");
    expect(run.error).toEqual({ ErrorType: "Cancelled", ErrorMessage: "operator stop" });
    expect(run.invocations).toHaveLength(1);
    expect(
      run.operations.filter((op) => op.Name !== undefined).map((op) => [op.Name, op.Status]),
    ).toEqual([
      ["double", "SUCCEEDED"],
      ["pause", "STARTED"],
    ]);
    expect(run.history.at(-1)?.EventType).toBe("ExecutionStopped");
    // The wait it was suspended on never fires: the run is over.
    const after = await execution.result();
    expect([after.status, after.invocations.length]).toEqual(["STOPPED", 1]);
  });

  it("takes a string as the error's message, and no error at all", async () => {
    const withMessage = await startDurable(stepWaitStep, { input: { n: 1 } }).stop(
      "no longer needed",
    );
    const withNone = await startDurable(stepWaitStep, { input: { n: 1 } }).stop();

    expect(withMessage.error).toEqual({ ErrorMessage: "no longer needed" });
    expect([withNone.status, withNone.error]).toEqual(["STOPPED", undefined]);
  });

  it("refuses to stop an execution that has already ended", async () => {
    const execution = startDurable(stepWaitStep, { input: { n: 1 } });
    await execution.result();

    const refused = execution.stop("too late");

    await expect(refused).rejects.toThrow(HarnessError);
    await expect(refused).rejects.toThrow(
      "Cannot stop the execution: it has already ended (SUCCEEDED). Stop it while it is suspended, before it ends or result() runs it to the end.",
    );
  });
});
