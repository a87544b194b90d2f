import type { DurableContextImpl, OperationHandle } from "../context/durable-context.js";
import { wireId } from "../context/operation-id.js";
import {
  ChildContextError,
  DurableConfigError,
  describeCall,
  ensureError,
  requireFunction,
  requireWholeNumber,
} from "../errors.js";
import {
  type BatchItem,
  BatchItemStatus,
  type BatchResult,
  type CompletionConfig,
  type CompletionDecision,
  type CompletionItemStatus,
  CompletionOutcome,
  type CompletionReason,
  type MapConfig,
  type MapFunc,
  NestingType,
  type ParallelBranch,
  type ParallelConfig,
} from "../types/batch.js";
import type { DurableContext } from "../types/durable-context.js";
import type { DurableLogger } from "../types/logger.js";
import {
  BatchResultImpl,
  batchResultSerdes,
  batchSummary,
  readBatchSummary,
} from "./batch-result.js";
import { runChildContext, runVirtualChildContext } from "./child-context.js";

/** One unit of work of a batch: a map item or a parallel branch. */
export interface BatchUnit<T> {
  name: string;
  run: (context: DurableContext) => Promise<T>;
}

export interface BatchSpec<T> {
  kind: "Map" | "Parallel";
  unitSubType: "MapIteration" | "ParallelBranch";
  units: BatchUnit<T>[];
  config: Omit<MapConfig<unknown, T>, "itemNamer">;
}

/** `context.map`: one unit per item, named by `itemNamer` or `map-item-<index>`. */
export function runMap<I, T>(
  context: DurableContextImpl,
  name: string | undefined,
  items: I[],
  fn: MapFunc<I, T, DurableLogger>,
  config: MapConfig<I, T>,
): Promise<BatchResult<T>> {
  if (!Array.isArray(items)) {
    throw new DurableConfigError(
      `${describeCall("map", name)}: items must be an array, got ${typeof items}.`,
    );
  }
  requireFunction(fn, "map", name);
  const operation = context.begin("CONTEXT", "Map", name);
  const units = items.map((item, index) => ({
    name: config.itemNamer?.(item, index) ?? `map-item-${index}`,
    run: (unitContext: DurableContext) => fn(unitContext, item, index, items),
  }));
  return runBatch(context, operation, { kind: "Map", unitSubType: "MapIteration", units, config });
}

/** `context.parallel`: one unit per branch, a function or `{ name, func }`. */
export function runParallel<T>(
  context: DurableContextImpl,
  name: string | undefined,
  branches: ParallelBranch<T>[],
  config: ParallelConfig<T>,
): Promise<BatchResult<T>> {
  const what = describeCall("parallel", name);
  if (!Array.isArray(branches)) {
    throw new DurableConfigError(
      `${what}: branches must be an array of functions or { name, func }.`,
    );
  }
  const units = branches.map((branch, index) => {
    const run = typeof branch === "function" ? branch : branch?.func;
    if (typeof run !== "function") {
      throw new DurableConfigError(
        `${what}: branch ${index} must be a function or { name?, func }.`,
      );
    }
    const branchName = typeof branch === "function" ? undefined : branch.name;
    return { name: branchName ?? `parallel-branch-${index}`, run };
  });
  const operation = context.begin("CONTEXT", "Parallel", name);
  return runBatch(context, operation, {
    kind: "Parallel",
    unitSubType: "ParallelBranch",
    units,
    config,
  });
}

/**
 * `map` and `parallel` (protocol.md §5, "Batches"): a CONTEXT holding one CONTEXT per unit (or,
 * with FLAT nesting, none), started in index order with at most `maxConcurrency` running.
 * After each unit finishes the completion config is asked whether the batch is done; once it is,
 * no unit starts, units still running are cut off (their checkpoints are dropped), and the batch
 * completes with a `BatchResult`.
 *
 * Replay: a completed batch returns its stored `BatchResult`. One stored as a summary (too large
 * to checkpoint) is rebuilt from its units' records, skipping units that never finished.
 */
function runBatch<T>(
  context: DurableContextImpl,
  operation: OperationHandle,
  spec: BatchSpec<T>,
): Promise<BatchResult<T>> {
  validateBatchConfig(spec, operation.name);
  const summaryType = spec.kind === "Map" ? "MapResult" : "ParallelResult";
  return runChildContext(
    context,
    operation,
    async (batchContext) => {
      const batch = batchContext as DurableContextImpl;
      return batch.mode === "rebuild"
        ? rebuildUnits(batch, operation, spec)
        : executeUnits(batch, spec);
    },
    {
      subType: spec.kind,
      serdes: (spec.config.serdes ?? batchResultSerdes) as never,
      summaryGenerator:
        spec.config.summaryGenerator ??
        ((result: BatchResult<T>) => batchSummary(summaryType, result, spec.units.length)),
    },
  );
}

