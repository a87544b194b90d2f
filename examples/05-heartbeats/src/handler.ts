import {
  CallbackError,
  CallbackTimeoutError,
  type DurableContext,
  defaultSerdes,
  withDurableExecution,
} from "@durable-examples/runtime";

export interface TranscodeRequest {
  videoId: string;
  /** Where the source file is, e.g. s3://uploads/v-1.mov. */
  source: string;
  /** Output renditions, e.g. ["1080p", "720p"]. */
  renditions: string[];
}

/** What the transcoder sends back when it has finished. */
export interface TranscodeOutput {
  outputs: string[];
  durationSeconds: number;
}

export type TranscodeOutcome =
  | { videoId: string; status: "published"; outputs: string[] }
  | { videoId: string; status: "stalled" | "too-slow" | "failed"; reason: string };

/** The transcoder must report progress at least this often, or the job counts as dead. */
export const HEARTBEAT_TIMEOUT = { minutes: 15 };
/** However alive the job is, give up on it after this long. */
export const JOB_TIMEOUT = { hours: 6 };

/** What the transcoding fleet's job queue receives. */
interface TranscodeJobMessage extends TranscodeRequest {
  /** The worker heartbeats and answers with this id. */
  callbackId: string;
}

/**
 * Stands in for the transcoding fleet's job queue. The worker that picks the message up sends a
 * heartbeat with its callback id every few minutes while it works, and the result when it is done.
 */
function enqueueTranscodeJob(message: TranscodeJobMessage): string {
  return `job-${message.videoId} queued for ${message.renditions.join(", ")}`;
}

/**
 * Transcodes an uploaded video on an external fleet and publishes it. A transcode can take hours,
 * so a plain timeout cannot tell a slow job from a dead one; a heartbeat timeout can: the
 * callback fails as soon as the worker has been silent for 15 minutes.
 */
export const handler = withDurableExecution(
  async (request: TranscodeRequest, context: DurableContext): Promise<TranscodeOutcome> => {
    const { videoId } = request;
    const [transcoded, callbackId] = await context.createCallback<TranscodeOutput>("transcode", {
      timeout: JOB_TIMEOUT,
      heartbeatTimeout: HEARTBEAT_TIMEOUT,
      serdes: defaultSerdes,
    });
    await context.step("submit-job", () => enqueueTranscodeJob({ ...request, callbackId }));

    try {
      const { outputs } = await transcoded;
      await context.step("publish", () => `published ${videoId} with ${outputs.length} renditions`);
      return { videoId, status: "published", outputs };
    } catch (error) {
      if (error instanceof CallbackTimeoutError) {
        // The cause's name is the service's ErrorType: which of the two limits ran out.
        const heartbeatLost =
          error.cause instanceof Error && error.cause.name === "Callback.Heartbeat";
        await context.step(
          "page-on-call",
          () => `paged: transcode of ${videoId} ${heartbeatLost ? "stalled" : "overran"}`,
        );
        return heartbeatLost
          ? { videoId, status: "stalled", reason: "no heartbeat for 15 minutes" }
          : { videoId, status: "too-slow", reason: "not finished within 6 hours" };
      }
      if (error instanceof CallbackError) {
        return { videoId, status: "failed", reason: error.message };
      }
      throw error;
    }
  },
);
