import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { RequirementFileError, RequirementsDirectoryError } from "../src/errors.js";
import { compareIds, loadRequirements, parseRequirement } from "../src/requirements.js";

const source = { file: "step/1-7.yaml", id: "1-7", suite: "step" };

/** A requirement with the required fields, then `extra` lines. */
function yaml(extra: string): string {
  return `---
# 1.7: Step with context logger
description: Step with context logger
handler: |
  A step that logs.
invocations: |
  - Handler invokes the step.
${extra}`;
}

const HISTORY = `ExpectedExecutionHistory:
  - EventType: StepStarted
    EventId: 2
    Id: \${ID1}
`;

function parse(text: string, generate?: (length: number) => string) {
  return parseRequirement(text, generate ? { ...source, generate } : source);
}

function errorOf(text: string): RequirementFileError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof RequirementFileError) return error;
    throw error;
  }
  throw new Error("expected parseRequirement to throw");
}

describe("parseRequirement", () => {
  it("reads the fields of a requirement with its id and suite", () => {
    const requirement = parse(
      yaml(`optional: true
Input:
  name: Alice
  tags: [admin, active]
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: Hello, World!
${HISTORY}ExpectedLogs:
  - match:
      message: '/\\[ERROR\\]/'
    count: 0
`),
    );
    expect(requirement).toMatchObject({
      id: "1-7",
      suite: "step",
      file: "step/1-7.yaml",
      description: "Step with context logger",
      handler: "A step that logs.\n",
      optional: true,
      async: false,
      input: { name: "Alice", tags: ["admin", "active"] },
      expectedResult: { status: "SUCCEEDED", result: "Hello, World!", error: undefined },
      expectedHistory: [{ EventType: "StepStarted", EventId: 2, Id: "${ID1}" }],
      expectedLogs: [{ match: { message: "/\\[ERROR\\]/" }, count: 0 }],
      callbackActions: [],
      defaultRetryParameters: undefined,
    });
  });

  it("reads an Input with no value, and a missing Input, as null", () => {
    expect(parse(yaml(`Input:\n${HISTORY}`)).input).toBeNull();
    expect(parse(yaml(HISTORY)).input).toBeNull();
  });

  it("reads an empty Result as null and an absent one as not given", () => {
    const empty = parse(
      yaml(`ExpectedResult:\n  ExecutionStatus: SUCCEEDED\n  Result:\n${HISTORY}`),
    );
    expect(empty.expectedResult).toEqual({ status: "SUCCEEDED", result: null, error: undefined });
    const absent = parse(yaml(`ExpectedResult:\n  ExecutionStatus: SUCCEEDED\n${HISTORY}`));
    expect(absent.expectedResult).toEqual({
      status: "SUCCEEDED",
      result: undefined,
      error: undefined,
    });
    expect(parse(yaml(HISTORY)).expectedResult).toBeUndefined();
  });

  it("marks the requirement async for AsyncInvoke or async", () => {
    expect(parse(yaml(`AsyncInvoke: true\n${HISTORY}`)).async).toBe(true);
    expect(parse(yaml(`async: true\n${HISTORY}`)).async).toBe(true);
    expect(parse(yaml(`async: false\n${HISTORY}`)).async).toBe(false);
  });

  it("keeps CallbackActions and DefaultRetryParameters", () => {
    const requirement = parse(
      yaml(`CallbackActions:
  - CallbackName: '*'
    Operation: heartbeat
  - CallbackName: approval
    Operation: failure
    Payload:
      ErrorType: RejectedError
    Delay: 1
DefaultRetryParameters:
  MaxAttempts: 6
  InitialDelay: 5s
  MaxDelay: 60s
  BackoffRate: 2
  Jitter: FULL
${HISTORY}`),
    );
    expect(requirement.callbackActions).toEqual([
      { callbackName: "*", operation: "heartbeat", payload: null, delaySeconds: 0 },
      {
        callbackName: "approval",
        operation: "failure",
        payload: { ErrorType: "RejectedError" },
        delaySeconds: 1,
      },
    ]);
    expect(requirement.defaultRetryParameters).toEqual({
      MaxAttempts: 6,
      InitialDelay: "5s",
      MaxDelay: "60s",
      BackoffRate: 2,
      Jitter: "FULL",
    });
  });
});

