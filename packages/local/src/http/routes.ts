import { InvalidParameterValueError } from "@durable-examples/service";
import { CLOCK_ROUTES } from "./clock-route.js";
import { EXECUTION_ROUTES } from "./execution-routes.js";
import { FUNCTION_ROUTES } from "./function-routes.js";
import type { Route } from "./route.js";

/** Every route the local service answers: the Lambda API, and the web console's clock. */
export const ROUTES: Route[] = [...FUNCTION_ROUTES, ...EXECUTION_ROUTES, ...CLOCK_ROUTES];

/** The route for a method and raw path, with its labels decoded. */
export function matchRoute(
  method: string,
  rawPath: string,
): { route: Route; params: string[] } | { allowed: string[] } | undefined {
  const allowed: string[] = [];
  for (const route of ROUTES) {
    const match = route.path.exec(rawPath);
    if (match === null) continue;
    if (route.method !== method) {
      allowed.push(route.method);
      continue;
    }
    try {
      return { route, params: match.slice(1).map((label) => decodeURIComponent(label)) };
    } catch (error) {
      throw new InvalidParameterValueError(
        `The path ${rawPath} has a label that is not valid percent-encoding.`,
        { cause: error },
      );
    }
  }
  return allowed.length === 0 ? undefined : { allowed };
}
