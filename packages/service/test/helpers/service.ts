import type {
  CheckpointDurableExecutionResponse,
  ErrorObject,
  Event,
  OperationUpdate,
} from "@aws-sdk/client-lambda";
import { expect } from "vitest";
import {
  DurableExecutionService,
  type FunctionConfig,
  type InvocationRequest,
  type ServiceLimits,
  VirtualClock,
} from "../../src/index.js";

export const FUNCTION_NAME = "test-function";
export const T0 = new Date("2025-01-01T00:00:00Z");

/** A service with one registered function and its own virtual clock at {@link T0}. */
export function setup(
  options: { limits?: Partial<ServiceLimits>; config?: FunctionConfig; journal?: boolean } = {},
) {
  const clock = new VirtualClock();
  const service = new DurableExecutionService({
    clock,
    limits: options.limits,
    journal: options.journal,
  });
  service.registerFunction(FUNCTION_NAME, options.config);
  const start = (input = '"hello"', executionName?: string) =>
    service.startExecution({ functionName: FUNCTION_NAME, input, executionName })
      .durableExecutionArn;
  /** Moves the clock `seconds` forward and fires what is due. */
  const advance = (seconds: number) => {
    clock.advanceTo(new Date(clock.now().getTime() + seconds * 1000));
    service.fireDueTimers();
  };
  return { clock, service, start, advance };
}

/** One invocation, threading the checkpoint token the way the runtime does. */
export class Invocation {
  readonly request: InvocationRequest;
  token: string | undefined;

  constructor(
    private readonly service: DurableExecutionService,
    readonly arn: string,
  ) {
    this.request = service.beginInvocation(arn);
    this.token = this.request.event.CheckpointToken;
  }

  checkpoint(...updates: OperationUpdate[]): CheckpointDurableExecutionResponse {
    const response = this.service.checkpoint({
      DurableExecutionArn: this.arn,
      CheckpointToken: this.token,
      Updates: updates,
    });
    this.token = response.CheckpointToken;
    return response;
  }

  returns(output: unknown): void {
    this.service.endInvocation(this.arn, this.request.requestId, { kind: "returned", output });
  }

  pending(): void {
    this.returns({ Status: "PENDING" });
  }

  succeeds(result?: string): void {
    this.returns(
      result === undefined ? { Status: "SUCCEEDED" } : { Status: "SUCCEEDED", Result: result },
    );
  }

  throws(
    error: ErrorObject = { ErrorType: "Runtime.ExitError", ErrorMessage: "Runtime exited" },
  ): void {
    this.service.endInvocation(this.arn, this.request.requestId, { kind: "threw", error });
  }
}

/** Update builders, with SubTypes as the official SDK sends them. */
export const step = {
  start: (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
    Id: id,
    Type: "STEP",
    SubType: "Step",
    Action: "START",
    ...extra,
  }),
  succeed: (
    id: string,
    payload?: string,
    extra: Partial<OperationUpdate> = {},
  ): OperationUpdate => ({
    Id: id,
    Type: "STEP",
    SubType: "Step",
    Action: "SUCCEED",
    ...(payload === undefined ? {} : { Payload: payload }),
    ...extra,
  }),
  fail: (
    id: string,
    error: ErrorObject = { ErrorType: "Error", ErrorMessage: "boom" },
  ): OperationUpdate => ({
    Id: id,
    Type: "STEP",
    SubType: "Step",
    Action: "FAIL",
    Error: error,
  }),
  retry: (
    id: string,
    delaySeconds: number,
    error: ErrorObject = { ErrorType: "Error", ErrorMessage: "boom" },
  ): OperationUpdate => ({
    Id: id,
    Type: "STEP",
    SubType: "Step",
    Action: "RETRY",
    Error: error,
    StepOptions: { NextAttemptDelaySeconds: delaySeconds },
  }),
};

