/**
 * The errors this workflow throws on purpose, each defined by what it means: `retryable` says
 * whether trying again can help. Only the `name` and the `message` reach the checkpoint log, so
 * they carry what a `catch` or a retry strategy further up needs to know.
 */
export abstract class ShippingError extends Error {
  abstract readonly retryable: boolean;
}

/** The warehouse is throttling us and says when to come back. */
export class WarehouseBusyError extends ShippingError {
  override readonly name = "WarehouseBusyError";
  readonly retryable = true;

  constructor(readonly retryAfterSeconds: number) {
    super(`warehouse busy: retry after ${retryAfterSeconds}s`);
  }
}

/** The warehouse did not answer in time; nobody knows when it will. */
export class WarehouseTimeoutError extends ShippingError {
  override readonly name = "WarehouseTimeoutError";
  readonly retryable = true;
}

/** Not enough stock: trying again changes nothing, so it is an answer, not a failure to retry. */
export class OutOfStockError extends ShippingError {
  override readonly name = "OutOfStockError";
  readonly retryable = false;

  constructor(sku: string, quantity: number) {
    super(`${sku}: ${quantity} ordered, none left`);
  }
}

/** The courier came and went without the parcel; booking another pickup can help. */
export class PickupMissedError extends ShippingError {
  override readonly name = "PickupMissedError";
  readonly retryable = true;
}
