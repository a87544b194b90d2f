import { readdir, readFile, stat } from "node:fs/promises";
import { basename, dirname, join, relative, sep } from "node:path";
import { parseAllDocuments } from "yaml";
import { RequirementFileError, RequirementsDirectoryError } from "./errors.js";
import {
  callbackActions,
  defaultRetryParameters,
  expectedHistory,
  expectedLogs,
  expectedResult,
  flag,
  requiredText,
} from "./requirement-fields.js";
import type { Requirement } from "./types/requirement.js";
import {
  describeType,
  expandVariables,
  isPlainObject,
  randomAlphanumeric,
  resolveVariables,
  type StringGenerator,
} from "./variables.js";

const FIELDS = [
  "description",
  "handler",
  "invocations",
  "optional",
  "Input",
  "Variables",
  "AsyncInvoke",
  "async",
  "CallbackActions",
  "DefaultRetryParameters",
  "ExpectedResult",
  "ExpectedExecutionHistory",
  "ExpectedLogs",
] as const;

export interface LoadOptions {
  /** Makes the values of `${GEN_STR:N}`; random letters and digits by default. */
  readonly generate?: StringGenerator;
}

/** Where a requirement comes from: `file` names it in errors. */
export interface RequirementSource extends LoadOptions {
  readonly file: string;
  readonly id: string;
  readonly suite: string;
}

/** A requirement file that could not be loaded, kept so that the runner can report it. */
export interface InvalidRequirement {
  readonly file: string;
  readonly id: string;
  readonly suite: string;
  readonly error: RequirementFileError;
}

export interface LoadedRequirements {
  /** Sorted by id, numerically: 1-2 before 1-10. */
  readonly requirements: readonly Requirement[];
  readonly invalid: readonly InvalidRequirement[];
}

/**
 * Loads every `*.yaml` under `directory`, at any depth. The id of a requirement is its file
 * stem and its suite is the folder it is in. A file that cannot be used does not stop the others:
 * it is returned in `invalid` with an error naming the file and the field.
 *
 * @example
 * const { requirements, invalid } = await loadRequirements("../shared/conformance");
 */
export async function loadRequirements(
  directory: string,
  options: LoadOptions = {},
): Promise<LoadedRequirements> {
  const info = await stat(directory).catch((cause: unknown) => {
    throw new RequirementsDirectoryError(directory, "no such folder.", { cause });
  });
  if (!info.isDirectory()) throw new RequirementsDirectoryError(directory, "not a folder.");
  const paths = await findYamlFiles(directory);
  if (paths.length === 0) {
    throw new RequirementsDirectoryError(directory, "it holds no *.yaml requirement files.");
  }
  const requirements: Requirement[] = [];
  const invalid: InvalidRequirement[] = [];
  const fileById = new Map<string, string>();
  for (const path of paths) {
    const file = relative(directory, path).split(sep).join("/");
    const source = { file, id: basename(path, ".yaml"), suite: basename(dirname(path)) };
    try {
      const earlier = fileById.get(source.id);
      if (earlier !== undefined) {
        throw new RequirementFileError(file, undefined, `id ${source.id} is also ${earlier}.`);
      }
      fileById.set(source.id, file);
      const text = await readFile(path, "utf8");
      requirements.push(parseRequirement(text, { ...source, ...options }));
    } catch (error) {
      if (!(error instanceof RequirementFileError)) throw error;
      invalid.push({ ...source, error });
    }
  }
  requirements.sort((a, b) => compareIds(a.id, b.id));
  invalid.sort((a, b) => compareIds(a.id, b.id));
  return { requirements, invalid };
}

/**
 * Parses the text of one requirement file: one YAML document, validated field by field, with
 * its `Variables` expanded everywhere.
 *
 * @example
 * parseRequirement(text, { file: "step/1-1.yaml", id: "1-1", suite: "step" });
 */
export function parseRequirement(text: string, source: RequirementSource): Requirement {
  const { file } = source;
  const raw = parseYaml(text, file);
  for (const key of Object.keys(raw)) {
    if (!(FIELDS as readonly string[]).includes(key)) {
      throw new RequirementFileError(
        file,
        key,
        `unknown field; the fields are ${FIELDS.join(", ")}.`,
      );
    }
  }
  const variables = resolveVariables(raw.Variables, file, source.generate ?? randomAlphanumeric);
  const doc: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    doc[key] = key === "Variables" ? value : expandVariables(value, variables, file, key);
  }
  const requirement: Requirement = {
    id: source.id,
    suite: source.suite,
    file,
    description: requiredText(doc, "description", file),
    handler: requiredText(doc, "handler", file),
    invocations: requiredText(doc, "invocations", file),
    optional: flag(doc, "optional", file),
    async: flag(doc, "AsyncInvoke", file) || flag(doc, "async", file),
    input: doc.Input ?? null,
    variables,
    callbackActions: callbackActions(doc.CallbackActions, file),
    defaultRetryParameters: defaultRetryParameters(doc.DefaultRetryParameters, file),
    expectedResult: expectedResult(doc.ExpectedResult, file),
    expectedHistory: expectedHistory(doc.ExpectedExecutionHistory, file),
    expectedLogs: expectedLogs(doc.ExpectedLogs, file),
  };
  return requirement;
}

/** Orders ids by their numeric parts, so that 1-2 comes before 1-10. */
export function compareIds(a: string, b: string): number {
  const left = a.split("-");
  const right = b.split("-");
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i] ?? "";
    const y = right[i] ?? "";
    const byNumber = Number(x) - Number(y);
    if (!Number.isNaN(byNumber) && byNumber !== 0) return byNumber;
    if (Number.isNaN(byNumber) && x !== y) return x < y ? -1 : 1;
  }
  return 0;
}

async function findYamlFiles(directory: string): Promise<string[]> {
  const entries = await readdir(directory, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.name.startsWith(".")) continue;
    const path = join(directory, entry.name);
    if (entry.isDirectory()) files.push(...(await findYamlFiles(path)));
    else if (entry.isFile() && entry.name.endsWith(".yaml")) files.push(path);
  }
  return files;
}

function parseYaml(text: string, file: string): Record<string, unknown> {
  const documents = parseAllDocuments(text);
  if (!Array.isArray(documents) || documents.length === 0) {
    throw new RequirementFileError(file, undefined, "the file holds no YAML document.");
  }
  if (documents.length > 1) {
    throw new RequirementFileError(
      file,
      undefined,
      `the file holds ${documents.length} YAML documents; a requirement file holds one.`,
    );
  }
  const document = documents[0]!;
  const [first] = document.errors;
  if (first !== undefined) {
    throw new RequirementFileError(file, undefined, `not valid YAML: ${first.message}`, {
      cause: first,
    });
  }
  const value: unknown = document.toJS();
  if (!isPlainObject(value)) {
    throw new RequirementFileError(
      file,
      undefined,
      `the document must be a mapping of fields, got ${describeType(value)}.`,
    );
  }
  return value;
}
