import type { LambdaClient, LambdaClientConfig } from "@aws-sdk/client-lambda";
import type { DurableExecutionClient } from "../types/client.js";
import type {
  CheckpointDurableExecutionRequest,
  CheckpointDurableExecutionResponse,
  GetDurableExecutionStateRequest,
  GetDurableExecutionStateResponse,
} from "../types/wire.js";

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

/**
 * The default transport as the official SDK names it: the two calls over the `LambdaClient`
 * given, or over one built from the environment on first use.
 *
 * @example
 * export const handler = withDurableExecution(workflow, {
 *   durableExecutionClient: new DurableExecutionApiClient(new LambdaClient({ region: "eu-west-1" })),
 * });
 */
export class DurableExecutionApiClient implements DurableExecutionClient {
  readonly #calls: DurableExecutionClient;

  constructor(client?: LambdaClient) {
    this.#calls = lambdaDurableExecutionClient({ client });
  }

  checkpoint(
    request: CheckpointDurableExecutionRequest,
  ): Promise<CheckpointDurableExecutionResponse> {
    return this.#calls.checkpoint(request);
  }

  getExecutionState(
    request: GetDurableExecutionStateRequest,
  ): Promise<GetDurableExecutionStateResponse> {
    return this.#calls.getExecutionState(request);
  }
}