describe("parseRequirement variables", () => {
  it("gives ${GEN_STR:N} a random alphanumeric value of length N", () => {
    const requirement = parse(
      yaml(`Variables:\n  INPUT_1: \${GEN_STR:8}\nInput: \${INPUT_1}\n${HISTORY}`),
    );
    expect(requirement.variables.INPUT_1).toMatch(/^[A-Za-z0-9]{8}$/);
    expect(requirement.input).toBe(requirement.variables.INPUT_1);
  });

  it("substitutes a variable everywhere it is used, inside longer strings too", () => {
    const requirement = parse(
      yaml(`Variables:
  INPUT_1: \${GEN_STR:8}
  CB_NAME: cb-\${GEN_STR:4}
Input: ['\${CB_NAME}']
ExpectedResult:
  ExecutionStatus: SUCCEEDED
  Result: Hello, \${INPUT_1}!
ExpectedExecutionHistory:
  - EventType: CallbackSucceeded
    EventId: 2
    Name: \${CB_NAME}
    CallbackSucceededDetails:
      Result:
        Payload: '"\${INPUT_1}"'
ExpectedLogs:
  - match:
      message: '/started for: \${INPUT_1}/'
    count: 1
`),
      (length) => "z".repeat(length),
    );
    expect(requirement.variables).toEqual({ INPUT_1: "zzzzzzzz", CB_NAME: "cb-zzzz" });
    expect(requirement.input).toEqual(["cb-zzzz"]);
    expect(requirement.expectedResult?.result).toBe("Hello, zzzzzzzz!");
    expect(requirement.expectedHistory[0]).toMatchObject({
      Name: "cb-zzzz",
      CallbackSucceededDetails: { Result: { Payload: '"zzzzzzzz"' } },
    });
    expect(requirement.expectedLogs[0]?.match).toEqual({ message: "/started for: zzzzzzzz/" });
  });

  it("generates each variable once, so all its uses agree", () => {
    let calls = 0;
    const requirement = parse(
      yaml(`Variables:\n  A: \${GEN_STR:3}\nInput: ['\${A}', '\${A}']\n${HISTORY}`),
      (length) => `${++calls}`.repeat(length),
    );
    expect(calls).toBe(1);
    expect(requirement.input).toEqual(["111", "111"]);
  });

  it("leaves names that are not variables as placeholders", () => {
    const requirement = parse(yaml(`Variables:\n  A: \${GEN_STR:3}\n${HISTORY}`));
    expect(requirement.expectedHistory[0]?.Id).toBe("${ID1}");
  });

  it("rejects a GEN_STR length that is not a positive whole number", () => {
    expect(errorOf(yaml(`Variables:\n  A: \${GEN_STR:0}\n${HISTORY}`)).message).toBe(
      "step/1-7.yaml: Variables.A: ${GEN_STR:0} needs a length from 1 to 10000.",
    );
    expect(errorOf(yaml(`Variables:\n  A: \${GEN_STR:x}\n${HISTORY}`)).field).toBe("Variables.A");
  });

  it("rejects ${GEN_STR:N} outside Variables", () => {
    expect(errorOf(yaml(`Input: \${GEN_STR:4}\n${HISTORY}`)).message).toBe(
      "step/1-7.yaml: Input: ${GEN_STR:N} is only expanded inside Variables; declare a variable and use ${NAME}.",
    );
  });

  it("rejects Variables that are not a mapping of names to text", () => {
    expect(errorOf(yaml(`Variables: [a]\n${HISTORY}`)).message).toBe(
      "step/1-7.yaml: Variables: must be a mapping of NAME: value, got a list.",
    );
    expect(errorOf(yaml(`Variables:\n  A: [1]\n${HISTORY}`)).message).toBe(
      'step/1-7.yaml: Variables.A: must be a string such as "${GEN_STR:8}", got a list.',
    );
  });
});

