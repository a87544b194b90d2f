// A fake Lambda that remembers one function, for deploy and delete: its versions, its aliases,
// the states the SDK's waiters poll for, and no running executions.
import { json, lambdaError, route } from "./fake-lambda.mjs";

export const ROLE = "arn:aws:iam::123456789012:role/durable-examples";
export const FUNCTION_ARN = "arn:aws:lambda:us-east-1:123456789012:function:greeter";
const FN = "/2015-03-31/functions/{FunctionName}";

/**
 * A Lambda that remembers one function, its versions and aliases, and answers the calls deploy
 * and delete make, with the states the SDK's waiters poll for.
 * @param {{ exists?: boolean, durable?: boolean, alias?: string, lastUpdate?: string }} start
 */
export function lambdaRoutes({
  exists = false,
  durable = true,
  alias,
  lastUpdate = "Successful",
} = {}) {
  const state = {
    exists,
    versions: exists ? 2 : 0,
    aliases: new Map(alias ? [[alias, "2"]] : []),
  };
  const configuration = (extra = {}) => ({
    FunctionName: "greeter",
    FunctionArn: FUNCTION_ARN,
    Runtime: "nodejs22.x",
    Role: ROLE,
    Handler: "index.handler",
    CodeSha256: "c2hhLTI1Ng==",
    State: "Active",
    LastUpdateStatus: lastUpdate,
    ...(lastUpdate === "Failed" ? { LastUpdateStatusReason: "The runtime failed to start." } : {}),
    ...(durable ? { DurableConfig: { ExecutionTimeout: 86400, RetentionPeriodInDays: 14 } } : {}),
    ...extra,
  });
  const missing = (name) =>
    lambdaError(
      404,
      "ResourceNotFoundException",
      `Function not found: ${FUNCTION_ARN.replace("greeter", name)}`,
    );
  const aliasJson = (name) => ({
    AliasArn: `${FUNCTION_ARN}:${name}`,
    Name: name,
    FunctionVersion: state.aliases.get(name),
  });
  return [
    route(`GET ${FN}`, ({ params }) =>
      state.exists
        ? json({ Configuration: configuration(), Code: {} })
        : missing(params.FunctionName),
    ),
    route("POST /2015-03-31/functions", () => {
      state.exists = true;
      return json(configuration({ State: "Pending" }), 201);
    }),
    route(`PUT ${FN}/code`, () => json(configuration({ LastUpdateStatus: "InProgress" }))),
    route(`PUT ${FN}/configuration`, () => json(configuration({ LastUpdateStatus: "InProgress" }))),
    route(`POST ${FN}/versions`, () => {
      state.versions += 1;
      return json(
        configuration({
          Version: String(state.versions),
          FunctionArn: `${FUNCTION_ARN}:${state.versions}`,
        }),
        201,
      );
    }),
    route(`GET ${FN}/configuration`, ({ query }) =>
      json(configuration({ Version: query.Qualifier })),
    ),
    route(`GET ${FN}/aliases/{Name}`, ({ params }) =>
      state.aliases.has(params.Name)
        ? json(aliasJson(params.Name))
        : lambdaError(404, "ResourceNotFoundException", `Alias not found: ${params.Name}`),
    ),
    route(`POST ${FN}/aliases`, ({ json: body }) => {
      state.aliases.set(body.Name, body.FunctionVersion);
      return json(aliasJson(body.Name), 201);
    }),
    route(`PUT ${FN}/aliases/{Name}`, ({ params, json: body }) => {
      state.aliases.set(params.Name, body.FunctionVersion);
      return json(aliasJson(params.Name));
    }),
    // No execution runs here, so deploy's replay gate finds nothing to check.
    route("GET /2025-12-01/functions/{FunctionName}/durable-executions", () =>
      json({ DurableExecutions: [] }),
    ),
    route(`DELETE ${FN}`, ({ params }) => {
      if (!state.exists) return missing(params.FunctionName);
      state.exists = false;
      return { status: 204 };
    }),
  ];
}
