import {
  describeValue,
  InvalidParameterValueError,
  ResourceConflictError,
} from "@durable-examples/service";
import type { LocalLambda } from "../local-lambda.js";
import { json, type Route } from "./route.js";
import { BODY_LIMITS, type Reply } from "./wire.js";

// A local-only endpoint (no Lambda API has it) for the web console: read the server's clock and,
// when it is not tied to the wall clock (--skip-idle or --speed), move it forward. "/-/" cannot
// clash with Lambda's paths, which all start with a date.

const CLOCK_PATH = /^\/-\/clock\/?$/;
/** The furthest one request may move the clock: a year, the longest an execution may run. */
const MAX_ADVANCE_SECONDS = 366 * 86_400;

/** Whether the clock may be moved by hand: it already runs apart from the wall clock. */
function movable(lambda: LocalLambda): boolean {
  return lambda.skipIdle || lambda.clock.speed !== 1;
}

function clockState(lambda: LocalLambda): Reply {
  const next = lambda.service.nextTimerAt();
  return {
    status: 200,
    json: {
      Now: lambda.clock.now(),
      Speed: lambda.clock.speed,
      SkipIdle: lambda.skipIdle,
      Movable: movable(lambda),
      ...(next === undefined ? {} : { NextTimer: next }),
    },
  };
}

export const CLOCK_ROUTES: Route[] = [
  {
    operation: "GetLocalClock",
    method: "GET",
    path: CLOCK_PATH,
    body: "none",
    limit: BODY_LIMITS.other,
    handle: (lambda) => clockState(lambda),
  },
  {
    operation: "AdvanceLocalClock",
    method: "POST",
    path: CLOCK_PATH,
    body: "json",
    limit: BODY_LIMITS.other,
    handle: (lambda, request) => {
      const body = json(request);
      if (!movable(lambda)) {
        throw new ResourceConflictError(
          "The clock follows the wall clock; start the server with --skip-idle or --speed N to move it by hand.",
        );
      }
      const { AdvanceSeconds: seconds, ToNextTimer: toNextTimer } = body;
      let target: Date;
      if (toNextTimer === true && seconds === undefined) {
        const next = lambda.service.nextTimerAt();
        if (next === undefined) {
          throw new ResourceConflictError("No timer is pending: nothing to move the clock to.");
        }
        target = next;
      } else if (
        toNextTimer === undefined &&
        typeof seconds === "number" &&
        Number.isInteger(seconds) &&
        seconds >= 1 &&
        seconds <= MAX_ADVANCE_SECONDS
      ) {
        target = new Date(lambda.clock.now().getTime() + seconds * 1000);
      } else {
        throw new InvalidParameterValueError(
          `Send {"AdvanceSeconds": <whole seconds from 1 to ${MAX_ADVANCE_SECONDS}>} or {"ToNextTimer": true}, got AdvanceSeconds ${describeValue(seconds)} and ToNextTimer ${describeValue(toNextTimer)}.`,
        );
      }
      lambda.change(() => lambda.clock.skipTo(target));
      return clockState(lambda);
    },
  },
];
