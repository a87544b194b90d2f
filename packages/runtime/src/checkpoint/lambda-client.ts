import type { LambdaClient, LambdaClientConfig } from "@aws-sdk/client-lambda";
import type { DurableExecutionClient } from "../types/client.js";

/**
 * The production transport: `CheckpointDurableExecutionCommand` and
 * `GetDurableExecutionStateCommand` over `@aws-sdk/client-lambda`. The SDK module is loaded on
 * first use, so handlers that run under a test harness never pay for it.
 */
export function lambdaDurableExecutionClient(
  options: { client?: LambdaClient; config?: LambdaClientConfig } = {},
): DurableExecutionClient {
  let loaded:
    | Promise<{ client: LambdaClient; sdk: typeof import("@aws-sdk/client-lambda") }>
    | undefined;
  const load = () => {
    loaded ??= import("@aws-sdk/client-lambda").then((sdk) => ({
      sdk,
      client: options.client ?? new sdk.LambdaClient(options.config ?? {}),
    }));
    return loaded;
  };
  return {
    async checkpoint(request) {
      const { client, sdk } = await load();
      return client.send(new sdk.CheckpointDurableExecutionCommand(request));
    },
    async getExecutionState(request) {
      const { client, sdk } = await load();
      return client.send(new sdk.GetDurableExecutionStateCommand(request));
    },
  };
}
