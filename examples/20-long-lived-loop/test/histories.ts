import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { UsageService, useUsage } from "../src/usage.js";
import { firstMonth, localMeter, meterOn } from "./local-year.js";

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again: a month waiting between two days, and a month that has handed over.
 */
export const recordings: Recordings = {
  metering: () => {
    useUsage(new UsageService());
    return startDurable(meterOn(localMeter()), { input: firstMonth }).toHistory();
  },
  "handed-over": async () => {
    useUsage(new UsageService());
    return (await runDurable(meterOn(localMeter()), { input: firstMonth })).toHistory();
  },
};
