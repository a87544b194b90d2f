// Turns what the SDK throws into a message a person can act on: which function, execution or
// callback was missing, what the service rejected and why, or how to set up credentials. The
// service's own exception name and message are always kept in the text and as `cause`.
import { ScriptError } from "../cli.mjs";
import { describeTarget } from "./client.mjs";

/**
 * @typedef {object} Subject what a request was about, so a message can name it
 * @property {"function" | "execution" | "callback" | "alias"} kind
 * @property {string} id function name, execution ARN, callback id or alias name
 * @property {string} [qualifier] version or alias, for a function
 * @property {string} [functionName] the function, for an alias
 */

const CREDENTIALS_HELP =
  "Configure credentials with `aws configure` (or `aws sso login --profile NAME` and pass " +
  "--profile NAME), or set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. To use a local " +
  "Lambda-compatible service instead, pass --endpoint http://127.0.0.1:9000.";

const SIGNING_ERRORS = new Set([
  "UnrecognizedClientException",
  "InvalidSignatureException",
  "ExpiredTokenException",
  "ExpiredToken",
  "InvalidClientTokenId",
]);

const REJECTED = new Set([
  "InvalidParameterValueException",
  "InvalidRequestContentException",
  "ValidationException",
  "RequestTooLargeException",
  "ResourceConflictException",
  "CodeStorageExceededException",
  "PreconditionFailedException",
  "CallbackTimeoutException",
]);

/**
 * Wraps an SDK error in a ScriptError whose message reads "Failed to <action>: <reason>." and
 * then what to do.
 * @param {unknown} error
 * @param {string} action e.g. "list executions"
 * @param {Subject | undefined} subject
 * @param {import("./client.mjs").Target} target
 * @returns {ScriptError}
 * @example throw explainAwsError(error, "get the execution", { kind: "execution", id: arn }, target);
 */
export function explainAwsError(error, action, subject, target) {
  if (error instanceof ScriptError) return error;
  const name = /** @type {{ name?: string }} */ (error)?.name ?? "Error";
  const message = error instanceof Error ? error.message : String(error);
  const said = message ? ` (${name}: ${message})` : ` (${name})`;
  const fail = (/** @type {string} */ reason) =>
    new ScriptError(`Failed to ${action}: ${reason}`, { cause: error });
  const where = describeTarget(target);

  if (name === "CredentialsProviderError") {
    const detail = target.profile === undefined ? "" : ` for profile "${target.profile}"${said}`;
    return fail(`no AWS credentials found${detail}. ${CREDENTIALS_HELP}`);
  }
  if (SIGNING_ERRORS.has(name)) {
    return fail(`AWS did not accept your credentials${said}. ${CREDENTIALS_HELP}`);
  }
  if (name === "AccessDeniedException" || name === "AccessDenied") {
    return fail(`access denied in ${where}${said}. Check that your role or user may do this.`);
  }
  if (name === "ResourceNotFoundException") {
    return fail(`${describeMissing(subject, where)}${said}.`);
  }
  if (name === "DurableExecutionAlreadyStartedException") {
    return fail(
      `an execution with this name already exists with a different payload${said}. Choose ` +
        "another --name, or send the same payload to get the existing execution.",
    );
  }
  if (name === "TooManyRequestsException") {
    return fail(`the service is throttling requests${said}. Wait a moment and try again.`);
  }
  if (REJECTED.has(name)) {
    return fail(`the service rejected the request: ${message || name} (${name}).`);
  }
  const connection = connectionProblem(error);
  if (connection !== undefined) {
    const hint = target.local
      ? " Is the local service running?"
      : " Check your network, --region and --endpoint.";
    return fail(
      `cannot reach ${target.endpoint ?? `AWS Lambda in ${target.region}`} (${connection}).${hint}`,
    );
  }
  return fail(`${name}: ${message}`);
}

/**
 * @param {Subject | undefined} subject
 * @param {string} where
 */
function describeMissing(subject, where) {
  if (subject === undefined) return `not found in ${where}`;
  switch (subject.kind) {
    case "function": {
      const qualifier =
        subject.qualifier === undefined ? "" : ` with version or alias "${subject.qualifier}"`;
      return `no function named "${subject.id}"${qualifier} in ${where}`;
    }
    case "execution":
      return `no durable execution "${subject.id}" in ${where}; it may be past its retention period`;
    case "callback":
      return `no callback "${subject.id}" is waiting in ${where}; it may have completed or timed out`;
    case "alias":
      return `no alias "${subject.id}" of function "${subject.functionName}" in ${where}`;
  }
}

/**
 * The socket error code behind a failed connection, if that is what this is.
 * @param {unknown} error
 */
function connectionProblem(error) {
  const codes = [
    "ECONNREFUSED",
    "ENOTFOUND",
    "EAI_AGAIN",
    "ECONNRESET",
    "ETIMEDOUT",
    "EHOSTUNREACH",
  ];
  /** @type {unknown[]} */
  const queue = [error];
  while (queue.length > 0) {
    const item = /** @type {{ code?: string, errors?: unknown[], cause?: unknown } | undefined} */ (
      queue.shift()
    );
    if (item === undefined || item === null) continue;
    if (typeof item.code === "string" && codes.includes(item.code)) return item.code;
    if (Array.isArray(item.errors)) queue.push(...item.errors);
    if (item.cause !== undefined) queue.push(item.cause);
  }
  return undefined;
}

/**
 * Sends one command and explains a failure.
 * @template T
 * @param {import("./client.mjs").Target} target
 * @param {string} action
 * @param {Subject | undefined} subject
 * @param {() => Promise<T>} request
 * @returns {Promise<T>}
 */
export async function attempt(target, action, subject, request) {
  try {
    return await request();
  } catch (error) {
    throw explainAwsError(error, action, subject, target);
  }
}
