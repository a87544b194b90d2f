import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";
import { ECHO_FUNCTION, echoFunction } from "./targets.js";

interface TenantInput {
  tenantId: string;
  payload: string;
}

/** 5-8 Invoke with tenantId: the invoke sends `event.payload` for tenant `event.tenantId`. */
export const handler = withDurableExecution(async (event: TenantInput, context: DurableContext) => {
  return await context.invoke<string, string>("echo-for-tenant", ECHO_FUNCTION, event.payload, {
    tenantId: event.tenantId,
  });
});

export const functions = { [ECHO_FUNCTION]: echoFunction };

export const notes =
  'The prose calls context.invoke(targetFunctionName, event.payload, { tenantId }); with a string payload that call reads as invoke(name, functionName, input) in this runtime as in the official SDK, so the handler names the operation "echo-for-tenant". The requirement does not check the Name.';
