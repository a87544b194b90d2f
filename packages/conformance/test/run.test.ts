import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { describe, expect, it } from "vitest";
import { parseRequirement } from "../src/requirements.js";
import { runRequirement } from "../src/run.js";

const source = { file: "callback/4-99.yaml", id: "4-99", suite: "callback" };

function requirement(extra: string) {
  return parseRequirement(
    `description: test requirement
handler: |
  A handler.
invocations: |
  - One or more invocations.
${extra}`,
    source,
  );
}

const approval = withDurableExecution(async (_event: unknown, context: DurableContext) => {
  const [answer] = await context.createCallback("approval", { timeout: { minutes: 1 } });
  return await answer;
});

describe("runRequirement", () => {
  it("answers callbacks as the requirement's CallbackActions say, after their delay", async () => {
    const answered = requirement(`CallbackActions:
  - CallbackName: approval
    Operation: success
    Payload: yes
    Delay: 2
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: '"yes"'
ExpectedExecutionHistory:
  - EventType: CallbackStarted
    EventId: 2
    Name: approval
  - EventType: CallbackSucceeded
    EventId: 4
    # 2 seconds after the start of the service's virtual clock
    EventTimestamp: '2025-01-01T00:00:02.000Z'
    CallbackSucceededDetails:
      Result:
        Payload: '"yes"'
`);
    expect(await runRequirement(answered, { handler: approval })).toEqual({
      id: "4-99",
      suite: "callback",
      status: "pass",
      detail: "",
    });
  });

  it("gives each callback the next matching action, once, as the suite's validator does", async () => {
    const twoCallbacks = withDurableExecution(async (_event: unknown, context: DurableContext) => {
      const [first] = await context.createCallback("first");
      const one = await first;
      const [second] = await context.createCallback("second");
      return [one, await second];
    });
    const twoWildcards = requirement(`CallbackActions:
  - CallbackName: '*'
    Operation: success
    Payload: one
    Delay: 1
  - CallbackName: '*'
    Operation: success
    Payload: two
    Delay: 1
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: ['"one"', '"two"']
ExpectedExecutionHistory:
  - EventType: CallbackStarted
    EventId: 2
    Name: first
`);
    expect(await runRequirement(twoWildcards, { handler: twoCallbacks })).toEqual({
      id: "4-99",
      suite: "callback",
      status: "pass",
      detail: "",
    });
  });

  it("hands out actions by callback, in start order, when callbacks share a name", async () => {
    const twoApprovals = withDurableExecution(async (_event: unknown, context: DurableContext) => {
      const [first] = await context.createCallback("approval");
      const [second] = await context.createCallback("approval");
      return [await first, await second];
    });
    // The second action is due first: it must still go to the second callback.
    const twoWildcards = requirement(`CallbackActions:
  - CallbackName: '*'
    Operation: success
    Payload: one
    Delay: 2
  - CallbackName: '*'
    Operation: success
    Payload: two
    Delay: 1
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: ['"one"', '"two"']
ExpectedExecutionHistory:
  - EventType: CallbackStarted
    EventId: 2
    Name: approval
  - EventType: CallbackStarted
    EventId: 3
    Name: approval
`);
    expect(await runRequirement(twoWildcards, { handler: twoApprovals })).toMatchObject({
      status: "pass",
      detail: "",
    });
  });

  it("fails a callback with the failure payload as its ErrorObject", async () => {
    const rejected = requirement(`CallbackActions:
  - CallbackName: '*'
    Operation: failure
    Payload:
      ErrorType: RejectedError
      ErrorMessage: not approved
ExpectedResult:
  ExecutionStatus: FAILED
ExpectedExecutionHistory:
  - EventType: CallbackFailed
    EventId: 4
    CallbackFailedDetails:
      Error:
        Payload:
          ErrorType: RejectedError
          ErrorMessage: accepted
`);
    const outcome = await runRequirement(rejected, { handler: approval });
    expect(outcome.status).toBe("FAIL");
    expect(outcome.detail).toBe(
      'history[EventId 4].CallbackFailedDetails.Error.Payload.ErrorMessage: expected "accepted", got "not approved"',
    );
  });

  it("lets context.invoke reach the functions of the handler entry", async () => {
    const doubled = requirement(`Input: 21
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: 42
ExpectedExecutionHistory:
  - EventType: ChainedInvokeStarted
    EventId: 2
    ChainedInvokeStartedDetails:
      FunctionName: double
      Input:
        Payload: '21'
`);
    const handler = withDurableExecution(async (n: number, context: DurableContext) => {
      return await context.invoke<number, number>("double", n);
    });
    const double = withDurableExecution(async (n: number) => n * 2);
    const outcome = await runRequirement(doubled, { handler, functions: { double } });
    expect(outcome).toMatchObject({ status: "pass", detail: "" });
  });
});
