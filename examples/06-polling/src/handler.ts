import {
  createWaitStrategy,
  type DurableContext,
  JitterStrategy,
  WaitForConditionError,
  withDurableExecution,
} from "@durable-examples/runtime";

export interface ExportRequest {
  accountId: string;
  /** How the simulated export API behaves, so each path can be tried. */
  exportApi: { readyOnCheck?: number; failsOnCheck?: number };
}

/** What we know about the export: the state each check receives and returns. */
export interface ExportStatus {
  exportId: string;
  status: "RUNNING" | "READY";
  downloadUrl?: string;
  /** How many checks have run. */
  checks: number;
}

export type ExportOutcome =
  | { accountId: string; status: "delivered"; downloadUrl: string; checks: number }
  | { accountId: string; status: "abandoned"; reason: string };

/** The export API is down or refused the request: no point asking again. */
export class ExportApiError extends Error {
  override name = "ExportApiError";
}

/**
 * Check after 30 s, then 1, 2, 4 and 5 minutes (the cap), 8 checks in all over 22½ minutes.
 * Jitter is off to keep the example's timeline exact; leave it on (the default) in production
 * so that many executions polling the same API spread out.
 */
export const exportReadyStrategy = createWaitStrategy<ExportStatus>({
  shouldContinuePolling: (state) => state.status === "RUNNING",
  maxAttempts: 8,
  initialDelay: { seconds: 30 },
  backoffRate: 2,
  maxDelay: { minutes: 5 },
  jitter: JitterStrategy.NONE,
});

/** Stands in for the export API. The check number drives it, so every run is reproducible. */
function fetchExportStatus(
  request: ExportRequest,
  state: ExportStatus,
  check: number,
): ExportStatus {
  const { readyOnCheck, failsOnCheck } = request.exportApi;
  if (check === failsOnCheck) {
    throw new ExportApiError(`export ${state.exportId} not found (HTTP 404)`);
  }
  if (readyOnCheck !== undefined && check >= readyOnCheck) {
    return {
      ...state,
      status: "READY",
      downloadUrl: `https://exports.example.com/${state.exportId}.zip`,
    };
  }
  return { ...state, status: "RUNNING" };
}

/**
 * Asks a partner API for an account export, polls until the export is ready, and emails the
 * link. The export API has no webhooks, so polling is the only way to learn when it is done;
 * between checks the function is not running.
 */
export const handler = withDurableExecution(
  async (request: ExportRequest, context: DurableContext): Promise<ExportOutcome> => {
    const { accountId } = request;
    // Stands in for POST /exports, which answers with the new export's id.
    const exportId = await context.step("start-export", () => `exp-${accountId}`);

    try {
      const ready = await context.waitForCondition<ExportStatus>(
        "export-ready",
        (state, { attempt, logger }) => {
          logger.info(`check ${attempt} of export ${state.exportId}`);
          return { ...fetchExportStatus(request, state, attempt), checks: attempt };
        },
        {
          initialState: { exportId, status: "RUNNING", checks: 0 },
          waitStrategy: exportReadyStrategy,
        },
      );
      // The strategy stops only on READY, and a READY export always has its URL.
      const downloadUrl = ready.downloadUrl as string;
      await context.step("email-link", () => `emailed ${downloadUrl} to the owner of ${accountId}`);
      return { accountId, status: "delivered", downloadUrl, checks: ready.checks };
    } catch (error) {
      // A check that threw, or a strategy that gave up: either way the export is not coming.
      if (!(error instanceof WaitForConditionError)) throw error;
      await context.step("cancel-export", () => `cancelled ${exportId}`);
      return { accountId, status: "abandoned", reason: error.message };
    }
  },
);