describe("parseRequirement errors", () => {
  it("names a missing required field", () => {
    const error = errorOf(`description: d\nhandler: h\n${HISTORY}`);
    expect(error.message).toBe("step/1-7.yaml: invocations: must be non-empty text, got nothing.");
    expect(error.file).toBe("step/1-7.yaml");
    expect(error.field).toBe("invocations");
  });

  it("requires ExpectedExecutionHistory", () => {
    expect(errorOf(yaml("Input: 1\n")).message).toBe(
      "step/1-7.yaml: ExpectedExecutionHistory: is required.",
    );
  });

  it("rejects an unknown field and lists the known ones", () => {
    expect(errorOf(yaml(`Inputs: 1\n${HISTORY}`)).message).toMatch(
      /^step\/1-7\.yaml: Inputs: unknown field; the fields are description, handler, invocations, /,
    );
  });

  it("rejects an unknown execution status and lists the allowed ones", () => {
    expect(errorOf(yaml(`ExpectedResult:\n  ExecutionStatus: DONE\n${HISTORY}`)).message).toBe(
      'step/1-7.yaml: ExpectedResult.ExecutionStatus: must be one of SUCCEEDED, FAILED, TIMED_OUT, STOPPED, got the string "DONE".',
    );
  });

  it("rejects an event without a whole-number EventId", () => {
    const text = yaml("ExpectedExecutionHistory:\n  - EventType: StepStarted\n    EventId: two\n");
    expect(errorOf(text).message).toBe(
      'step/1-7.yaml: ExpectedExecutionHistory[0].EventId: must be a whole number of at least 1, got the string "two".',
    );
  });

  it("rejects EventIds that do not increase", () => {
    const text = yaml(`ExpectedExecutionHistory:
  - EventType: StepStarted
    EventId: 3
  - EventType: StepSucceeded
    EventId: 3
`);
    expect(errorOf(text).message).toBe(
      "step/1-7.yaml: ExpectedExecutionHistory[1].EventId: EventIds must increase down the list, got 3 after 3.",
    );
  });

  it("rejects an event without an EventType", () => {
    expect(errorOf(yaml("ExpectedExecutionHistory:\n  - EventId: 2\n")).field).toBe(
      "ExpectedExecutionHistory[0].EventType",
    );
  });

  it("rejects an invalid ${/re/} when loading, naming its field", () => {
    const text = yaml(`ExpectedExecutionHistory:
  - EventType: StepFailed
    EventId: 2
    StepFailedDetails:
      Error:
        Payload:
          ErrorType: \${/(unclosed/}
`);
    expect(errorOf(text).message).toMatch(
      /^step\/1-7\.yaml: ExpectedExecutionHistory\[0\]\.StepFailedDetails\.Error\.Payload\.ErrorType: \/\(unclosed\/ is not a valid regular expression: /,
    );
  });

  it("rejects ExpectedLogs entries without a match or a count", () => {
    expect(errorOf(yaml(`${HISTORY}ExpectedLogs:\n  - count: 1\n`)).message).toBe(
      "step/1-7.yaml: ExpectedLogs[0].match: must be a mapping of log field to /regex/ or value, got nothing.",
    );
    expect(
      errorOf(yaml(`${HISTORY}ExpectedLogs:\n  - match: {message: hi}\n    count: -1\n`)).field,
    ).toBe("ExpectedLogs[0].count");
  });

  it("rejects a callback action with an unknown operation", () => {
    const text = yaml(`CallbackActions:\n  - CallbackName: a\n    Operation: succeed\n${HISTORY}`);
    expect(errorOf(text).message).toBe(
      'step/1-7.yaml: CallbackActions[0].Operation: must be one of success, failure, heartbeat, got the string "succeed".',
    );
  });

  it("rejects a flag that is not true or false", () => {
    expect(errorOf(yaml(`optional: yes\n${HISTORY}`)).message).toBe(
      'step/1-7.yaml: optional: must be true or false, got the string "yes".',
    );
  });

  it("rejects text that is not YAML, or more than one document", () => {
    expect(errorOf("description: [unclosed\n").message).toMatch(
      /^step\/1-7\.yaml: not valid YAML: /,
    );
    expect(errorOf(`${yaml(HISTORY)}---\ndescription: again\n`).message).toBe(
      "step/1-7.yaml: the file holds 2 YAML documents; a requirement file holds one.",
    );
    expect(errorOf("- a\n- b\n").message).toBe(
      "step/1-7.yaml: the document must be a mapping of fields, got a list.",
    );
  });
});

describe("loadRequirements", () => {
  let root: string;

  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), "conformance-"));
  });

  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function write(path: string, text: string) {
    await mkdir(join(root, path, ".."), { recursive: true });
    await writeFile(join(root, path), text);
  }

  it("loads every *.yaml at any depth, sorted by id, with its suite from its folder", async () => {
    await write("step/1-10.yaml", yaml(HISTORY));
    await write("step/1-2.yaml", yaml(HISTORY));
    await write("wait/2-1.yaml", yaml(HISTORY));
    await write("more/deep/9-1.yaml", yaml(HISTORY));
    await write("README.md", "not a requirement");
    const { requirements, invalid } = await loadRequirements(root);
    expect(invalid).toEqual([]);
    expect(requirements.map((r) => [r.id, r.suite, r.file])).toEqual([
      ["1-2", "step", "step/1-2.yaml"],
      ["1-10", "step", "step/1-10.yaml"],
      ["2-1", "wait", "wait/2-1.yaml"],
      ["9-1", "deep", "more/deep/9-1.yaml"],
    ]);
  });

  it("reports an invalid file without dropping the others", async () => {
    await write("step/1-1.yaml", yaml(HISTORY));
    await write("step/1-3.yaml", yaml("Input: 1\n"));
    const { requirements, invalid } = await loadRequirements(root);
    expect(requirements.map((r) => r.id)).toEqual(["1-1"]);
    expect(invalid.map((i) => [i.id, i.suite, i.error.message])).toEqual([
      ["1-3", "step", "step/1-3.yaml: ExpectedExecutionHistory: is required."],
    ]);
  });

  it("reports two files with the same id", async () => {
    await write("step/1-1.yaml", yaml(HISTORY));
    await write("wait/1-1.yaml", yaml(HISTORY));
    const { invalid } = await loadRequirements(root);
    expect(invalid.map((i) => i.error.message)).toEqual([
      "wait/1-1.yaml: id 1-1 is also step/1-1.yaml.",
    ]);
  });

  it("fails clearly for a folder that does not exist or holds no requirements", async () => {
    await expect(loadRequirements(join(root, "missing"))).rejects.toThrow(
      new RequirementsDirectoryError(join(root, "missing"), "no such folder."),
    );
    await expect(loadRequirements(root)).rejects.toThrow(
      `Failed to read requirements from ${root}: it holds no *.yaml requirement files.`,
    );
  });
});

describe("compareIds", () => {
  it("orders ids by their numbers", () => {
    expect(["1-10", "2-1", "1-2", "10-1", "1-1"].sort(compareIds)).toEqual([
      "1-1",
      "1-2",
      "1-10",
      "2-1",
      "10-1",
    ]);
  });
});
