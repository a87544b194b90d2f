import {
  type CompletionConfig,
  type CompletionReason,
  type DurableContext,
  retryPresets,
  withDurableExecution,
} from "@durable-examples/runtime";

/** The three systems a customer overview draws on. */
export type SourceName = "profile" | "credit-score" | "recent-orders";
const SOURCES: SourceName[] = ["profile", "credit-score", "recent-orders"];

export interface OverviewRequest {
  customerId: string;
  /** A support agent on a live call: answer as soon as two sources are in. */
  urgent?: boolean;
  /** Sources that are down, so each failure path can be tried. */
  outages?: SourceName[];
}

export interface Profile {
  name: string;
  tier: "standard" | "gold";
}

export interface OrderSummary {
  orderId: string;
  totalCents: number;
}

/** What a branch returns: each branch a different type, tagged so the results can be told apart. */
export type SourceData =
  | { source: "profile"; profile: Profile }
  | { source: "credit-score"; creditScore: number }
  | { source: "recent-orders"; recentOrders: OrderSummary[] };

export interface CustomerOverview {
  customerId: string;
  profile?: Profile;
  creditScore?: number;
  recentOrders?: OrderSummary[];
  /** Sources that failed, or had not answered when the overview was complete enough. */
  missing: SourceName[];
  completionReason: CompletionReason;
}

export class SourceUnavailableError extends Error {
  override name = "SourceUnavailableError";
}

/** Stands in for the three systems; a real handler calls them inside the same steps. */
function fetchFrom<T>(request: OverviewRequest, source: SourceName, data: T): T {
  if (request.outages?.includes(source)) {
    throw new SourceUnavailableError(`${source} service is unavailable`);
  }
  return data;
}

// Retries belong on these steps in production (see 02-retries); they are off here so that a
// source that is down fails at once and the timelines stay short.
const once = { retryStrategy: retryPresets.noRetry };

/**
 * The overview waits for all three sources and tolerates one failure; an urgent one finishes as
 * soon as any two have answered, leaving the slow credit bureau behind. The policy depends only
 * on the input, so it is the same on every replay.
 */
export function completionPolicy(request: OverviewRequest): CompletionConfig {
  return request.urgent ? { minSuccessful: 2 } : { toleratedFailureCount: 1 };
}

/** Branch 1: the customer's profile, from the CRM. */
async function fetchProfile(branch: DurableContext, request: OverviewRequest): Promise<SourceData> {
  const profile = await branch.step(
    "fetch-profile",
    () => fetchFrom(request, "profile", { name: "Ada Lovelace", tier: "gold" as const }),
    once,
  );
  return { source: "profile", profile };
}

/** Branch 2: a credit score. The bureau answers a report request a couple of minutes later. */
async function fetchCreditScore(
  branch: DurableContext,
  request: OverviewRequest,
): Promise<SourceData> {
  const reportId = await branch.step(
    "request-credit-report",
    () => fetchFrom(request, "credit-score", `report-${request.customerId}`),
    once,
  );
  await branch.wait("bureau-turnaround", { minutes: 2 });
  const creditScore = await branch.step("read-credit-score", () => (reportId ? 742 : 0));
  return { source: "credit-score", creditScore };
}

/** Branch 3: the latest orders, from the order service. */
async function fetchRecentOrders(
  branch: DurableContext,
  request: OverviewRequest,
): Promise<SourceData> {
  const recentOrders = await branch.step(
    "fetch-recent-orders",
    () =>
      fetchFrom(request, "recent-orders", [
        { orderId: "order-7001", totalCents: 6921 },
        { orderId: "order-6950", totalCents: 1899 },
      ]),
    once,
  );
  return { source: "recent-orders", recentOrders };
}

/**
 * Builds a customer overview for the support team from three systems queried at once, each in
 * a branch of `context.parallel`.
 */
export const handler = withDurableExecution(
  async (request: OverviewRequest, context: DurableContext): Promise<CustomerOverview> => {
    const batch = await context.parallel<SourceData>(
      "gather-customer-data",
      [
        { name: "profile", func: (branch) => fetchProfile(branch, request) },
        { name: "credit-score", func: (branch) => fetchCreditScore(branch, request) },
        { name: "recent-orders", func: (branch) => fetchRecentOrders(branch, request) },
      ],
      { completionConfig: completionPolicy(request) },
    );

    // More failures than the policy tolerates: fail the execution with the first branch error.
    if (batch.completionReason === "FAILURE_TOLERANCE_EXCEEDED") batch.throwIfError();

    const overview: CustomerOverview = {
      customerId: request.customerId,
      missing: [],
      completionReason: batch.completionReason,
    };
    for (const data of batch.getResults()) {
      if (data.source === "profile") overview.profile = data.profile;
      if (data.source === "credit-score") overview.creditScore = data.creditScore;
      if (data.source === "recent-orders") overview.recentOrders = data.recentOrders;
    }
    const answered = new Set(batch.succeeded().map((item) => item.index));
    overview.missing = SOURCES.filter((_, index) => !answered.has(index));
    if (batch.status === "FAILED") {
      context.logger.warn("overview is incomplete", { missing: overview.missing });
    }
    return overview;
  },
);
