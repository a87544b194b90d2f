import type { Operation } from "@aws-sdk/client-lambda";
import { classifyClientError } from "./checkpoint/classify.js";
import { lambdaDurableExecutionClient } from "./checkpoint/lambda-client.js";
import { currentLoggerConfig } from "./configure.js";
import { DurableContextImpl } from "./context/durable-context.js";
import { runInContext } from "./context/scope.js";
import {
  InvalidInvocationEventError,
  PayloadTooLargeError,
  SerdesError,
  toErrorObject,
} from "./errors.js";
import { classifyFatal, Invocation, type Termination } from "./execution/invocation.js";
import { OperationLog } from "./replay/operation-log.js";
import type { DurableExecutionClient } from "./types/client.js";
import type { DurableContext } from "./types/durable-context.js";
import {
  type DurableExecutionConfig,
  type DurableExecutionHandler,
  type DurableExecutionInvocationInput,
  type DurableExecutionInvocationOutput,
  InvocationStatus,
  type LambdaContext,
} from "./types/invocation.js";
import type { DurableLogger } from "./types/logger.js";
import type { WireOperation } from "./types/wire.js";

/**
 * Lambda's limit on a handler's response and a durable execution's result: 6 MB, as UTF-8 bytes
 * (protocol.md §7).
 */
export const MAX_RESULT_BYTES = 6 * 1024 * 1024;
const STATE_PAGE_SIZE = 1000;

let defaultClient: DurableExecutionClient | undefined;

/**
 * Wraps a durable handler as a Lambda handler. Each invocation replays the checkpoint log, runs
 * the handler until it returns, throws, or has to wait for the service, and answers Lambda with
 * `SUCCEEDED`, `FAILED` or `PENDING` (protocol.md §1).
 *
 * @example
 * export const handler = withDurableExecution(async (event: { name: string }, context) => {
 *   const greeting = await context.step("greet", () => `Hello, ${event.name}!`);
 *   await context.wait({ days: 1 });
 *   return greeting;
 * });
 */
export function withDurableExecution<
  Input = unknown,
  Output = unknown,
  Logger extends DurableLogger = DurableLogger,
>(
  handler: DurableExecutionHandler<Input, Output, Logger>,
  config: DurableExecutionConfig = {},
): (event: unknown, lambdaContext?: LambdaContext) => Promise<DurableExecutionInvocationOutput> {
  const configuredClient =
    config.durableExecutionClient ??
    (config.client === undefined
      ? undefined
      : lambdaDurableExecutionClient({ client: config.client }));
  const lambdaHandler = async (
    event: unknown,
    lambdaContext?: LambdaContext,
  ): Promise<DurableExecutionInvocationOutput> => {
    const input = readInvocationEvent(event);
    const client = chooseClient(input, configuredClient);
    const operations = await loadOperations(client, input);
    const log = new OperationLog(operations);
    const execution = log.executionOperation();
    if (execution === undefined) {
      throw invalidEvent("InitialExecutionState.Operations has no EXECUTION operation");
    }
    const invocation = new Invocation(
      input.DurableExecutionArn,
      lambdaContext,
      log,
      client,
      input.CheckpointToken,
      currentLoggerConfig(),
    );
    const root = new DurableContextImpl(invocation, log.size > 1);

    let userInput: Input;
    try {
      userInput = JSON.parse(execution.ExecutionDetails?.InputPayload ?? "{}") as Input;
    } catch (error) {
      return {
        Status: InvocationStatus.FAILED,
        Error: toErrorObject(new SerdesError(`The execution input is not JSON: ${String(error)}`)),
      };
    }

    const user = Promise.resolve()
      // The logger type parameter only types context.logger; the context is the same.
      .then(() =>
        runInContext(root, () => handler(userInput, root as unknown as DurableContext<Logger>)),
      )
      .then(
        (value): Outcome => ({ kind: "returned", value }),
        (error: unknown): Outcome => ({ kind: "threw", error }),
      );
    const first = await Promise.race([user, invocation.terminated]);
    return finish(first, invocation, execution);
  };
  // Test harnesses tell handlers of this runtime from others by this mark.
  return Object.defineProperty(lambdaHandler, RUNTIME_MARK, { value: "@durable-examples/runtime" });
}

const RUNTIME_MARK = Symbol.for("durable-examples.runtime");

type Outcome =
  | { kind: "returned"; value: unknown }
  | { kind: "threw"; error: unknown }
  | Termination;

async function finish(
  outcome: Outcome,
  invocation: Invocation,
  execution: Operation,
): Promise<DurableExecutionInvocationOutput> {
  if (outcome.kind === "suspend") return { Status: InvocationStatus.PENDING };
  if (outcome.kind === "fail-invocation") throw outcome.error;
  if (outcome.kind === "fail-execution") {
    return { Status: InvocationStatus.FAILED, Error: toErrorObject(outcome.error) };
  }
  let response: DurableExecutionInvocationOutput;
  if (outcome.kind === "threw") {
    // Errors Lambda must retry end the invocation, not the execution.
    if (classifyFatal(outcome.error).kind === "fail-invocation") throw outcome.error;
    response = { Status: InvocationStatus.FAILED, Error: toErrorObject(outcome.error) };
  } else {
    try {
      response = {
        Status: InvocationStatus.SUCCEEDED,
        Result: resultPayload(outcome.value, invocation, execution),
      };
    } catch (error) {
      // A result too large to keep anywhere ends the execution; retrying cannot shrink it.
      if (!(error instanceof PayloadTooLargeError)) throw error;
      response = { Status: InvocationStatus.FAILED, Error: toErrorObject(error) };
    }
  }
  // What the handler queued is sent before Lambda hears the outcome.
  const drained = await drain(invocation);
  return drained === undefined ? response : finish(drained, invocation, execution);
}

