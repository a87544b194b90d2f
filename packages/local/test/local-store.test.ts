import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { DurableExecutionService, VirtualClock } from "@durable-examples/service";
import { describe, expect, it } from "vitest";
import { LocalLambda } from "../src/index.js";
import { tempDataDir } from "./http/helpers.js";

describe("LocalStore", () => {
  it("imports a state.json of the whole-file store once, into journals, and renames it", () => {
    const dataDir = tempDataDir();
    const old = new DurableExecutionService({ clock: new VirtualClock() });
    old.registerFunction("orders");
    const { durableExecutionArn: arn } = old.startExecution({
      functionName: "orders",
      input: '{"id":1}',
    });
    const state = {
      format: 1,
      clockTime: "2025-01-01T00:00:00.000Z",
      functions: [],
      service: old.exportState(),
    };
    writeFileSync(join(dataDir, "state.json"), JSON.stringify(state));

    const first = new LocalLambda({ dataDir });
    first.persist();
    first.close();

    expect(existsSync(join(dataDir, "state.json"))).toBe(false);
    expect(existsSync(join(dataDir, "state.json.imported"))).toBe(true);
    expect(readdirSync(join(dataDir, "executions"))).toHaveLength(1);

    const second = new LocalLambda({ dataDir });
    try {
      expect(second.service.getExecution({ DurableExecutionArn: arn })).toMatchObject({
        Status: "RUNNING",
        InputPayload: '{"id":1}',
      });
    } finally {
      second.close();
    }
  });

  it("refuses a journal line that is complete but not JSON, naming the file and line", () => {
    const dataDir = tempDataDir();
    const lambda = new LocalLambda({ dataDir });
    lambda.service.registerFunction("orders");
    lambda.change(() => lambda.service.startExecution({ functionName: "orders" }));
    lambda.close();
    const [file] = readdirSync(join(dataDir, "executions"));
    const path = join(dataDir, "executions", file!);
    writeFileSync(path, "{not json}\n", { flag: "a" });

    expect(() => new LocalLambda({ dataDir })).toThrow(
      `Failed to load ${path}: line 2 is not JSON`,
    );
    // The failed start gave the directory back.
    expect(existsSync(join(dataDir, "lock"))).toBe(false);
  });

  it("cuts off a last line that a crash left half written", () => {
    const dataDir = tempDataDir();
    const lambda = new LocalLambda({ dataDir });
    lambda.service.registerFunction("orders");
    const { durableExecutionArn: arn } = lambda.change(() =>
      lambda.service.startExecution({ functionName: "orders" }),
    );
    lambda.close();
    const [file] = readdirSync(join(dataDir, "executions"));
    writeFileSync(join(dataDir, "executions", file!), '{"at":"2025-01-01T00:00:00.000Z","oper', {
      flag: "a",
    });

    const reopened = new LocalLambda({ dataDir });
    try {
      expect(reopened.service.getExecution({ DurableExecutionArn: arn }).Status).toBe("RUNNING");
    } finally {
      reopened.close();
    }
  });
});
