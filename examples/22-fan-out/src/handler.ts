import { repricer } from "./repricer.js";

/** A thousand products in batches of 50: 20 map items, at most 4 at a time. */
export const handler = repricer({ batchSize: 50, maxConcurrency: 4 });
