import { InvalidParameterValueError, ResourceNotFoundError } from "@durable-examples/service";

/**
 * The function and version an Invoke names: a name or ARN, qualified in the name or by
 * `Qualifier` with `$LATEST`, version 1 or an alias (which points at version 1).
 */
export function resolveQualifier(
  functions: ReadonlyMap<string, { aliases: ReadonlySet<string> }>,
  functionName: string,
  qualifier: string | undefined,
): { name: string; version: string | undefined } {
  const match =
    /^(?:arn:aws:lambda:[a-z0-9-]+:\d{12}:function:)?([a-zA-Z0-9_-]{1,64})(?::([a-zA-Z0-9$_-]{1,128}))?$/.exec(
      functionName,
    );
  if (match === null) {
    throw new InvalidParameterValueError(
      `FunctionName must be a function name, name:qualifier or function ARN, got "${functionName}".`,
    );
  }
  const [, name, inName] = match as unknown as [string, string, string | undefined];
  if (inName !== undefined && qualifier !== undefined && inName !== qualifier) {
    throw new InvalidParameterValueError(
      `The derived qualifier from the function name does not match the specified qualifier: "${inName}" in FunctionName, "${qualifier}" in Qualifier.`,
    );
  }
  const fn = functions.get(name);
  const wanted = inName ?? qualifier;
  if (fn === undefined) {
    throw new ResourceNotFoundError(
      `Function not found: ${functionName}. Functions of this localLambda: ${[...functions.keys()].join(", ") || "none"}.`,
    );
  }
  if (wanted === undefined || wanted === "$LATEST") return { name, version: undefined };
  if (wanted === "1" || fn.aliases.has(wanted)) return { name, version: "1" };
  throw new ResourceNotFoundError(
    `Function not found: ${name}:${wanted}. Its qualifiers: $LATEST, 1${[...fn.aliases].map((alias) => `, ${alias}`).join("")}.`,
  );
}
