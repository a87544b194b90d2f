import { afterEach, describe, expect, it } from "vitest";
import { resetProcessDefaults } from "../src/configure.js";
import {
  configureSerdes,
  createClassSerdes,
  createClassSerdesWithDates,
  type DurableContext,
  defaultSerdes,
  type Serdes,
  type SerdesContext,
  withDurableExecution,
} from "../src/index.js";
import { EXECUTION_ARN, FakeService, id } from "./helpers/fake-service.js";

afterEach(() => {
  resetProcessDefaults();
});

/** Stores dates as epoch milliseconds and records what it was told. */
function epochSerdes(contexts: SerdesContext[] = []): Serdes<Date> {
  return {
    serialize: async (value, context) => {
      contexts.push(context);
      return value === undefined ? undefined : String(value.getTime());
    },
    deserialize: async (text) => (text === undefined ? undefined : new Date(Number(text))),
  };
}

const failingSerdes = (stage: "serialize" | "deserialize"): Serdes<unknown> => ({
  serialize: async (value) => {
    if (stage === "serialize") throw new Error("cannot write");
    return JSON.stringify(value);
  },
  deserialize: async (text) => {
    if (stage === "deserialize") throw new Error("cannot read");
    return text;
  },
});

describe("defaultSerdes", () => {
  it("writes JSON and passes undefined through as no payload", async () => {
    const context = { entityId: "x", durableExecutionArn: "arn" };

    await expect(defaultSerdes.serialize({ a: [1] }, context)).resolves.toBe('{"a":[1]}');
    await expect(defaultSerdes.serialize(undefined, context)).resolves.toBeUndefined();
    await expect(defaultSerdes.deserialize('{"a":[1]}', context)).resolves.toEqual({ a: [1] });
    await expect(defaultSerdes.deserialize(undefined, context)).resolves.toBeUndefined();
  });
});

class Article {
  title = "";
  createdAt = new Date(0);
  meta: { publishedAt?: Date; tags: string[] } = { tags: [] };

  describe(): string {
    return `${this.title} (${this.createdAt.toISOString()})`;
  }
}

describe("createClassSerdes", () => {
  const context = { entityId: "x", durableExecutionArn: "arn" };

  it("stores an instance as JSON and reads it back as an instance of the class", async () => {
    const serdes = createClassSerdes(Article);
    const article = Object.assign(new Article(), { title: "Durable" });

    const text = await serdes.serialize(article, context);
    const read = await serdes.deserialize(text, context);

    expect(text).toBe(
      '{"title":"Durable","createdAt":"1970-01-01T00:00:00.000Z","meta":{"tags":[]}}',
    );
    expect(read).toBeInstanceOf(Article);
    expect(read?.title).toBe("Durable");
    expect(read?.createdAt).toBe("1970-01-01T00:00:00.000Z");
  });

  it("passes undefined through as no payload", async () => {
    const serdes = createClassSerdes(Article);

    await expect(serdes.serialize(undefined, context)).resolves.toBeUndefined();
    await expect(serdes.deserialize(undefined, context)).resolves.toBeUndefined();
  });
});

describe("createClassSerdesWithDates", () => {
  const context = { entityId: "x", durableExecutionArn: "arn" };

  it("turns the listed fields, nested ones included, back into dates", async () => {
    const serdes = createClassSerdesWithDates(Article, ["createdAt", "meta.publishedAt"]);
    const article = Object.assign(new Article(), {
      title: "Durable",
      createdAt: new Date(1_000),
      meta: { publishedAt: new Date(2_000), tags: ["x"] },
    });

    const read = await serdes.deserialize(await serdes.serialize(article, context), context);

    expect(read).toBeInstanceOf(Article);
    expect(read?.describe()).toBe("Durable (1970-01-01T00:00:01.000Z)");
    expect(read?.meta.publishedAt).toEqual(new Date(2_000));
  });

  it("leaves a listed path alone when it is missing", async () => {
    const serdes = createClassSerdesWithDates(Article, ["meta.publishedAt", "nowhere.at"]);

    const read = await serdes.deserialize('{"title":"Draft","meta":{"tags":[]}}', context);

    expect(read?.meta).toEqual({ tags: [] });
    expect(read).not.toHaveProperty("nowhere");
  });

  it("keeps a step's class instance, live and on replay", async () => {
    const service = new FakeService();
    const described: string[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const article = await context.step(
        "write",
        () => Object.assign(new Article(), { title: "Live", createdAt: new Date(5_000) }),
        { serdes: createClassSerdesWithDates(Article, ["createdAt"]) },
      );
      described.push(article.describe());
      await context.wait({ seconds: 1 });
      return "published";
    });
    await service.invoke(handler);
    service.change("2", { Status: "SUCCEEDED" });

    await service.invoke(handler);

    expect(described).toEqual([
      "Live (1970-01-01T00:00:05.000Z)",
      "Live (1970-01-01T00:00:05.000Z)",
    ]);
  });
});

