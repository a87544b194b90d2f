import {
  type DurableContext,
  type NestingType,
  retryPresets,
  withDurableExecution,
} from "@durable-examples/runtime";
import { catalog, pricing } from "./pricing.js";

export interface RepriceRequest {
  /** How many products the catalog has. */
  products: number;
}

export interface RepricerOptions {
  /** SKUs per map item, and per request to the pricing service. */
  batchSize: number;
  /** Map items running at once. */
  maxConcurrency: number;
  nesting?: NestingType;
}

/** Splits `items` into consecutive batches of at most `size`. */
export function batches<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/**
 * Reprices the whole catalog: one map item per batch of SKUs, each a step that calls the pricing
 * service's bulk endpoint, a few batches at a time. A batch that still fails after its retries
 * is reported, not fatal, up to 5% of the batches.
 */
export function repricer({ batchSize, maxConcurrency, nesting }: RepricerOptions) {
  return withDurableExecution(async (request: RepriceRequest, context: DurableContext) => {
    const skus = await context.step("load-catalog", () => catalog(request.products));
    const result = await context.map(
      "reprice",
      batches(skus, batchSize),
      (item, batch) =>
        item.step("price-batch", async () => (await pricing.reprice(batch)).length, {
          retryStrategy: retryPresets.linear,
        }),
      {
        maxConcurrency,
        nesting,
        itemNamer: (_, index) => `batch-${index + 1}`,
        completionConfig: { toleratedFailurePercentage: 5 },
      },
    );
    return {
      repriced: result.getResults().reduce((sum, count) => sum + count, 0),
      failedBatches: result.failed().map((item) => `batch-${item.index + 1}`),
      completion: result.completionReason,
    };
  });
}
