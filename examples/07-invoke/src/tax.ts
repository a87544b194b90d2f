/**
 * The tax calculator: a plain Lambda function (not durable). It is stateless and quick, so it has
 * nothing to checkpoint; the order workflow calls it with `context.invoke` all the same, and the
 * call is recorded in the workflow's checkpoint log.
 */

export interface TaxRequest {
  region: string;
  subtotalCents: number;
}

export interface TaxQuote {
  region: string;
  ratePercent: number;
  taxCents: number;
}

/** Sales tax rates by region, in percent. A real calculator would look them up. */
const RATES_PERCENT: Record<string, number> = { WA: 6.5, OR: 0, CA: 7.25, NY: 4 };

export class UnsupportedRegionError extends Error {
  override name = "UnsupportedRegionError";
}

export const taxHandler = async (event: TaxRequest): Promise<TaxQuote> => {
  const ratePercent = RATES_PERCENT[event.region];
  if (ratePercent === undefined) {
    throw new UnsupportedRegionError(
      `No tax rate for region "${event.region}": supported regions are ${Object.keys(RATES_PERCENT).join(", ")}.`,
    );
  }
  const taxCents = Math.round((event.subtotalCents * ratePercent) / 100);
  return { region: event.region, ratePercent, taxCents };
};
