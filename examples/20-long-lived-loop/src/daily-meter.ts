import { InvokeCommand, type LambdaClient } from "@aws-sdk/client-lambda";
import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { usage } from "./usage.js";

/** What one execution hands the next: where the year stands. */
export interface MeterState {
  subscriptionId: string;
  /** The day this execution meters first, from 1. */
  fromDay: number;
  /** The last day of the whole loop (365 for a year). */
  lastDay: number;
  /** Units metered on the days before `fromDay`. */
  unitsSoFar: number;
}

export type MeterResult =
  | { subscriptionId: string; days: string; totalUnits: number; finished: true }
  | { subscriptionId: string; days: string; unitsSoFar: number; continuedAs: string };

export interface DailyMeterOptions {
  /** Starts the next execution. */
  lambda: LambdaClient;
  /** This function, as the next execution is invoked. */
  functionName: string;
  /** The alias or version the next execution runs: an alias picks up the code deployed by then. */
  qualifier: string;
  /** Days one execution meters before it hands over (default 30): what bounds its history. */
  daysPerExecution?: number;
}

/**
 * Meters a subscription's usage once a day for as many days as `lastDay` says, without one ever
 * longer history: each execution meters `daysPerExecution` days (a step, then a day's wait), then
 * starts a fresh execution of this function with the state so far and ends. The next execution's
 * name is derived from the state, so a retry of the handover finds the execution it started
 * instead of starting a second one.
 */
export function dailyMeter({
  lambda,
  functionName,
  qualifier,
  daysPerExecution = 30,
}: DailyMeterOptions) {
  return withDurableExecution(
    async (input: unknown, context: DurableContext): Promise<MeterResult> => {
      const state = readState(input);
      const toDay = Math.min(state.fromDay + daysPerExecution - 1, state.lastDay);
      const days = `${state.fromDay}-${toDay}`;
      let units = state.unitsSoFar;
      for (let day = state.fromDay; day <= toDay; day++) {
        units += await context.step(`meter-day-${day}`, () =>
          usage.unitsOn(state.subscriptionId, day),
        );
        if (day < state.lastDay) await context.wait(`until-day-${day + 1}`, { days: 1 });
      }
      const { subscriptionId } = state;
      if (toDay === state.lastDay)
        return { subscriptionId, days, totalUnits: units, finished: true };

      const next: MeterState = { ...state, fromDay: toDay + 1, unitsSoFar: units };
      const continuedAs = await context.step("continue-as-new", async () => {
        const started = await lambda.send(
          new InvokeCommand({
            FunctionName: functionName,
            Qualifier: qualifier,
            InvocationType: "Event",
            DurableExecutionName: executionName(next),
            Payload: JSON.stringify(next),
          }),
        );
        return started.DurableExecutionArn!;
      });
      return { subscriptionId, days, unitsSoFar: units, continuedAs };
    },
  );
}

/** The execution that meters from `state.fromDay`: one name per subscription and day. */
export function executionName(state: MeterState): string {
  return `${state.subscriptionId}-from-day-${state.fromDay}`;
}

/** The input, checked: a bad one fails the execution at once, saying what is wrong. */
function readState(input: unknown): MeterState {
  const state = (input ?? {}) as Partial<MeterState>;
  const problem = (field: string, allowed: string, value: unknown) =>
    new TypeError(`daily-meter: ${field} must be ${allowed}, got ${JSON.stringify(value)}.`);
  // The name of the next execution is built from it: DurableExecutionName allows [a-zA-Z0-9-_]{1,64}.
  if (
    typeof state.subscriptionId !== "string" ||
    !/^[a-zA-Z0-9_-]{1,40}$/.test(state.subscriptionId)
  ) {
    throw problem("subscriptionId", "1 to 40 letters, digits, - or _", state.subscriptionId);
  }
  if (!Number.isInteger(state.fromDay) || state.fromDay! < 1) {
    throw problem("fromDay", "a whole number from 1", state.fromDay);
  }
  if (!Number.isInteger(state.lastDay) || state.lastDay! < state.fromDay!) {
    throw problem("lastDay", `a whole number from fromDay (${state.fromDay})`, state.lastDay);
  }
  if (typeof state.unitsSoFar !== "number" || !(state.unitsSoFar >= 0)) {
    throw problem("unitsSoFar", "a number of 0 or more", state.unitsSoFar);
  }
  return state as MeterState;
}
