import type { Order } from "./order.js";

/** Stands in for the warehouse: every reservation it made, so a test can count them. */
export class Inventory {
  readonly reservations: string[] = [];

  async reserve(order: Order): Promise<string> {
    this.reservations.push(order.orderId);
    return `res-${order.orderId}`;
  }
}

/** The warehouse the workflow calls; a test replaces it with a fresh one. */
export let inventory = new Inventory();

export function useInventory(replacement: Inventory): void {
  inventory = replacement;
}
