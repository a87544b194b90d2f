import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { ESignService, useESign } from "../src/esign.js";
import { EXECUTION_TIMEOUT_SECONDS, handler } from "../src/handler.js";

const deployed = {
  input: { contractId: "ct-19", signer: "ada@example.com" },
  executionTimeoutSeconds: EXECUTION_TIMEOUT_SECONDS,
};

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "waiting-for-signature": () => {
    useESign(new ESignService());
    return startDurable(handler, deployed).toHistory();
  },
  signed: async () => {
    useESign(new ESignService());
    const run = await runDurable(handler, {
      ...deployed,
      callbacks: [{ name: "signature", succeed: "signed", after: { days: 1 } }],
    });
    return run.toHistory();
  },
  expired: async () => {
    useESign(new ESignService());
    return (await runDurable(handler, deployed)).toHistory();
  },
};
