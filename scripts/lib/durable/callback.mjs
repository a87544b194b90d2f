// durable callback succeed|fail|heartbeat: answers a callback an execution waits on, the way an
// external system would (SendDurableExecutionCallback*, protocol.md §8).
import {
  SendDurableExecutionCallbackFailureCommand,
  SendDurableExecutionCallbackHeartbeatCommand,
  SendDurableExecutionCallbackSuccessCommand,
} from "@aws-sdk/client-lambda";
import { attempt } from "./aws-errors.mjs";

const CALLBACK_ID = `<callback-id> is the CallbackId the execution shows in its history
(durable history <execution-arn>: the CallbackStarted event) and hands to the waiting code.`;

/** @type {import("./args.mjs").CommandSpec} */
export const callbackSucceedCommand = {
  name: "callback succeed",
  synopsis: "callback succeed <callback-id> [--result JSON|string]",
  summary: "complete a callback with a result",
  help: `Completes a callback successfully; the execution resumes with the result.
${CALLBACK_ID}

  --result R  the result: a JSON document is sent as it is, any other text as a JSON string
              ("approved" for --result approved); without it, the result is empty`,
  options: { result: { type: "string" } },
  args: ["callback-id"],
  run: async ({ values, args, connect, log }) => {
    const id = args["callback-id"];
    const result = encodeResult(/** @type {string | undefined} */ (values.result), log);
    const { client, target } = await connect();
    await attempt(target, "complete the callback", { kind: "callback", id }, () =>
      client.send(
        new SendDurableExecutionCallbackSuccessCommand({
          CallbackId: id,
          Result: result === undefined ? undefined : Buffer.from(result),
        }),
      ),
    );
    log(`callback ${id} succeeded${result === undefined ? "" : ` with ${result}`}`);
  },
};

/** @type {import("./args.mjs").CommandSpec} */
export const callbackFailCommand = {
  name: "callback fail",
  synopsis: "callback fail <callback-id> [--error-type T] [--error-message M] [--error-data D]",
  summary: "fail a callback with an error",
  help: `Fails a callback; the waiting code gets an error with this type, message and data.
${CALLBACK_ID}

  --error-type T     the ErrorType (e.g. Rejected)
  --error-message M  the ErrorMessage
  --error-data D     the ErrorData: any text, often JSON`,
  options: {
    "error-type": { type: "string" },
    "error-message": { type: "string" },
    "error-data": { type: "string" },
  },
  args: ["callback-id"],
  run: async ({ values, args, connect, log }) => {
    const id = args["callback-id"];
    const error = {
      ErrorType: /** @type {string | undefined} */ (values["error-type"]),
      ErrorMessage: /** @type {string | undefined} */ (values["error-message"]),
      ErrorData: /** @type {string | undefined} */ (values["error-data"]),
    };
    const { client, target } = await connect();
    await attempt(target, "fail the callback", { kind: "callback", id }, () =>
      client.send(new SendDurableExecutionCallbackFailureCommand({ CallbackId: id, Error: error })),
    );
    log(`callback ${id} failed with ${error.ErrorType ?? "an error"}`);
  },
};

/** @type {import("./args.mjs").CommandSpec} */
export const callbackHeartbeatCommand = {
  name: "callback heartbeat",
  synopsis: "callback heartbeat <callback-id>",
  summary: "tell a callback its answer is still coming",
  help: `Sends a heartbeat for a callback, restarting its heartbeat timeout, so a long-running
external job keeps the callback alive.
${CALLBACK_ID}`,
  options: {},
  args: ["callback-id"],
  run: async ({ args, connect, log }) => {
    const id = args["callback-id"];
    const { client, target } = await connect();
    await attempt(target, "send the heartbeat", { kind: "callback", id }, () =>
      client.send(new SendDurableExecutionCallbackHeartbeatCommand({ CallbackId: id })),
    );
    log(`heartbeat sent for callback ${id}`);
  },
};

/**
 * The body of a callback success: JSON as given, other text as a JSON string, so the waiting
 * code, which parses the result as JSON, gets what was typed.
 * @param {string | undefined} text
 * @param {(line: string) => void} log
 */
export function encodeResult(text, log) {
  if (text === undefined) return undefined;
  try {
    JSON.parse(text);
    return text;
  } catch {
    const encoded = JSON.stringify(text);
    log(`--result is not JSON; sending it as the JSON string ${encoded}`);
    return encoded;
  }
}
