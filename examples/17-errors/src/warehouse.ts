import {
  OutOfStockError,
  PickupMissedError,
  WarehouseBusyError,
  WarehouseTimeoutError,
} from "./errors.js";

export interface ShipmentRequest {
  orderId: string;
  sku: string;
  quantity: number;
  /** How the simulated warehouse and courier behave, so that each path can be tried. */
  simulate?: {
    /** The first attempts answered "busy, retry after 7 s". */
    busyAttempts?: number;
    /** The attempts after those that time out. */
    timeouts?: number;
    outOfStock?: boolean;
    /** A bug in our own code: the call throws a TypeError. */
    bug?: boolean;
    /** The pickups the courier misses before one succeeds. */
    missedPickups?: number;
  };
}

/** How long the warehouse asks us to stay away when it is busy. */
export const BUSY_RETRY_AFTER_SECONDS = 7;

/** Stands in for the warehouse API. The attempt number drives it, so every run is reproducible. */
export function reserveStock(order: ShipmentRequest, attempt: number): string {
  const simulate = order.simulate ?? {};
  if (simulate.bug) throw new TypeError("Cannot read properties of undefined (reading 'bin')");
  if (simulate.outOfStock) throw new OutOfStockError(order.sku, order.quantity);
  const busy = simulate.busyAttempts ?? 0;
  if (attempt <= busy) throw new WarehouseBusyError(BUSY_RETRY_AFTER_SECONDS);
  if (attempt <= busy + (simulate.timeouts ?? 0)) {
    throw new WarehouseTimeoutError(`warehouse did not answer (attempt ${attempt})`);
  }
  return `res-${order.orderId}`;
}

/** Stands in for the courier: did the pickup booked on this attempt happen? */
export function confirmPickup(order: ShipmentRequest, attempt: number): string {
  if (attempt <= (order.simulate?.missedPickups ?? 0)) {
    throw new PickupMissedError(`courier missed pickup ${attempt} of ${order.orderId}`);
  }
  return `parcel-${order.orderId}-${attempt}`;
}