/**
 * The handler's result as JSON. One that makes the response too large goes into the checkpoint
 * log instead, and the response carries "" (protocol.md §5). Decision: the response is measured
 * as Lambda counts it, in bytes of the whole response with the result escaped inside it (the
 * official SDK counts the result alone and keeps 50 bytes for the rest, which a result full of
 * quotes or non-ASCII text overruns).
 */
function resultPayload(
  value: unknown,
  invocation: Invocation,
  execution: Operation,
): string | undefined {
  let result: string | undefined;
  try {
    result = value === undefined ? undefined : JSON.stringify(value);
  } catch (error) {
    throw new SerdesError(`The handler's result could not be serialized: ${String(error)}`, {
      cause: error,
    });
  }
  if (result === undefined) return result;
  const responseBytes = Buffer.byteLength(
    JSON.stringify({ Status: InvocationStatus.SUCCEEDED, Result: result }),
  );
  if (responseBytes <= MAX_RESULT_BYTES) return result;
  const resultBytes = Buffer.byteLength(result);
  if (resultBytes > MAX_RESULT_BYTES) {
    throw new PayloadTooLargeError(
      `The handler's result is ${resultBytes} bytes once serialized; a durable execution's result may be at most ${MAX_RESULT_BYTES} bytes (6 MB). Store large data elsewhere (S3, DynamoDB) and return a reference to it.`,
    );
  }
  void invocation.checkpointer.enqueue({
    Id: execution.Id,
    Type: "EXECUTION",
    Action: "SUCCEED",
    Payload: result,
  });
  return "";
}

/**
 * Waits for queued checkpoints; returns the termination if the invocation ended meanwhile. A
 * suspend because a response carried no token leaves updates unsent (the large result's EXECUTION
 * update among them), so the outcome waits for the next invocation: PENDING (protocol.md §2,
 * token threading rule 3). Any other suspend came after the queue drained, so the outcome stands.
 */
async function drain(invocation: Invocation): Promise<Termination | undefined> {
  const settled = await Promise.race([
    invocation.checkpointer.drain().then(() => undefined),
    invocation.terminated,
  ]);
  if (settled?.kind === "suspend" && !invocation.checkpointer.stalled) return undefined;
  return settled;
}

function readInvocationEvent(event: unknown): DurableExecutionInvocationInput {
  const candidate = event as Partial<DurableExecutionInvocationInput> | null;
  if (typeof candidate !== "object" || candidate === null) {
    throw invalidEvent(`expected an object, got ${candidate === null ? "null" : typeof candidate}`);
  }
  const problems = [
    isText(candidate.DurableExecutionArn) ? "" : "DurableExecutionArn is missing",
    isText(candidate.CheckpointToken) ? "" : "CheckpointToken is missing",
    Array.isArray(candidate.InitialExecutionState?.Operations)
      ? ""
      : "InitialExecutionState.Operations is not a list",
  ].filter((problem) => problem !== "");
  if (problems.length > 0) throw invalidEvent(problems.join("; "));
  return candidate as DurableExecutionInvocationInput;
}

function isText(value: unknown): boolean {
  return typeof value === "string" && value !== "";
}

function invalidEvent(problem: string): InvalidInvocationEventError {
  return new InvalidInvocationEventError(
    `Invalid durable invocation event: ${problem}. A durable handler must be invoked by the Lambda durable execution service (or a test harness); is durable execution enabled on this function?`,
  );
}

/**
 * protocol.md §9: an injected client wins, then the configured one (`durableExecutionClient`, or
 * one over the configured `client`), then a default `LambdaClient`.
 */
function chooseClient(
  input: DurableExecutionInvocationInput,
  configured: DurableExecutionClient | undefined,
): DurableExecutionClient {
  const injected = input.durableExecutionClient;
  if (
    typeof injected?.checkpoint === "function" &&
    typeof injected.getExecutionState === "function"
  ) {
    return injected;
  }
  if (configured !== undefined) return configured;
  defaultClient ??= lambdaDurableExecutionClient();
  return defaultClient;
}

/**
 * protocol.md §1: pages the rest of the state with the event's token, which it does not consume.
 * The log reads no timestamp, so the event's JSON strings serve as well as the SDK's Dates.
 */
async function loadOperations(
  client: DurableExecutionClient,
  input: DurableExecutionInvocationInput,
): Promise<Operation[]> {
  const operations: WireOperation[] = [...input.InitialExecutionState.Operations];
  let marker = input.InitialExecutionState.NextMarker;
  while (marker !== undefined && marker !== "") {
    let page: Awaited<ReturnType<DurableExecutionClient["getExecutionState"]>>;
    try {
      page = await client.getExecutionState({
        DurableExecutionArn: input.DurableExecutionArn,
        CheckpointToken: input.CheckpointToken,
        Marker: marker,
        MaxItems: STATE_PAGE_SIZE,
      });
    } catch (error) {
      throw classifyClientError(error, "GetDurableExecutionState");
    }
    operations.push(...(page.Operations ?? []));
    marker = page.NextMarker;
  }
  return operations as Operation[];
}