describe("an operation's serdes", () => {
  it("stores the step result with the serdes, told the operation's wire id and the execution", async () => {
    const service = new FakeService();
    const contexts: SerdesContext[] = [];
    let returned: unknown;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      returned = await context.step("stamp", () => new Date(1_000), {
        serdes: epochSerdes(contexts),
      });
      return "stamped";
    });

    await service.invoke(handler);

    expect(service.updates.at(-1)?.Payload).toBe("1000");
    expect(contexts).toEqual([{ entityId: id("1"), durableExecutionArn: EXECUTION_ARN }]);
    expect(returned).toEqual(new Date(1_000));
  });

  it("reads a recorded result back with the serdes on replay", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "stamp",
      Status: "SUCCEEDED",
      StepDetails: { Result: "2000" },
    });
    let returned: unknown;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      returned = await context.step("stamp", () => new Date(0), { serdes: epochSerdes() });
      return "replayed";
    });

    await service.invoke(handler);

    expect(returned).toEqual(new Date(2_000));
  });

  it("makes the handler throw when a result cannot be serialized, even if the code catches it", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      try {
        await context.step("s", () => 1, { serdes: failingSerdes("serialize") });
      } catch {
        return "caught";
      }
      return "finished";
    });

    await expect(service.invoke(handler)).rejects.toMatchObject({
      name: "SerdesError",
      message: 'Step "s": could not serialize the result: Error: cannot write',
    });
  });

  it("makes the handler throw when a recorded result cannot be deserialized", async () => {
    const service = new FakeService().record("1", {
      Type: "CONTEXT",
      SubType: "RunInChildContext",
      Name: "group",
      Status: "SUCCEEDED",
      ContextDetails: { Result: '"stored"' },
    });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.runInChildContext("group", async () => "live", {
        serdes: failingSerdes("deserialize") as Serdes<string>,
      }),
    );

    await expect(service.invoke(handler)).rejects.toMatchObject({
      name: "SerdesError",
      message:
        'RunInChildContext "group": could not deserialize the stored result: Error: cannot read',
    });
  });
});

