import { describe, expect, it } from "vitest";
import { DurableExecutionService, foldJournal, VirtualClock } from "../../src/index.js";
import { FUNCTION_NAME, historyOf, Invocation, setup, step, wait } from "../helpers/service.js";

describe("execution journal", () => {
  it("gives a new execution's seed and everything it holds, then nothing until it changes", () => {
    const { service } = setup({ journal: true });
    const { durableExecutionArn: arn } = service.startExecution({
      functionName: FUNCTION_NAME,
      input: '"hello"',
    });

    const { entries } = service.takeJournalEntries();
    expect(entries.map((entry) => entry.executionArn)).toEqual([arn]);
    const [first] = entries;
    expect(first?.entry.seed).toMatchObject({ arn, input: '"hello"' });
    expect(first?.entry.operations).toHaveLength(1);
    expect(first?.entry.events).toHaveLength(1);
    expect(service.takeJournalEntries().entries).toEqual([]);
  });

  it("records only what a checkpoint changed, however long the execution already is", () => {
    const { service } = setup({ journal: true });
    const { durableExecutionArn: arn } = service.startExecution({ functionName: FUNCTION_NAME });
    const invocation = new Invocation(service, arn);
    for (let i = 0; i < 50; i++) invocation.checkpoint(step.succeed(`s${i}`, `${i}`));
    service.takeJournalEntries();

    invocation.checkpoint(step.succeed("last", '"x"'));
    const [change] = service.takeJournalEntries().entries;

    expect(change?.entry.seed).toBeUndefined();
    expect(change?.entry.operations).toEqual([expect.objectContaining({ Id: "last" })]);
    expect(change?.entry.events.length).toBeLessThanOrEqual(2);
  });

  it("adds up to the same execution in a new service, which carries on from it", () => {
    const { service } = setup({ journal: true });
    const { durableExecutionArn: arn } = service.startExecution({ functionName: FUNCTION_NAME });
    const lines: unknown[] = [];
    const take = () => {
      for (const { entry } of service.takeJournalEntries().entries) lines.push(entry);
    };
    take();
    const first = new Invocation(service, arn);
    take();
    first.checkpoint(step.succeed("a", '"1"'));
    take();
    first.checkpoint(step.succeed("b", '"2"'), wait.start("w", 10));
    first.pending();
    take();

    const clock = new VirtualClock();
    const restored = new DurableExecutionService({ clock, journal: true });
    restored.registerFunction(FUNCTION_NAME);
    const state = service.exportState({ executions: false });
    restored.importState(
      { ...state, executions: [JSON.parse(JSON.stringify(foldJournal(lines)))] },
      { journaled: true },
    );

    expect(historyOf(restored, arn)).toEqual(historyOf(service, arn));
    expect(restored.takeJournalEntries().entries).toEqual([]);
    clock.advanceTo(new Date(clock.now().getTime() + 10_000));
    restored.fireDueTimers();
    const second = new Invocation(restored, arn);
    expect(second.request.event.InitialExecutionState?.Operations?.map((op) => op.Id)).toEqual(
      expect.arrayContaining(["a", "b", "w"]),
    );
    expect(restored.takeJournalEntries().entries).toHaveLength(1);
  });

  it("refuses a journal whose first line holds no seed", () => {
    expect(() => foldJournal([{ operations: [], events: [] }])).toThrow(
      "Cannot read the journal: its first line does not hold the execution's seed.",
    );
  });

  it("refuses to give entries from a service made without journal", () => {
    const { service, start } = setup();
    start();
    expect(() => service.takeJournalEntries()).toThrow(
      "takeJournalEntries: this service keeps no journal. Make it with journal: true.",
    );
  });
});
