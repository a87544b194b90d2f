import { LambdaClient } from "@aws-sdk/client-lambda";
import { dailyMeter } from "./daily-meter.js";

/**
 * A year of daily metering, 30 days per execution. Each execution starts the next through the
 * alias `live`, so a deploy between two months is picked up by the next one.
 */
export const handler = dailyMeter({
  lambda: new LambdaClient({}),
  functionName: process.env.AWS_LAMBDA_FUNCTION_NAME ?? "daily-meter",
  qualifier: "live",
});