export const wait = {
  start: (id: string, seconds: number, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
    Id: id,
    Type: "WAIT",
    SubType: "Wait",
    Action: "START",
    WaitOptions: { WaitSeconds: seconds },
    ...extra,
  }),
  cancel: (id: string): OperationUpdate => ({
    Id: id,
    Type: "WAIT",
    SubType: "Wait",
    Action: "CANCEL",
  }),
};

export const context = {
  start: (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
    Id: id,
    Type: "CONTEXT",
    SubType: "RunInChildContext",
    Action: "START",
    ...extra,
  }),
  succeed: (
    id: string,
    payload?: string,
    extra: Partial<OperationUpdate> = {},
  ): OperationUpdate => ({
    Id: id,
    Type: "CONTEXT",
    SubType: "RunInChildContext",
    Action: "SUCCEED",
    ...(payload === undefined ? {} : { Payload: payload }),
    ...extra,
  }),
  fail: (
    id: string,
    error: ErrorObject = { ErrorType: "ChildContextError", ErrorMessage: "boom" },
    extra: Partial<OperationUpdate> = {},
  ): OperationUpdate => ({
    Id: id,
    Type: "CONTEXT",
    SubType: "RunInChildContext",
    Action: "FAIL",
    Error: error,
    ...extra,
  }),
};

export const callback = {
  start: (id: string, extra: Partial<OperationUpdate> = {}): OperationUpdate => ({
    Id: id,
    Type: "CALLBACK",
    SubType: "Callback",
    Action: "START",
    ...extra,
  }),
  cancel: (id: string): OperationUpdate => ({
    Id: id,
    Type: "CALLBACK",
    SubType: "Callback",
    Action: "CANCEL",
  }),
};

export const invoke = {
  start: (
    id: string,
    functionName: string,
    payload?: string,
    extra: Partial<OperationUpdate> = {},
  ): OperationUpdate => ({
    Id: id,
    Type: "CHAINED_INVOKE",
    SubType: "ChainedInvoke",
    Action: "START",
    ChainedInvokeOptions: { FunctionName: functionName },
    ...(payload === undefined ? {} : { Payload: payload }),
    ...extra,
  }),
  cancel: (id: string): OperationUpdate => ({
    Id: id,
    Type: "CHAINED_INVOKE",
    SubType: "ChainedInvoke",
    Action: "CANCEL",
  }),
};

/** The callback id a checkpoint response gives the CALLBACK operation `id`. */
export function callbackIdIn(response: CheckpointDurableExecutionResponse, id: string): string {
  const operation = response.NewExecutionState?.Operations?.find((op) => op.Id === id);
  const callbackId = operation?.CallbackDetails?.CallbackId;
  if (callbackId === undefined)
    throw new Error(`no CallbackId for operation ${id} in the response`);
  return callbackId;
}

/** The events of a history without timestamps and request ids, as the conformance files compare them. */
export function shapeOf(event: Event) {
  const { EventTimestamp: _timestamp, InvocationCompletedDetails, ...rest } = event;
  if (InvocationCompletedDetails === undefined) return rest;
  const {
    StartTimestamp: _start,
    EndTimestamp: _end,
    RequestId: _id,
    ...details
  } = InvocationCompletedDetails;
  return { ...rest, InvocationCompletedDetails: details };
}

/** Runs `fn` and returns the error it throws, checking its Lambda name. */
export function catchServiceError(fn: () => unknown, name: string): Error & { statusCode: number } {
  try {
    fn();
  } catch (error) {
    expect((error as Error).name).toBe(name);
    return error as Error & { statusCode: number };
  }
  throw new Error(`expected ${name}, but nothing was thrown`);
}

/** The whole history of an execution. */
export function historyOf(service: DurableExecutionService, arn: string): Event[] {
  return service.getExecutionHistory({ DurableExecutionArn: arn, MaxItems: 1000 }).Events ?? [];
}

/** `EventId: EventType` lines, for comparing sequences. */
export function eventTypes(events: Event[]): string[] {
  return events.map((event) => `${event.EventId} ${event.EventType}`);
}