function executeUnits<T>(batch: DurableContextImpl, spec: BatchSpec<T>): Promise<BatchResult<T>> {
  const { units, config } = spec;
  const maxConcurrency = config.maxConcurrency ?? Infinity;
  // Units start in index order, so items[i] is unit i once it started.
  const items: BatchItem<T>[] = [];
  const counts = { success: 0, failure: 0, completed: 0, total: units.length };
  let active = 0;
  let finished = false;

  return new Promise<BatchResult<T>>((resolve) => {
    const finish = (reason: CompletionReason) => {
      finished = true;
      // Units still running are cut off: whatever they checkpoint from now on is dropped.
      // Unit i runs at position i + 1 of the batch's context.
      for (const item of items) {
        if (item.status === BatchItemStatus.STARTED) batch.childAt(item.index + 1)?.close();
      }
      resolve(new BatchResultImpl(items, reason));
    };

    const startMore = () => {
      while (!finished && active < maxConcurrency && items.length < units.length) {
        const index = items.length;
        items.push({ index, status: BatchItemStatus.STARTED });
        active += 1;
        runUnit(batch, spec, index, (item) => {
          if (finished) return;
          items[index] = item;
          active -= 1;
          counts.completed += 1;
          if (item.status === BatchItemStatus.SUCCEEDED) counts.success += 1;
          else counts.failure += 1;
          const reason = completionReason(counts, items, units, config.completionConfig);
          if (reason === undefined) startMore();
          else finish(reason);
        });
      }
    };

    if (units.length === 0) finish("ALL_COMPLETED");
    else startMore();
  });
}

/** Rebuilds a batch whose result was stored as a summary, from its units' own records. */
async function rebuildUnits<T>(
  batch: DurableContextImpl,
  operation: OperationHandle,
  spec: BatchSpec<T>,
): Promise<BatchResult<T>> {
  const summary = readBatchSummary(operation.record?.ContextDetails?.Result);
  const { log } = batch.invocation;
  const items: BatchItem<T>[] = [];
  for (let index = 0; index < spec.units.length; index++) {
    const unitId = `${operation.stepId}-${index + 1}`;
    const record = log.get(wireId(unitId));
    const recordFinished = record?.Status === "SUCCEEDED" || record?.Status === "FAILED";
    const marker = summary.itemStatuses?.[index];
    const finished =
      marker === undefined
        ? recordFinished
        : (marker === "S" || marker === "F") && (record === undefined || recordFinished);
    if (finished) {
      items.push(await new Promise<BatchItem<T>>((settle) => runUnit(batch, spec, index, settle)));
      continue;
    }
    batch.skipPosition();
    // A unit cut off while it ran was STARTED in the live result, and stays so: it left a
    // record (a FLAT unit, through its first operation).
    const started =
      spec.config.nesting === NestingType.FLAT
        ? log.get(wireId(`${unitId}-1`)) !== undefined
        : record !== undefined;
    if (started) items.push({ index, status: BatchItemStatus.STARTED });
  }
  const failure = items.filter((item) => item.status === BatchItemStatus.FAILED).length;
  const success = items.filter((item) => item.status === BatchItemStatus.SUCCEEDED).length;
  const counts = {
    success,
    failure,
    completed: success + failure,
    total: spec.units.length,
  };
  const reason =
    summary.completionReason ??
    completionReason(counts, items, spec.units, spec.config.completionConfig) ??
    "ALL_COMPLETED";
  return new BatchResultImpl(items, reason);
}

/** Runs unit `index` at the batch context's next position, and tells `settle` how it ended. */
function runUnit<T>(
  batch: DurableContextImpl,
  spec: BatchSpec<T>,
  index: number,
  settle: (item: BatchItem<T>) => void,
): void {
  const unit = spec.units[index]!;
  const running =
    spec.config.nesting === NestingType.FLAT
      ? runVirtualChildContext(batch, unit.run)
      : batch.runInChildContext(unit.name, unit.run, {
          subType: spec.unitSubType,
          serdes: spec.config.itemSerdes,
        });
  running.then(
    (result) => settle({ index, status: BatchItemStatus.SUCCEEDED, result }),
    (error: unknown) =>
      settle({ index, status: BatchItemStatus.FAILED, error: asChildError(error) }),
  );
}