describe("context.configureSerdes", () => {
  it("replaces JSON for operations that give no serdes", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureSerdes({ defaultSerdes: epochSerdes() });
      const stamp = await context.step("stamp", () => new Date(3_000));
      return (stamp as Date).getTime();
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: "3000" });
    expect(service.updates.at(-1)?.Payload).toBe("3000");
  });

  it("reads stored values with the serdes configured when the operation is called, on replay", async () => {
    const service = new FakeService().record("1", {
      Type: "STEP",
      SubType: "Step",
      Name: "stamp",
      Status: "SUCCEEDED",
      StepDetails: { Result: "5000" },
    });
    let replayed: unknown;
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureSerdes({ defaultSerdes: epochSerdes() });
      replayed = await context.step("stamp", () => new Date(0));
      return "done";
    });

    await service.invoke(handler);

    expect(replayed).toEqual(new Date(5_000));
  });

  it("passes its serdes to child contexts started afterwards, and a child's stays its own", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureSerdes({ defaultSerdes: epochSerdes() });
      await context.runInChildContext("group", async (child) => {
        await child.step("inherited", () => new Date(1_000));
        child.configureSerdes({ defaultSerdes });
        await child.step("own", () => new Date(2_000));
        return new Date(4_000);
      });
      await context.step("parent", () => new Date(3_000));
      return "done";
    });

    await service.invoke(handler);

    const payloads = service.updates
      .filter((update) => update.Type === "STEP" && update.Action === "SUCCEED")
      .map((update) => [update.Name, update.Payload]);
    expect(payloads).toEqual([
      ["inherited", "1000"],
      ["own", '"1970-01-01T00:00:02.000Z"'],
      ["parent", "3000"],
    ]);
    // The child's own result is stored by its parent, with the parent's serdes.
    expect(service.operation("1")?.ContextDetails?.Result).toBe("4000");
  });

  it("gives way to an operation's own serdes", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureSerdes({ defaultSerdes: epochSerdes() });
      await context.step("own", () => ({ n: 1 }), { serdes: defaultSerdes });
      return "done";
    });

    await service.invoke(handler);

    expect(service.updates.find((update) => update.Action === "SUCCEED")?.Payload).toBe('{"n":1}');
  });

  it("leaves callback answers raw when only defaultSerdes is set", async () => {
    const service = new FakeService().record("1", {
      Type: "CALLBACK",
      SubType: "Callback",
      Status: "SUCCEEDED",
      CallbackDetails: { CallbackId: "cb-1", Result: '{"approved":true}' },
    });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureSerdes({ defaultSerdes: epochSerdes() });
      const [answer] = await context.createCallback();
      return typeof (await answer);
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '"string"',
    });
  });

  it("replaces the raw-string reader of callback answers", async () => {
    const service = new FakeService().record("1", {
      Type: "CALLBACK",
      SubType: "Callback",
      Status: "SUCCEEDED",
      CallbackDetails: { CallbackId: "cb-1", Result: '{"approved":true}' },
    });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureSerdes({ defaultCallbackDeserializer: defaultSerdes });
      const [answer] = await context.createCallback();
      return answer;
    });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: '{"approved":true}',
    });
  });

  it("stores a waitForCallback answer raw and reads it with the callback deserializer, live and on replay", async () => {
    const service = new FakeService();
    const answers: unknown[] = [];
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      context.configureSerdes({ defaultCallbackDeserializer: defaultSerdes });
      answers.push(await context.waitForCallback("approval", async () => {}));
      return "done";
    });
    await service.invoke(handler);
    service.change("1-1", { Status: "SUCCEEDED", CallbackDetails: { Result: '{"ok":true}' } });

    await service.invoke(handler);
    await service.invoke(handler);

    expect(answers).toEqual([{ ok: true }, { ok: true }]);
    expect(service.operation("1")?.ContextDetails?.Result).toBe('{"ok":true}');
  });

  it("stores a waitForCallback answer as the JSON of the raw string when no deserializer is set", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) =>
      context.waitForCallback("approval", async () => {}),
    );
    await service.invoke(handler);
    service.change("1-1", { Status: "SUCCEEDED", CallbackDetails: { Result: '{"ok":true}' } });

    await expect(service.invoke(handler)).resolves.toEqual({
      Status: "SUCCEEDED",
      Result: JSON.stringify('{"ok":true}'),
    });
    expect(service.operation("1")?.ContextDetails?.Result).toBe(JSON.stringify('{"ok":true}'));
  });
});

describe("configureSerdes (deprecated, process-wide)", () => {
  it("sets the serdes every root context starts with", async () => {
    const service = new FakeService();
    configureSerdes({ defaultSerdes: epochSerdes() as Serdes<unknown> });
    const handler = withDurableExecution(async (_: unknown, context: DurableContext) => {
      const stamp = await context.step("stamp", () => new Date(3_000));
      return (stamp as Date).getTime();
    });

    await expect(service.invoke(handler)).resolves.toEqual({ Status: "SUCCEEDED", Result: "3000" });
  });
});

describe("the execution's input and result", () => {
  it("fails the execution when the input is not JSON", async () => {
    const service = new FakeService();
    const event = service.event();
    const [execution] = event.InitialExecutionState.Operations;
    event.InitialExecutionState.Operations = [
      { ...execution!, ExecutionDetails: { InputPayload: "{oops" } },
    ];
    let ran = false;
    const handler = withDurableExecution(async () => {
      ran = true;
      return "ran";
    });

    const output = await handler(event);

    expect(ran).toBe(false);
    expect(output).toMatchObject({
      Status: "FAILED",
      Error: { ErrorType: "SerdesError" },
    });
    expect((output as { Error: { ErrorMessage: string } }).Error.ErrorMessage).toMatch(
      /^The execution input is not JSON: SyntaxError: /,
    );
  });

  it("gives the handler {} when the EXECUTION operation has no input", async () => {
    const service = new FakeService();
    const event = service.event();
    const [execution] = event.InitialExecutionState.Operations;
    event.InitialExecutionState.Operations = [{ ...execution!, ExecutionDetails: {} }];
    const handler = withDurableExecution(async (input: unknown) => input);

    await expect(handler(event)).resolves.toEqual({ Status: "SUCCEEDED", Result: "{}" });
  });

  it("makes the handler throw when its result cannot be serialized", async () => {
    const service = new FakeService();
    const handler = withDurableExecution(async () => ({ big: 1n }));

    await expect(service.invoke(handler)).rejects.toMatchObject({
      name: "SerdesError",
      message:
        "The handler's result could not be serialized: TypeError: Do not know how to serialize a BigInt",
    });
  });
});
