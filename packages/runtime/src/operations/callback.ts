import type { Operation } from "@aws-sdk/client-lambda";
import { rawStringSerdes } from "../configure.js";
import type { DurableContextImpl, OperationHandle } from "../context/durable-context.js";
import { DurablePromise, never } from "../durable-promise.js";
import { optionalSeconds } from "../duration.js";
import {
  CallbackError,
  CallbackExternalError,
  CallbackSubmitterError,
  CallbackTimeoutError,
  ChildContextError,
  type DurableOperationError,
  describeCall,
  StepError,
} from "../errors.js";
import { deserializeWith } from "../serdes.js";
import type {
  CallbackSubmitter,
  CreateCallbackConfig,
  WaitForCallbackConfig,
} from "../types/callback.js";
import type { DurableContext } from "../types/durable-context.js";
import type { Serdes } from "../types/serdes.js";
import { runChildContext } from "./child-context.js";

/**
 * `context.createCallback` (protocol.md §3). Checkpoints a CALLBACK START and waits for it: the
 * service makes the callback id, which comes back in the checkpoint response. The returned
 * promise of the answer waits on the service only once awaited, so code may hand out the id
 * (in a step) before the invocation suspends.
 *
 * Replay: the id comes from the record; an answered callback resolves at once, a failed one
 * throws `CallbackError`, a timed-out one `CallbackTimeoutError`.
 */
export async function runCreateCallback<T>(
  context: DurableContextImpl,
  name: string | undefined,
  config: CreateCallbackConfig<T>,
): Promise<[DurablePromise<T>, string]> {
  const what = describeCall("createCallback", name);
  const timeout = optionalSeconds(config.timeout, `${what} timeout`);
  const heartbeat = optionalSeconds(config.heartbeatTimeout, `${what} heartbeatTimeout`);
  const operation = context.begin("CALLBACK", "Callback", name);
  const { invocation } = context;
  if (operation.record === undefined) {
    if (context.mode === "rebuild") return never();
    await context.enqueue({
      ...operation.update,
      Action: "START",
      CallbackOptions: {
        TimeoutSeconds: timeout,
        HeartbeatTimeoutSeconds: heartbeat,
      },
    });
  }
  const callbackId = invocation.log.get(operation.id)?.CallbackDetails?.CallbackId;
  if (callbackId === undefined) {
    throw new CallbackError(`${operation.what}: the service returned no callback id.`);
  }
  const serdes = (config.serdes ??
    context.serdesSettings.callbackDeserializer ??
    rawStringSerdes) as Pick<Serdes<T>, "deserialize">;
  const answer = async (): Promise<T> =>
    callbackOutcome(await context.waitForOutcome(operation.id), serdes, operation);
  return [new DurablePromise(() => invocation.guard(answer()), false), callbackId];
}

async function callbackOutcome<T>(
  record: Operation,
  serdes: Pick<Serdes<T>, "deserialize">,
  operation: OperationHandle,
): Promise<T> {
  const details = record.CallbackDetails;
  switch (record.Status) {
    case "SUCCEEDED":
      return deserializeWith(serdes, details?.Result, operation);
    case "TIMED_OUT":
      throw CallbackTimeoutError.fromErrorObject(details?.Error);
    default:
      // Answered with SendDurableExecutionCallbackFailure, as the official SDK reports it.
      throw CallbackExternalError.fromErrorObject(details?.Error);
  }
}

/**
 * `context.waitForCallback` (protocol.md §6): in a CONTEXT, an unnamed CALLBACK, then the
 * submitter as an unnamed STEP that hands the callback id to the external system; then the answer.
 */
export async function runWaitForCallback<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  submitter: CallbackSubmitter,
  config: WaitForCallbackConfig<T>,
): Promise<T> {
  // The official SDK's layout (protocol.md §6): the callback reads the raw answer, the CONTEXT
  // stores it (raw once a callback deserializer is configured, else with the default serdes),
  // and the answer is read with `config.serdes` on every invocation, live and on replay alike.
  const custom = context.serdesSettings.callbackDeserializer;
  const reader = (config.serdes ?? custom ?? rawStringSerdes) as Pick<Serdes<T>, "deserialize">;
  const body = async (child: DurableContext): Promise<string> => {
    const [answer, callbackId] = await child.createCallback<string>({
      timeout: config.timeout,
      heartbeatTimeout: config.heartbeatTimeout,
      serdes: rawStringSerdes as Serdes<string>,
    });
    await child.step(
      async (step) => {
        await submitter(callbackId, { logger: step.logger });
      },
      { retryStrategy: config.retryStrategy },
    );
    return answer;
  };
  const raw = await runChildContext(context, operation, body, {
    ...(custom === undefined ? {} : { serdes: rawStringSerdes as Serdes<string> }),
    errorMapper: submitterFailure,
  });
  return deserializeWith(reader as Serdes<T>, raw, operation);
}

/**
 * As the official SDK maps a failed waitForCallback (its record keeps the error as thrown): a
 * callback's own failure passes through, a submitter that kept failing becomes
 * `CallbackSubmitterError`, anything else a `ChildContextError`.
 */
function submitterFailure(error: DurableOperationError): DurableOperationError {
  if (error instanceof CallbackError && !(error instanceof CallbackSubmitterError)) return error;
  if (error instanceof StepError) {
    return new CallbackSubmitterError(error.message, error);
  }
  return new ChildContextError(error.message, error);
}
