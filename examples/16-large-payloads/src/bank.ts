/** One line of a statement. */
export interface Transaction {
  id: string;
  bookedOn: string;
  description: string;
  amountCents: number;
}

/** A month of a busy account's transactions: 4,000 of them, some 450 KB as JSON. */
export function transactionsFor(accountId: string, month: string): Transaction[] {
  return Array.from({ length: 4000 }, (_, i) => ({
    id: `${accountId}-${month}-${String(i + 1).padStart(4, "0")}`,
    bookedOn: `${month}-${String((i % 28) + 1).padStart(2, "0")}`,
    description: i % 3 === 0 ? "Card payment, Corner Coffee" : "Transfer to savings",
    amountCents: -((i * 37) % 5000) - 100,
  }));
}

/**
 * Stands in for an object store such as S3: where a step puts data too large to checkpoint, and
 * returns only the key. Objects are written once and never changed, so reading one again, on a
 * retry or a replay, gives the same bytes.
 */
export class BlobStore {
  readonly objects = new Map<string, string>();

  async put(key: string, body: string): Promise<void> {
    this.objects.set(key, body);
  }

  async get(key: string): Promise<string> {
    const body = this.objects.get(key);
    if (body === undefined) throw new Error(`No object at ${key}`);
    return body;
  }
}

/** Stands in for the service that emails statements. */
export class Mailer {
  readonly sent: { to: string; subject: string; body: string }[] = [];

  async send(message: { to: string; subject: string; body: string }): Promise<void> {
    this.sent.push(message);
  }
}

/** What the handler talks to; a test replaces them with fresh ones. */
export const services = { blobs: new BlobStore(), mailer: new Mailer() };

export function useServices(fresh: typeof services): void {
  Object.assign(services, fresh);
}
