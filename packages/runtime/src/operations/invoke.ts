import type { DurableContextImpl, OperationHandle } from "../context/durable-context.js";
import { InvokeError } from "../errors.js";
import { deserializeWith, serializeWith } from "../serdes.js";
import type { InvokeConfig } from "../types/invoke.js";
import type { Serdes } from "../types/serdes.js";

/**
 * `context.invoke` (protocol.md §3, CHAINED_INVOKE): the service invokes the function with the
 * input and re-invokes this one when it ends. This invocation suspends meanwhile.
 *
 * Replay: an invoke that ended returns the function's result or throws the same `InvokeError`
 * (failed, timed out or stopped); one still running suspends again.
 */
export async function runInvoke<I, O>(
  context: DurableContextImpl,
  operation: OperationHandle,
  functionName: string,
  input: I,
  config: InvokeConfig<I, O>,
): Promise<O> {
  const resultSerdes = (config.resultSerdes ?? context.serdesSettings.defaultSerdes) as Serdes<O>;
  if (operation.record === undefined && context.mode !== "rebuild") {
    const payloadSerdes = (config.payloadSerdes ??
      context.serdesSettings.defaultSerdes) as Serdes<I>;
    const payload = await serializeWith(payloadSerdes, input, operation);
    void context.enqueue({
      ...operation.update,
      Action: "START",
      Payload: payload,
      ChainedInvokeOptions: { FunctionName: functionName, TenantId: config.tenantId },
    });
  }
  const record = await context.waitForOutcome(operation.id);
  if (record.Status === "SUCCEEDED") {
    return deserializeWith(resultSerdes, record.ChainedInvokeDetails?.Result, operation);
  }
  throw InvokeError.fromErrorObject(record.ChainedInvokeDetails?.Error);
}
