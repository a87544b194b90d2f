import { type Recordings, startDurable } from "@durable-examples/testing";
import { BlobStore, Mailer, useServices } from "../src/bank.js";
import { handler } from "../src/handler.js";

const input = { accountId: "acct-16", month: "2026-11" };

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again. Only the execution in flight is kept: its pages make a history some 600 KB,
 * and an execution that has finished is never replayed.
 */
export const recordings: Recordings = {
  "waiting-for-statement-day": () => {
    useServices({ blobs: new BlobStore(), mailer: new Mailer() });
    return startDurable(handler, { input }).toHistory();
  },
};
