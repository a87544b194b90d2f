import { type Recordings, runDurable, startDurable } from "@durable-examples/testing";
import { handler } from "../src/handler.js";

const input = {
  videoId: "v-7f3a",
  source: "s3://uploads/v-7f3a.mov",
  renditions: ["1080p", "720p"],
};

/**
 * The executions this example keeps in histories/, which its tests replay so that a change to
 * the handler that would break executions already running fails there. `pnpm record-histories`
 * records them again.
 */
export const recordings: Recordings = {
  "waiting-for-the-worker": () => startDurable(handler, { input }).toHistory(),
  published: async () =>
    (
      await runDurable(handler, {
        input,
        callbacks: [
          { name: "transcode", heartbeat: true, after: { minutes: 10 } },
          {
            name: "transcode",
            succeed: { outputs: ["v-7f3a/1080p.mp4", "v-7f3a/720p.mp4"], durationSeconds: 754 },
            after: { minutes: 15 },
          },
        ],
      })
    ).toHistory(),
};
