import { type DurableContext, withDurableExecution } from "@durable-examples/runtime";

/**
 * Five ways code outside steps comes out differently on replay, each beside its fix. The handler
 * runs from the top on every invocation; only what operations return is recorded, so everything
 * else is computed again, later, perhaps on another machine.
 */

export interface Offer {
  /** When the discount ends, as an ISO date. */
  endsAt: string;
}

export const clock = {
  /** Wrong: compares the clock outside a step; a replay after the offer ended charges the other price. */
  wrong: withDurableExecution(async (offer: Offer, context: DurableContext) => {
    const price = Date.now() < Date.parse(offer.endsAt) ? "discount" : "full-price";
    await context.step(`charge-${price}`, () => price);
    await context.wait("cooling-off", { hours: 1 });
    return context.step("ship", () => "shipped");
  }),
  /** Fixed: the comparison is a step, so every replay reads the answer the first run got. */
  fixed: withDurableExecution(async (offer: Offer, context: DurableContext) => {
    const price = await context.step("check-offer", () =>
      Date.now() < Date.parse(offer.endsAt) ? "discount" : "full-price",
    );
    await context.step(`charge-${price}`, () => price);
    await context.wait("cooling-off", { hours: 1 });
    return context.step("ship", () => "shipped");
  }),
};

export const randomness = {
  /** Wrong: draws the email variant outside a step; a replay draws again. */
  wrong: withDurableExecution(async (_: unknown, context: DurableContext) => {
    const variant = Math.random() < 0.5 ? "a" : "b";
    await context.step(`send-welcome-${variant}`, () => variant);
    await context.wait("before-follow-up", { days: 1 });
    return context.step(`send-follow-up-${variant}`, () => variant);
  }),
  /** Fixed: the draw is a step. */
  fixed: withDurableExecution(async (_: unknown, context: DurableContext) => {
    const variant = await context.step("pick-variant", () => (Math.random() < 0.5 ? "a" : "b"));
    await context.step(`send-welcome-${variant}`, () => variant);
    await context.wait("before-follow-up", { days: 1 });
    return context.step(`send-follow-up-${variant}`, () => variant);
  }),
};

export const closure = {
  /**
   * Wrong: the step writes a variable outside itself. A crash after "add-items" is checkpointed
   * replays it without running the body, and the invoice goes out for 0.
   */
  wrong: withDurableExecution(async (_: unknown, context: DurableContext) => {
    let totalCents = 0;
    await context.step("add-items", () => {
      totalCents = 3 * 1250;
    });
    const invoice = await context.step("send-invoice", () => ({ totalCents }));
    await context.wait("before-reminder", { days: 7 });
    return invoice;
  }),
  /** Fixed: the value comes out of the step, as its result. */
  fixed: withDurableExecution(async (_: unknown, context: DurableContext) => {
    const totalCents = await context.step("add-items", () => 3 * 1250);
    const invoice = await context.step("send-invoice", () => ({ totalCents }));
    await context.wait("before-reminder", { days: 7 });
    return invoice;
  }),
};

/** Stands in for a stock service: data that the workflow's own steps change. */
export const stock = { available: 1 };

export const outsideData = {
  /** Wrong: branches on stock read outside a step; by the replay, the reservation has changed it. */
  wrong: withDurableExecution(async (_: unknown, context: DurableContext) => {
    if (stock.available > 0) await context.step("reserve", () => (stock.available -= 1));
    else await context.step("backorder", () => "backordered");
    await context.wait("before-ship", { hours: 1 });
    return context.step("ship", () => "shipped");
  }),
  /** Fixed: the read is a step, so the branch taken is recorded. */
  fixed: withDurableExecution(async (_: unknown, context: DurableContext) => {
    const inStock = await context.step("check-stock", () => stock.available > 0);
    if (inStock) await context.step("reserve", () => (stock.available -= 1));
    else await context.step("backorder", () => "backordered");
    await context.wait("before-ship", { hours: 1 });
    return context.step("ship", () => "shipped");
  }),
};

/** Pretends to call a slow service: settles a few turns of the event loop after a fast one. */
async function slowly<T>(value: T): Promise<T> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
  return value;
}

export const race = {
  /**
   * Wrong: lets `Promise.race` pick the faster quote. Live, the fast carrier wins; on replay both
   * steps return at once from the log, and the first one listed wins instead.
   */
  wrong: withDurableExecution(async (_: unknown, context: DurableContext) => {
    const carrier = await Promise.race([
      context.step("quote-slow-carrier", () => slowly("slow-carrier")),
      context.step("quote-fast-carrier", async () => "fast-carrier"),
    ]);
    await context.wait("before-booking", { minutes: 5 });
    return context.step("book", () => carrier);
  }),
  /** Fixed: `context.promise.race` is an operation; its winner is recorded. */
  fixed: withDurableExecution(async (_: unknown, context: DurableContext) => {
    const carrier = await context.promise.race("fastest-quote", [
      context.step("quote-slow-carrier", () => slowly("slow-carrier")),
      context.step("quote-fast-carrier", async () => "fast-carrier"),
    ]);
    await context.wait("before-booking", { minutes: 5 });
    return context.step("book", () => carrier);
  }),
};
