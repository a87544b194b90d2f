import { InvalidParameterValueError } from "@durable-examples/service";
import type { LocalLambda } from "../local-lambda.js";
import { FUNCTIONS, integerQuery, json, ok, path, query, type Route, TAGS } from "./route.js";
import { BODY_LIMITS } from "./wire.js";

/** The function's configuration at a qualifier (a version, an alias, or `$LATEST`). */
function configurationAt(lambda: LocalLambda, name: string, qualifier: string | undefined) {
  const fn = lambda.functions.resolve(name, qualifier);
  return lambda.functions.configuration(fn.record, fn.version);
}

/** Function management: functions, versions, aliases and tags. */
export const FUNCTION_ROUTES: Route[] = [
  {
    operation: "ListFunctions",
    method: "GET",
    path: path(FUNCTIONS),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const masterRegion = query(request, "MasterRegion");
      if (masterRegion !== undefined) {
        throw new InvalidParameterValueError(
          `MasterRegion lists Lambda@Edge replicas, which the local service does not have; leave it out (got "${masterRegion}").`,
        );
      }
      return ok(
        lambda.functions.list({
          functionVersion: query(request, "FunctionVersion"),
          marker: query(request, "Marker"),
          maxItems: integerQuery(request, "MaxItems"),
        }),
      );
    },
  },
  {
    operation: "ListVersionsByFunction",
    method: "GET",
    path: path(`${FUNCTIONS}/{}/versions`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.functions.listVersions(request.params[0]!, {
          marker: query(request, "Marker"),
          maxItems: integerQuery(request, "MaxItems"),
        }),
      ),
  },
  {
    operation: "ListAliases",
    method: "GET",
    path: path(`${FUNCTIONS}/{}/aliases`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(
        lambda.functions.listAliases(request.params[0]!, {
          functionVersion: query(request, "FunctionVersion"),
          marker: query(request, "Marker"),
          maxItems: integerQuery(request, "MaxItems"),
        }),
      ),
  },
  {
    operation: "DeleteAlias",
    method: "DELETE",
    path: path(`${FUNCTIONS}/{}/aliases/{}`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      lambda.change(() => lambda.functions.deleteAlias(request.params[0]!, request.params[1]!));
      return { status: 204 };
    },
  },
  {
    operation: "ListTags",
    method: "GET",
    path: path(`${TAGS}/{}`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => ok({ Tags: lambda.functions.tags(request.params[0]!) }),
  },
  {
    operation: "TagResource",
    method: "POST",
    path: path(`${TAGS}/{}`),
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      lambda.change(() => lambda.functions.tag(request.params[0]!, body.Tags));
      return { status: 204 };
    },
  },
  {
    operation: "UntagResource",
    method: "DELETE",
    path: path(`${TAGS}/{}`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const keys = request.query.getAll("tagKeys");
      lambda.change(() => lambda.functions.untag(request.params[0]!, keys));
      return { status: 204 };
    },
  },
  {
    operation: "CreateFunction",
    method: "POST",
    path: path(FUNCTIONS),
    body: "json",
    limit: BODY_LIMITS.code,
    handle: (lambda, request) => ok(lambda.createFunction(json(request)), 201),
  },
  {
    operation: "GetFunction",
    method: "GET",
    path: path(`${FUNCTIONS}/{}`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const configuration = configurationAt(
        lambda,
        request.params[0]!,
        query(request, "Qualifier"),
      );
      return ok({
        Configuration: configuration,
        Code: { RepositoryType: "Local", Location: lambda.dataDir },
        Tags: lambda.functions.tags(lambda.functions.arn(configuration.FunctionName!)),
      });
    },
  },
  {
    operation: "DeleteFunction",
    method: "DELETE",
    path: path(`${FUNCTIONS}/{}`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      lambda.deleteFunction(request.params[0]!, query(request, "Qualifier"));
      return { status: 204 };
    },
  },
  {
    operation: "GetFunctionConfiguration",
    method: "GET",
    path: path(`${FUNCTIONS}/{}/configuration`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(configurationAt(lambda, request.params[0]!, query(request, "Qualifier"))),
  },
  {
    operation: "UpdateFunctionConfiguration",
    method: "PUT",
    path: path(`${FUNCTIONS}/{}/configuration`),
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(lambda.updateFunctionConfiguration(request.params[0]!, json(request))),
  },
  {
    operation: "UpdateFunctionCode",
    method: "PUT",
    path: path(`${FUNCTIONS}/{}/code`),
    body: "json",
    limit: BODY_LIMITS.code,
    handle: (lambda, request) => {
      const body = json(request);
      return ok(
        lambda.change(() => {
          const configuration = lambda.functions.updateCode(request.params[0]!, body.ZipFile);
          if (body.Publish === true) {
            const version = lambda.functions.publish(request.params[0]!, {});
            return lambda.functions.configuration(
              lambda.functions.record(request.params[0]!),
              version,
            );
          }
          return configuration;
        }),
      );
    },
  },
  {
    operation: "PublishVersion",
    method: "POST",
    path: path(`${FUNCTIONS}/{}/versions`),
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      const name = request.params[0]!;
      return ok(
        lambda.change(() => {
          const version = lambda.functions.publish(name, body);
          return lambda.functions.configuration(lambda.functions.record(name), version);
        }),
        201,
      );
    },
  },
  {
    operation: "CreateAlias",
    method: "POST",
    path: path(`${FUNCTIONS}/{}/aliases`),
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      return ok(
        lambda.change(() => lambda.functions.createAlias(request.params[0]!, body)),
        201,
      );
    },
  },
  {
    operation: "GetAlias",
    method: "GET",
    path: path(`${FUNCTIONS}/{}/aliases/{}`),
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) =>
      ok(lambda.functions.getAlias(request.params[0]!, request.params[1]!)),
  },
  {
    operation: "UpdateAlias",
    method: "PUT",
    path: path(`${FUNCTIONS}/{}/aliases/{}`),
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      return ok(
        lambda.change(() =>
          lambda.functions.updateAlias(request.params[0]!, request.params[1]!, body),
        ),
      );
    },
  },
];
