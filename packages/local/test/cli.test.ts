import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { startServerProcess } from "./helpers/server-process.js";
import { tempDataDir } from "./http/helpers.js";

describe("durable-local", () => {
  it("prints its endpoint and its web console's URL, where the page is served", async () => {
    const server = await startServerProcess(["--data-dir", tempDataDir()]);
    try {
      expect(server.consoleUrl).toBe(`${server.url}/`);
      const page = await fetch(server.consoleUrl);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain("<title>Durable functions · local console</title>");
    } finally {
      server.child.kill("SIGTERM");
      await once(server.child, "exit");
    }
  });
});
