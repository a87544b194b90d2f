import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
  Operation,
} from "@aws-sdk/client-lambda";
import { copyData, copyOperation } from "../copy.js";
import { InvalidParameterValueError } from "../errors.js";
import type { Execution } from "../executions/execution.js";
import type { ServiceLimits } from "../limits.js";
import type { ServiceEnvironment } from "../operations/operation-type.js";
import { decodeMarker, encodeMarker, resolvePageSize } from "../paging.js";
import { applyUpdates } from "./apply.js";
import { validateUpdates } from "./validate.js";

/** protocol.md §7: a `ClientToken` is deduplicated for 15 minutes. */
const CLIENT_TOKEN_WINDOW_MS = 15 * 60 * 1000;

/**
 * CheckpointDurableExecution on one execution (protocol.md §2): checks the token, validates the
 * whole request, applies it atomically, consumes the token and returns a new one (none once the
 * execution has ended), with the operations this request changed plus those the service changed
 * since the invocation's previous checkpoint.
 */
export function checkpointExecution(
  execution: Execution,
  request: CheckpointDurableExecutionRequest,
  limits: ServiceLimits,
  now: Date,
  environment: ServiceEnvironment,
): CheckpointDurableExecutionResponse {
  const clientToken = request.ClientToken;
  if (clientToken !== undefined) {
    const remembered = execution.checkpointsByClientToken.get(clientToken);
    // A retried request (same ClientToken and token) gets the first answer again, unapplied.
    if (
      remembered !== undefined &&
      remembered.checkpointToken === request.CheckpointToken &&
      now.getTime() - remembered.at < CLIENT_TOKEN_WINDOW_MS
    ) {
      return copyData(remembered.response);
    }
  }
  requireCurrentToken(execution, request.CheckpointToken, "checkpoint");
  const updates = validateUpdates(request.Updates, execution, limits);

  const changed = applyUpdates(updates, execution, now, environment);
  // Decision (protocol.md §3 "Pruning" is silent on responses): the operations of this request
  // are always returned, pruned or not, since the function just wrote them; a service change to
  // an operation the function no longer sees (a pruned callback that completed) is left out.
  for (const id of execution.takeServiceChanges()) {
    if (!execution.isPruned(id)) changed.add(id);
  }
  // protocol.md §2: each checkpoint consumes its token; none is issued after the execution ends.
  execution.checkpointToken = execution.status === "RUNNING" ? environment.issueToken() : undefined;

  const response: CheckpointDurableExecutionResponse = {
    NewExecutionState: { Operations: execution.operationsInStartOrder(changed).map(copyOperation) },
  };
  if (execution.checkpointToken !== undefined) response.CheckpointToken = execution.checkpointToken;
  if (clientToken !== undefined) {
    rememberResponse(execution, clientToken, request.CheckpointToken!, response, now);
  }
  return response;
}

/**
 * GetDurableExecutionState (protocol.md §2): one page of operations in start order, pruned ones
 * left out (§3). It checks the token but does not consume it: the runtime pages with the event's
 * token, then checkpoints with it.
 */
export function readExecutionState(
  execution: Execution,
  request: GetDurableExecutionStateRequest,
  now: Date,
): GetDurableExecutionStateResponse {
  requireCurrentToken(execution, request.CheckpointToken, "read the state of");
  const pageSize = resolvePageSize(request.MaxItems);
  const start =
    request.Marker === undefined
      ? 0
      : decodeMarker(request.Marker, "state", execution.arn, false, now);
  return operationPage(execution, start, pageSize, now);
}

/**
 * At most `pageSize` operations the function sees (protocol.md §3 "Pruning"), from position
 * `start` of the full start order, and the marker for more. Positions count every operation,
 * pruned or not: operations are never removed or reordered, so a marker stays valid while
 * contexts end between pages.
 */
export function operationPage(
  execution: Execution,
  start: number,
  pageSize: number,
  now: Date,
): { Operations: Operation[]; NextMarker?: string } {
  const all = execution.allOperations();
  const operations: Operation[] = [];
  let index = start;
  for (; index < all.length && operations.length < pageSize; index += 1) {
    const operation = all[index]!;
    if (!execution.isPruned(operation.Id!)) operations.push(copyOperation(operation));
  }
  while (index < all.length && execution.isPruned(all[index]!.Id!)) index += 1;
  const page: { Operations: Operation[]; NextMarker?: string } = { Operations: operations };
  if (index < all.length) page.NextMarker = encodeMarker("state", execution.arn, index, false, now);
  return page;
}

/**
 * protocol.md §2 token threading: only the token the service issued last for the invocation in
 * flight is accepted. The message starts "Invalid checkpoint token" so that the runtime treats it
 * as invocation-fatal and Lambda retries with a fresh token.
 */
function requireCurrentToken(execution: Execution, token: unknown, action: string): void {
  if (execution.status !== "RUNNING") {
    throw new InvalidParameterValueError(
      `Cannot ${action} durable execution ${execution.arn}: it has ended with status ${execution.status}.`,
    );
  }
  if (typeof token !== "string" || token.length === 0) {
    throw new InvalidParameterValueError(
      "Invalid checkpoint token: CheckpointToken is required. Use the token of the invocation event or of the latest checkpoint response.",
    );
  }
  if (token !== execution.checkpointToken) {
    throw new InvalidParameterValueError(
      "Invalid checkpoint token: it was already used, belongs to an earlier invocation, or was never issued. Use the token of the latest checkpoint response (the invocation event's before the first checkpoint).",
    );
  }
}

function rememberResponse(
  execution: Execution,
  clientToken: string,
  checkpointToken: string,
  response: CheckpointDurableExecutionResponse,
  now: Date,
): void {
  const remembered = execution.checkpointsByClientToken;
  for (const [key, entry] of remembered) {
    if (now.getTime() - entry.at >= CLIENT_TOKEN_WINDOW_MS) remembered.delete(key);
  }
  remembered.set(clientToken, { checkpointToken, response: copyData(response), at: now.getTime() });
}
