/** A charge as the payment provider keeps it. */
export interface Charge {
  id: string;
  amountCents: number;
}

/**
 * Stands in for a payment provider that takes an idempotency key, as most payment APIs do: a
 * request with a key it has seen returns the first charge instead of charging again.
 */
export class PaymentProvider {
  /** Every charge made: what the customer's statement shows. */
  readonly charges: Charge[] = [];
  readonly #byKey = new Map<string, Charge>();

  async charge(request: { amountCents: number; idempotencyKey?: string }): Promise<Charge> {
    const key = request.idempotencyKey;
    const seen = key === undefined ? undefined : this.#byKey.get(key);
    if (seen !== undefined) return seen;
    const charge = { id: `ch_${this.charges.length + 1}`, amountCents: request.amountCents };
    this.charges.push(charge);
    if (key !== undefined) this.#byKey.set(key, charge);
    return charge;
  }
}

/** The provider the handlers call; a test replaces it with a fresh one. */
export let payments = new PaymentProvider();

export function usePayments(provider: PaymentProvider): void {
  payments = provider;
}
