import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DataDirInUseError, DataDirLock } from "../src/data-dir-lock.js";
import { startLocalServer } from "../src/index.js";
import { runServerToExit } from "./helpers/server-process.js";
import { tempDataDir } from "./http/helpers.js";

/** The pid of a process that has exited. */
function deadPid(): number {
  return spawnSync(process.execPath, ["-e", "process.exit(0)"]).pid!;
}

describe("DataDirLock", () => {
  it("refuses a second holder, naming the first, until the first releases it", () => {
    const dir = tempDataDir();
    const lock = DataDirLock.acquire(dir);
    lock.serving("http://127.0.0.1:9000");

    let refusal: unknown;
    try {
      DataDirLock.acquire(dir);
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(DataDirInUseError);
    expect((refusal as Error).message).toMatch(
      new RegExp(
        `^The data directory ${dir} is in use by another durable-local \\(pid ${process.pid} on ${hostname()}, serving http://127\\.0\\.0\\.1:9000, since .+\\)\\. Stop that server, or pass another --data-dir\\.$`,
      ),
    );

    lock.release();
    DataDirLock.acquire(dir).release();
  });

  it("takes over the lock of a process that is gone", () => {
    const dir = tempDataDir();
    const stale = { pid: deadPid(), host: hostname(), startedAt: "2025-01-01T00:00:00.000Z" };
    writeFileSync(join(dir, "lock"), JSON.stringify(stale));

    const lock = DataDirLock.acquire(dir);

    expect(JSON.parse(readFileSync(join(dir, "lock"), "utf8")).pid).toBe(process.pid);
    lock.release();
  });

  it("cannot check another host's lock, and says how to clear it", () => {
    const dir = tempDataDir();
    const elsewhere = { pid: 1, host: "build-box", startedAt: "2025-01-01T00:00:00.000Z" };
    writeFileSync(join(dir, "lock"), JSON.stringify(elsewhere));

    expect(() => DataDirLock.acquire(dir)).toThrow(
      `It runs on another host, so it cannot be checked from here: if it is gone, delete ${join(dir, "lock")}.`,
    );
  });
});

describe("durable-local on a data directory in use", () => {
  it("refuses to start, naming the server that holds it", async () => {
    const dir = tempDataDir();
    const lock = DataDirLock.acquire(dir);
    try {
      const { code, stderr } = await runServerToExit(["--data-dir", dir]);
      expect(code).toBe(1);
      expect(stderr).toContain(
        `[durable-local] Failed to start: The data directory ${dir} is in use by another durable-local (pid ${process.pid} on ${hostname()}, since`,
      );
    } finally {
      lock.release();
    }
  });
});

describe("startLocalServer on a port in use", () => {
  it("fails and gives its data directory back, so the next start can have it", async () => {
    const first = await startLocalServer({ port: 0, dataDir: tempDataDir() });
    const dataDir = tempDataDir();
    try {
      await expect(startLocalServer({ port: first.port, dataDir })).rejects.toThrow("EADDRINUSE");
      const second = await startLocalServer({ port: 0, dataDir });
      await second.close();
    } finally {
      await first.close();
    }
  });
});
