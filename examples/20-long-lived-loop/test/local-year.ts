import {
  type Event,
  GetDurableExecutionHistoryCommand,
  InvokeCommand,
  paginateListDurableExecutionsByFunction,
} from "@aws-sdk/client-lambda";
import { type LocalLambda, localLambda } from "@durable-examples/testing";
import { dailyMeter, executionName, type MeterState } from "../src/daily-meter.js";

export const FUNCTION_NAME = "daily-meter";
export const firstMonth: MeterState = {
  subscriptionId: "sub-20",
  fromDay: 1,
  lastDay: 365,
  unitsSoFar: 0,
};

/** The loop on a local Lambda: the function registered with its alias, and the client it uses. */
export function localMeter(daysPerExecution?: number): LocalLambda {
  const lambda = localLambda();
  lambda.register(FUNCTION_NAME, {
    handler: meterOn(lambda, daysPerExecution),
    aliases: ["live"],
  });
  return lambda;
}

/** The handler as deployed, with its Lambda calls going to `lambda`. */
export function meterOn(lambda: LocalLambda, daysPerExecution?: number) {
  return dailyMeter({
    lambda: lambda.client,
    functionName: FUNCTION_NAME,
    qualifier: "live",
    ...(daysPerExecution === undefined ? {} : { daysPerExecution }),
  });
}

/** Starts the loop as a scheduler or a person would: one Event invoke, named after the state. */
export function startYear(lambda: LocalLambda, state: MeterState = firstMonth) {
  return lambda.client.send(
    new InvokeCommand({
      FunctionName: FUNCTION_NAME,
      Qualifier: "live",
      InvocationType: "Event",
      DurableExecutionName: executionName(state),
      Payload: JSON.stringify(state),
    }),
  );
}

export interface ExecutionCost {
  name: string;
  status: string;
  result: unknown;
  operations: number;
  events: number;
  invocations: number;
  /** Operations each invocation replayed before it could go on, summed. */
  replayed: number;
}

/**
 * Runs the loop to its end and returns every execution, oldest first, with what it cost. Lambda
 * keeps an ended execution for its retention period (14 days by default), so each is read in the
 * week it ends, before it is gone.
 */
export async function runYear(lambda: LocalLambda): Promise<ExecutionCost[]> {
  const ended = new Map<string, ExecutionCost>();
  do {
    await lambda.advance({ days: 7 });
    for (const execution of await endedExecutions(lambda, ended)) {
      ended.set(execution.name, execution);
    }
  } while (lambda.running().length > 0);
  return [...ended.values()];
}

/** The executions that have ended since `known` was read, oldest first, read through the Lambda API. */
async function endedExecutions(
  lambda: LocalLambda,
  known: Map<string, ExecutionCost>,
): Promise<ExecutionCost[]> {
  const costs: ExecutionCost[] = [];
  const pages = paginateListDurableExecutionsByFunction(
    { client: lambda.client },
    { FunctionName: FUNCTION_NAME, ReverseOrder: true },
  );
  for await (const page of pages) {
    for (const execution of page.DurableExecutions ?? []) {
      if (execution.Status === "RUNNING" || known.has(execution.DurableExecutionName!)) continue;
      const arn = execution.DurableExecutionArn!;
      const events = await historyOf(lambda, arn);
      const result = lambda.service.getExecution({ DurableExecutionArn: arn }).Result;
      costs.push({
        name: execution.DurableExecutionName!,
        status: execution.Status!,
        result: result === undefined ? undefined : JSON.parse(result),
        operations: lambda.service.getOperations(arn).length,
        events: events.length,
        ...replayCost(events),
      });
    }
  }
  return costs;
}

async function historyOf(lambda: LocalLambda, arn: string): Promise<Event[]> {
  const events: Event[] = [];
  let marker: string | undefined;
  do {
    const page = await lambda.client.send(
      new GetDurableExecutionHistoryCommand({
        DurableExecutionArn: arn,
        MaxItems: 1000,
        Marker: marker,
      }),
    );
    events.push(...(page.Events ?? []));
    marker = page.NextMarker;
  } while (marker !== undefined);
  return events;
}

/**
 * Each invocation replays every operation recorded before it began: the operations seen by the
 * end of the invocation before it. The execution's own operation is not counted.
 */
function replayCost(events: Event[]): { invocations: number; replayed: number } {
  const seen = new Set<string>();
  let before = 0;
  let invocations = 0;
  let replayed = 0;
  for (const event of events) {
    if (event.EventType === "InvocationCompleted") {
      invocations += 1;
      replayed += before;
      before = seen.size;
    } else if (event.Id !== undefined && !event.EventType!.startsWith("Execution")) {
      seen.add(event.Id);
    }
  }
  return { invocations, replayed };
}