/**
 * Whether the batch is done after a unit finished, and why. With no criteria the first failure
 * ends it; the failure tolerances end it when exceeded; otherwise it ends when every unit
 * finished or `minSuccessful` succeeded.
 */
function completionReason<T>(
  counts: { success: number; failure: number; completed: number; total: number },
  items: readonly BatchItem<T>[],
  units: readonly BatchUnit<T>[],
  completion: CompletionConfig | undefined,
): CompletionReason | undefined {
  const { shouldComplete, minSuccessful, toleratedFailureCount, toleratedFailurePercentage } =
    completion ?? {};
  if (shouldComplete !== undefined) {
    const decision = shouldComplete({
      successCount: counts.success,
      failureCount: counts.failure,
      completedCount: counts.completed,
      totalCount: counts.total,
      // Built only for a custom check: it costs a pass over the items on every unit settled.
      items: itemStatuses(items, units),
    });
    if (decision.complete) {
      return decision.outcome === CompletionOutcome.FAILED
        ? "CUSTOM_COMPLETION_FAILED"
        : "CUSTOM_COMPLETION_SUCCEEDED";
    }
    return counts.completed === counts.total ? "ALL_COMPLETED" : undefined;
  }
  const noCriteria =
    minSuccessful === undefined &&
    toleratedFailureCount === undefined &&
    toleratedFailurePercentage === undefined;
  const maxFailures = noCriteria ? 0 : (toleratedFailureCount ?? Infinity);
  if (
    counts.failure > maxFailures ||
    (counts.failure / counts.total) * 100 > (toleratedFailurePercentage ?? 100)
  ) {
    return "FAILURE_TOLERANCE_EXCEEDED";
  }
  if (counts.completed === counts.total) return "ALL_COMPLETED";
  if (minSuccessful !== undefined && counts.success >= minSuccessful) {
    return "MIN_SUCCESSFUL_REACHED";
  }
  return undefined;
}

function asChildError(error: unknown): ChildContextError {
  if (error instanceof ChildContextError) return error;
  const normalized = ensureError(error);
  return new ChildContextError(normalized.message, normalized);
}

function validateBatchConfig<T>(spec: BatchSpec<T>, name: string | undefined): void {
  const what = describeCall(spec.kind === "Map" ? "map" : "parallel", name);
  const { maxConcurrency, completionConfig, nesting } = spec.config;
  if (maxConcurrency !== undefined)
    requireWholeNumber(maxConcurrency, 1, `${what}: maxConcurrency`);
  const percentage = completionConfig?.toleratedFailurePercentage;
  if (percentage !== undefined && !(percentage >= 0 && percentage <= 100)) {
    throw new DurableConfigError(
      `${what}: toleratedFailurePercentage must be from 0 to 100, got ${percentage}.`,
    );
  }
  for (const key of ["minSuccessful", "toleratedFailureCount"] as const) {
    const value = completionConfig?.[key];
    if (value !== undefined) requireWholeNumber(value, 0, `${what}: ${key}`);
  }
  if (nesting !== undefined && nesting !== NestingType.NESTED && nesting !== NestingType.FLAT) {
    throw new DurableConfigError(
      `${what}: nesting must be NESTED or FLAT, got ${String(nesting)}.`,
    );
  }
}

/** For a custom `shouldComplete`: keep starting items. */
export function continueBatch(): CompletionDecision {
  return { complete: false };
}

/** For a custom `shouldComplete`: complete the batch now, as succeeded (the default) or failed. */
export function completeBatch(outcome?: CompletionOutcome): CompletionDecision {
  if (outcome !== undefined && !Object.values(CompletionOutcome).includes(outcome)) {
    throw new DurableConfigError(
      `completeBatch: outcome must be ${Object.values(CompletionOutcome).join(" or ")}, got ${String(outcome)}.`,
    );
  }
  return outcome === undefined ? { complete: true } : { complete: true, outcome };
}

/** What a custom completion check sees of the items started so far. */
function itemStatuses<T>(
  items: readonly BatchItem<T>[],
  units: readonly BatchUnit<T>[],
): CompletionItemStatus[] {
  return items.map((item) => ({
    index: item.index,
    name: units[item.index]!.name,
    status: item.status,
  }));
}
