/** A product's new price, as the pricing service returns it. */
export interface Price {
  sku: string;
  priceCents: number;
}

/** The pricing service could not price a batch; worth retrying. */
export class PricingUnavailableError extends Error {
  override readonly name = "PricingUnavailableError";
}

/**
 * Stands in for a pricing service with a bulk endpoint: up to 100 SKUs per request. It counts
 * requests and how many were in flight at once, which is what its owners would ask about.
 */
export class PricingService {
  requests = 0;
  inFlight = 0;
  mostInFlight = 0;
  /** SKUs whose batch fails once before it succeeds (to try retries). */
  readonly flaky = new Set<string>();
  /** SKUs whose batch always fails (to try the failure tolerance). */
  readonly broken = new Set<string>();

  async reprice(skus: string[]): Promise<Price[]> {
    if (skus.length > 100) throw new RangeError(`at most 100 SKUs per request, got ${skus.length}`);
    this.requests += 1;
    this.inFlight += 1;
    this.mostInFlight = Math.max(this.mostInFlight, this.inFlight);
    try {
      // Other batches get to start while this one is in flight, as over a network.
      for (let turn = 0; turn < 3; turn++) await Promise.resolve();
      const failing = skus.find((sku) => this.broken.has(sku) || this.flaky.delete(sku));
      if (failing !== undefined) throw new PricingUnavailableError(`no price for ${failing}`);
      return skus.map((sku) => ({ sku, priceCents: 1000 + (Number(sku.slice(4)) % 500) }));
    } finally {
      this.inFlight -= 1;
    }
  }
}

/** The service the handler calls; a test replaces it with a fresh one. */
export let pricing = new PricingService();

export function usePricing(fresh: PricingService): void {
  pricing = fresh;
}

/** The catalog: `count` SKUs, `sku-0001` on. */
export function catalog(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `sku-${String(i + 1).padStart(4, "0")}`);
}
