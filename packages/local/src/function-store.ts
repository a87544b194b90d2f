import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AliasConfiguration, FunctionConfiguration } from "@aws-sdk/client-lambda";
import {
  describeValue,
  FUNCTION_NAME_PATTERN,
  FUNCTION_VERSION,
  functionArn,
  InvalidParameterValueError,
  ResourceConflictError,
  ResourceNotFoundError,
} from "@durable-examples/service";
import { CodeStorageExceededError } from "./errors.js";
import {
  durableConfigOf,
  lastModified,
  MAX_TAGS,
  optionalString,
  plainSettingsOf,
  tagsOf,
} from "./function-settings.js";
import { listPage } from "./list-page.js";
import { ensurePrivateDir, PRIVATE_FILE } from "./private-files.js";
import { DEFAULT_MAX_UNZIPPED_BYTES, unzip } from "./unzip.js";

/** An uploaded package, unpacked once into `code/<sha256 hex>/` under the data directory. */
export interface CodeRef {
  /** base64 SHA-256 of the zip, as Lambda reports `CodeSha256`. */
  sha256: string;
  /** The folder name under `code/`. */
  id: string;
  /** Bytes of the zip. */
  size: number;
}

/** The configuration that a version freezes. */
export interface FunctionSettings {
  runtime: string;
  handler: string;
  role: string;
  description: string;
  timeout: number;
  memorySize: number;
  /** Set for a durable function (Lambda's `DurableConfig`). */
  durableConfig?: { ExecutionTimeout?: number; RetentionPeriodInDays?: number; KMSKeyArn?: string };
}

export interface VersionRecord extends FunctionSettings {
  code: CodeRef;
  lastModified: string;
  revisionId: string;
}

export interface AliasRecord {
  version: string;
  description: string;
  revisionId: string;
}

export interface FunctionRecord {
  name: string;
  latest: VersionRecord;
  versions: Record<string, VersionRecord>;
  nextVersion: number;
  aliases: Record<string, AliasRecord>;
  /** Absent in state written before tags were kept. */
  tags?: Record<string, string>;
}

/** What an invocation runs: a function at a resolved version. */
export interface ResolvedFunction {
  record: FunctionRecord;
  /** `$LATEST` or a published version number. */
  version: string;
  settings: VersionRecord;
}

/** The fields of CreateFunction the local service reads. */
export interface CreateFunctionInput {
  FunctionName?: unknown;
  Runtime?: unknown;
  Handler?: unknown;
  Role?: unknown;
  Description?: unknown;
  Timeout?: unknown;
  MemorySize?: unknown;
  Code?: { ZipFile?: unknown };
  DurableConfig?: unknown;
  Tags?: unknown;
}

/** Bounds on what deploys may keep on disk. */
export interface FunctionStoreLimits {
  /** What one package may unpack to. Default Lambda's 250 MB. */
  maxUnzippedBytes?: number;
  /** Published versions one function may keep. Default 100. */
  maxVersions?: number;
}

const ALIAS_PATTERN = /^(?!^[0-9]+$)[a-zA-Z0-9-_]{1,128}$/;

/**
 * The deployed functions of the local service: their code (unpacked on disk), `$LATEST`
 * settings, published versions and aliases, as Lambda's function management API sees them.
 *
 * Invariants: a published version never changes; an alias always names a published version of
 * its function; every `CodeRef` names a folder under `codeRoot` that holds the unpacked zip.
 */
export class FunctionStore {
  private readonly functions = new Map<string, FunctionRecord>();

  private readonly maxUnzippedBytes: number;
  private readonly maxVersions: number;

  constructor(
    private readonly codeRoot: string,
    private readonly region: string,
    private readonly accountId: string,
    limits: FunctionStoreLimits = {},
  ) {
    this.maxUnzippedBytes = limits.maxUnzippedBytes ?? DEFAULT_MAX_UNZIPPED_BYTES;
    this.maxVersions = limits.maxVersions ?? 100;
  }

  /** The records, for persistence. */
  records(): FunctionRecord[] {
    return [...this.functions.values()];
  }

  /** Loads persisted records (their code folders must exist). */
  load(records: FunctionRecord[]): void {
    for (const record of records) this.functions.set(record.name, record);
  }

  /** The folder holding a package's files. */
  codeDir(code: CodeRef): string {
    return join(this.codeRoot, code.id);
  }

  create(input: CreateFunctionInput): FunctionConfiguration {
    const name = input.FunctionName;
    if (typeof name !== "string" || !FUNCTION_NAME_PATTERN.test(name)) {
      throw new InvalidParameterValueError(
        `FunctionName must match [a-zA-Z0-9-_]{1,64}, got ${describeValue(name)}.`,
      );
    }
    if (this.functions.has(name)) {
      throw new ResourceConflictError(
        `Function already exist: ${name}. Update its code with UpdateFunctionCode, or delete it first.`,
      );
    }
    const zip = input.Code?.ZipFile;
    if (typeof zip !== "string" || zip.length === 0) {
      throw new InvalidParameterValueError(
        "Code.ZipFile is required: the local service runs code uploaded as a zip (S3 and image code are not supported).",
      );
    }
    const settings: FunctionSettings = {
      ...plainSettingsOf(input, {
        runtime: "nodejs22.x",
        handler: "index.handler",
        role: `arn:aws:iam::${this.accountId}:role/durable-local-function`,
        description: "",
        timeout: 3,
        memorySize: 128,
      }),
      ...durableConfigOf(input.DurableConfig),
    };
    const tags = tagsOf(input.Tags ?? {});
    const code = this.storeCode(zip);
    const record: FunctionRecord = {
      name,
      latest: { ...settings, code, lastModified: lastModified(), revisionId: randomUUID() },
      versions: {},
      nextVersion: 1,
      aliases: {},
      tags,
    };
    this.functions.set(name, record);
    return this.configuration(record, FUNCTION_VERSION);
  }

  updateCode(nameOrArn: string, zipBase64: unknown): FunctionConfiguration {
    const record = this.record(nameOrArn);
    if (typeof zipBase64 !== "string" || zipBase64.length === 0) {
      throw new InvalidParameterValueError(
        "ZipFile is required: the local service runs code uploaded as a zip (S3 and image code are not supported).",
      );
    }
    const code = this.storeCode(zipBase64);
    // The same package again changes nothing, so PublishVersion returns the last version.
    if (code.sha256 === record.latest.code.sha256) {
      return this.configuration(record, FUNCTION_VERSION);
    }
    record.latest = {
      ...record.latest,
      code,
      lastModified: lastModified(),
      revisionId: randomUUID(),
    };
    this.pruneCode();
    return this.configuration(record, FUNCTION_VERSION);
  }

  updateConfiguration(nameOrArn: string, input: CreateFunctionInput): FunctionConfiguration {
    const record = this.record(nameOrArn);
    const latest = { ...record.latest, ...plainSettingsOf(input, record.latest) };
    if (input.DurableConfig !== undefined && input.DurableConfig !== null) {
      if (latest.durableConfig === undefined) {
        throw new InvalidParameterValueError(
          `${record.name} is not a durable function, and durability can only be chosen when a function is created (CreateFunction with DurableConfig). Create a new function to make it durable.`,
        );
      }
      // The whole DurableConfig is replaced, as ExecutionTimeout must be given each time.
      latest.durableConfig = durableConfigOf(input.DurableConfig).durableConfig;
    }
    latest.lastModified = lastModified();
    latest.revisionId = randomUUID();
    record.latest = latest;
    return this.configuration(record, FUNCTION_VERSION);
  }

  /**
   * PublishVersion: freezes `$LATEST` as the next version number, or returns the last version
   * when nothing changed since it was published (as Lambda does).
   */
  publish(nameOrArn: string, input: { CodeSha256?: unknown; Description?: unknown }): string {
    const record = this.record(nameOrArn);
    const expected = optionalString(input.CodeSha256, "CodeSha256");
    if (expected !== undefined && expected !== record.latest.code.sha256) {
      throw new InvalidParameterValueError(
        `CodeSha256 ${expected} does not match the code of $LATEST (${record.latest.code.sha256}); it was updated since. Publish again with the current CodeSha256.`,
      );
    }
    const last = record.versions[String(record.nextVersion - 1)];
    if (last !== undefined && last.revisionId === record.latest.revisionId) {
      return String(record.nextVersion - 1);
    }
    const kept = Object.keys(record.versions).length;
    if (kept >= this.maxVersions) {
      throw new CodeStorageExceededError(
        `${record.name} already keeps ${kept} published versions, the most this server allows (--max-versions). Delete old ones with DeleteFunction and a Qualifier first.`,
      );
    }
    const version = String(record.nextVersion);
    record.nextVersion += 1;
    const description = optionalString(input.Description, "Description");
    record.versions[version] = {
      ...record.latest,
      ...(description === undefined ? {} : { description }),
    };
    return version;
  }

  createAlias(nameOrArn: string, input: Record<string, unknown>): AliasConfiguration {
    const record = this.record(nameOrArn);
    const name = input.Name;
    if (typeof name !== "string" || !ALIAS_PATTERN.test(name)) {
      throw new InvalidParameterValueError(
        `Alias Name must match [a-zA-Z0-9-_]{1,128} and not be a number, got ${describeValue(name)}.`,
      );
    }
    if (record.aliases[name] !== undefined) {
      throw new ResourceConflictError(
        `Alias already exists: ${this.arn(record.name)}:${name}. Move it with UpdateAlias.`,
      );
    }
    record.aliases[name] = {
      version: this.publishedVersion(record, input.FunctionVersion),
      description: optionalString(input.Description, "Description") ?? "",
      revisionId: randomUUID(),
    };
    return this.aliasConfiguration(record, name);
  }

  updateAlias(
    nameOrArn: string,
    aliasName: string,
    input: Record<string, unknown>,
  ): AliasConfiguration {
    const record = this.record(nameOrArn);
    const alias = this.alias(record, aliasName);
    if (input.FunctionVersion !== undefined) {
      alias.version = this.publishedVersion(record, input.FunctionVersion);
    }
    alias.description = optionalString(input.Description, "Description") ?? alias.description;
    alias.revisionId = randomUUID();
    return this.aliasConfiguration(record, aliasName);
  }

  getAlias(nameOrArn: string, aliasName: string): AliasConfiguration {
    const record = this.record(nameOrArn);
    this.alias(record, aliasName);
    return this.aliasConfiguration(record, aliasName);
  }

  /**
   * DeleteFunction: the whole function, or one version (given in the name, `name:2`, or as the
   * qualifier) that no alias points to. Returns the version deleted, or undefined for the whole
   * function.
   */
  delete(nameOrArn: string, qualifierParameter: string | undefined): string | undefined {
    const qualifier = qualifierOf(nameOrArn, qualifierParameter);
    const record = this.record(nameOrArn);
    if (qualifier === undefined) {
      this.functions.delete(record.name);
      this.pruneCode();
      return undefined;
    }
    if (qualifier === FUNCTION_VERSION) {
      throw new InvalidParameterValueError(
        `$LATEST of ${record.name} cannot be deleted on its own. Delete the function (no qualifier) to delete every version.`,
      );
    }
    if (record.aliases[qualifier] !== undefined) {
      throw new InvalidParameterValueError(
        `${qualifier} is an alias of ${record.name}, and DeleteFunction deletes versions. Delete the alias with DeleteAlias.`,
      );
    }
    if (record.versions[qualifier] === undefined) {
      throw new ResourceNotFoundError(`Function not found: ${this.arn(record.name)}:${qualifier}.`);
    }
    const users = Object.entries(record.aliases).filter(([, a]) => a.version === qualifier);
    if (users.length > 0) {
      throw new ResourceConflictError(
        `Unable to delete version ${qualifier} of ${record.name}: alias ${users.map(([n]) => n).join(", ")} points to it. Move the alias first.`,
      );
    }
    delete record.versions[qualifier];
    this.pruneCode();
    return qualifier;
  }

  /** DeleteAlias. */
  deleteAlias(nameOrArn: string, aliasName: string): void {
    const record = this.record(nameOrArn);
    this.alias(record, aliasName);
    delete record.aliases[aliasName];
  }

  /**
   * ListFunctions: `$LATEST` of every function, or (with `FunctionVersion: "ALL"`) every
   * version, by name.
   */
  list(input: { functionVersion?: string; marker?: string; maxItems?: number }) {
    if (input.functionVersion !== undefined && input.functionVersion !== "ALL") {
      throw new InvalidParameterValueError(
        `FunctionVersion must be ALL (to list every published version too), got ${describeValue(input.functionVersion)}.`,
      );
    }
    const entries = [...this.functions.values()].flatMap((record) =>
      (input.functionVersion === "ALL" ? versionsOf(record) : [FUNCTION_VERSION]).map(
        (version) => ({ record, version }),
      ),
    );
    const page = listPage(
      "functions",
      entries,
      ({ record, version }) => `${record.name}\n${versionKey(version)}`,
      input.marker,
      input.maxItems,
    );
    return {
      Functions: page.items.map(({ record, version }) => this.configuration(record, version)),
      ...(page.nextMarker === undefined ? {} : { NextMarker: page.nextMarker }),
    };
  }

  /** ListVersionsByFunction: `$LATEST`, then the published versions in order. */
  listVersions(nameOrArn: string, input: { marker?: string; maxItems?: number }) {
    const record = this.record(nameOrArn);
    const page = listPage(
      `versions:${record.name}`,
      versionsOf(record),
      versionKey,
      input.marker,
      input.maxItems,
    );
    return {
      Versions: page.items.map((version) => this.configuration(record, version)),
      ...(page.nextMarker === undefined ? {} : { NextMarker: page.nextMarker }),
    };
  }

  /** ListAliases, by name; with `functionVersion`, only the aliases that point to it. */
  listAliases(
    nameOrArn: string,
    input: { functionVersion?: string; marker?: string; maxItems?: number },
  ) {
    const record = this.record(nameOrArn);
    const names = Object.keys(record.aliases).filter(
      (name) =>
        input.functionVersion === undefined ||
        record.aliases[name]!.version === input.functionVersion,
    );
    const page = listPage(
      `aliases:${record.name}`,
      names,
      (name) => name,
      input.marker,
      input.maxItems,
    );
    return {
      Aliases: page.items.map((name) => this.aliasConfiguration(record, name)),
      ...(page.nextMarker === undefined ? {} : { NextMarker: page.nextMarker }),
    };
  }

  /** ListTags: the tags of the function an unqualified function ARN names. */
  tags(resourceArn: string): Record<string, string> {
    return { ...this.tagged(resourceArn).tags };
  }

  /** TagResource: adds tags, or replaces the values of keys already set. */
  tag(resourceArn: string, tags: unknown): void {
    const record = this.tagged(resourceArn);
    if (tags === undefined || tags === null) {
      throw new InvalidParameterValueError("Tags is required: an object of tag keys to values.");
    }
    const merged = { ...record.tags, ...tagsOf(tags) };
    if (Object.keys(merged).length > MAX_TAGS) {
      throw new InvalidParameterValueError(
        `A function has at most ${MAX_TAGS} tags; ${record.name} would have ${Object.keys(merged).length}. Remove some with UntagResource first.`,
      );
    }
    record.tags = merged;
  }

  /** UntagResource: removes these keys (keys not set are ignored, as Lambda does). */
  untag(resourceArn: string, keys: string[]): void {
    const record = this.tagged(resourceArn);
    if (keys.length === 0) {
      throw new InvalidParameterValueError(
        "TagKeys is required: the keys of the tags to remove (query parameter tagKeys, once per key).",
      );
    }
    const tags = { ...record.tags };
    for (const key of keys) delete tags[key];
    record.tags = tags;
  }

  /**
   * The function and version a name (`name`, `name:qualifier`, a function ARN) and a separate
   * qualifier (a version, an alias or `$LATEST`) name; an alias resolves to its version now.
   *
   * @throws ResourceNotFoundError for an unknown function, version or alias.
   */
  resolve(nameOrArn: string, qualifier?: string): ResolvedFunction {
    const { name, qualifier: inName } = splitName(nameOrArn);
    if (inName !== undefined && qualifier !== undefined && inName !== qualifier) {
      throw new InvalidParameterValueError(
        `The qualifier in the function name (${inName}) and the Qualifier parameter (${qualifier}) differ. Give one of them.`,
      );
    }
    const record = this.record(name);
    const wanted = qualifier ?? inName ?? FUNCTION_VERSION;
    if (wanted === FUNCTION_VERSION) {
      return { record, version: FUNCTION_VERSION, settings: record.latest };
    }
    const version = record.aliases[wanted]?.version ?? wanted;
    const settings = record.versions[version];
    if (settings === undefined) {
      throw new ResourceNotFoundError(
        `Function not found: ${this.arn(record.name)}:${wanted}. Publish a version with PublishVersion, or use an alias that exists.`,
      );
    }
    return { record, version, settings };
  }

  /** GetFunctionConfiguration's answer for a version (`$LATEST` included). */
  configuration(record: FunctionRecord, version: string): FunctionConfiguration {
    const settings = version === FUNCTION_VERSION ? record.latest : record.versions[version]!;
    return {
      FunctionName: record.name,
      FunctionArn:
        version === FUNCTION_VERSION
          ? this.arn(record.name)
          : `${this.arn(record.name)}:${version}`,
      Runtime: settings.runtime as FunctionConfiguration["Runtime"],
      Role: settings.role,
      Handler: settings.handler,
      CodeSize: settings.code.size,
      Description: settings.description,
      Timeout: settings.timeout,
      MemorySize: settings.memorySize,
      LastModified: settings.lastModified,
      CodeSha256: settings.code.sha256,
      Version: version,
      RevisionId: settings.revisionId,
      // Deploys here finish synchronously, so the SDK's waiters pass at once.
      State: "Active",
      LastUpdateStatus: "Successful",
      PackageType: "Zip",
      Architectures: ["x86_64"],
      ...(settings.durableConfig === undefined
        ? {}
        : {
            DurableConfig: {
              ExecutionTimeout: settings.durableConfig.ExecutionTimeout ?? 86_400,
              RetentionPeriodInDays: settings.durableConfig.RetentionPeriodInDays ?? 14,
              ...(settings.durableConfig.KMSKeyArn === undefined
                ? {}
                : { KMSKeyArn: settings.durableConfig.KMSKeyArn }),
            },
          }),
    };
  }

  /** The record of a function name or ARN (a qualifier in it is ignored). */
  record(nameOrArn: string): FunctionRecord {
    const { name } = splitName(nameOrArn);
    const record = this.functions.get(name);
    if (record === undefined) {
      throw new ResourceNotFoundError(
        `Function not found: ${this.arn(name)}. Create it with CreateFunction (pnpm durable deploy).`,
      );
    }
    return record;
  }

  arn(name: string): string {
    return functionArn(this.region, this.accountId, name);
  }

  /** The function a tag operation's resource ARN names. */
  private tagged(resourceArn: string): FunctionRecord {
    const prefix = this.arn("");
    if (typeof resourceArn !== "string" || !resourceArn.startsWith(prefix)) {
      throw new InvalidParameterValueError(
        `Resource must be a function ARN such as ${this.arn("my-function")}, got ${describeValue(resourceArn)}.`,
      );
    }
    const { name, qualifier } = splitName(resourceArn);
    if (qualifier !== undefined) {
      throw new InvalidParameterValueError(
        `Tags belong to a whole function, not to version or alias ${qualifier}: pass the unqualified ARN ${this.arn(name)}.`,
      );
    }
    return this.record(name);
  }

  /** Removes unpacked packages no version of any function uses any more. */
  private pruneCode(): void {
    if (!existsSync(this.codeRoot)) return;
    const used = new Set(
      [...this.functions.values()].flatMap((record) => [
        record.latest.code.id,
        ...Object.values(record.versions).map((version) => version.code.id),
      ]),
    );
    for (const entry of readdirSync(this.codeRoot)) {
      if (!used.has(entry)) rmSync(join(this.codeRoot, entry), { recursive: true, force: true });
    }
  }

  private alias(record: FunctionRecord, aliasName: string): AliasRecord {
    const alias = record.aliases[aliasName];
    if (alias === undefined) {
      throw new ResourceNotFoundError(
        `Alias not found: ${this.arn(record.name)}:${aliasName}. Create it with CreateAlias.`,
      );
    }
    return alias;
  }

  private aliasConfiguration(record: FunctionRecord, aliasName: string): AliasConfiguration {
    const alias = record.aliases[aliasName]!;
    return {
      AliasArn: `${this.arn(record.name)}:${aliasName}`,
      Name: aliasName,
      FunctionVersion: alias.version,
      Description: alias.description,
      RevisionId: alias.revisionId,
    };
  }

  private publishedVersion(record: FunctionRecord, version: unknown): string {
    if (typeof version !== "string" || record.versions[version] === undefined) {
      const known = Object.keys(record.versions);
      throw new InvalidParameterValueError(
        `FunctionVersion must be a published version of ${record.name} (${known.length === 0 ? "none yet: publish one with PublishVersion" : known.join(", ")}), got ${describeValue(version)}.`,
      );
    }
    return version;
  }

  /** Unpacks a base64 zip under `code/<sha>/` (once per distinct zip). */
  private storeCode(zipBase64: string): CodeRef {
    const zip = Buffer.from(zipBase64, "base64");
    const digest = createHash("sha256").update(zip).digest();
    const code: CodeRef = {
      sha256: digest.toString("base64"),
      id: digest.toString("hex"),
      size: zip.length,
    };
    const target = this.codeDir(code);
    if (existsSync(target)) return code;
    const files = unzip(zip, this.maxUnzippedBytes);
    const temporary = `${target}.tmp-${randomUUID()}`;
    try {
      for (const [path, data] of files) {
        const file = join(temporary, path);
        ensurePrivateDir(dirname(file));
        writeFileSync(file, data, { mode: PRIVATE_FILE });
      }
      ensurePrivateDir(temporary);
      renameSync(temporary, target);
    } catch (error) {
      rmSync(temporary, { recursive: true, force: true });
      if (!existsSync(target)) throw error;
    }
    return code;
  }
}

/** `name`, `name:qualifier`, or a function ARN with or without a qualifier. */
export function splitName(nameOrArn: string): { name: string; qualifier?: string } {
  const rest = nameOrArn.includes(":function:")
    ? nameOrArn.slice(nameOrArn.indexOf(":function:") + ":function:".length)
    : nameOrArn;
  const [name = "", qualifier] = rest.split(":");
  return qualifier === undefined ? { name } : { name, qualifier };
}

/** The qualifier a DeleteFunction names, in the name (`name:2`) or as the parameter. */
function qualifierOf(nameOrArn: string, parameter: string | undefined): string | undefined {
  const inName = splitName(nameOrArn).qualifier;
  if (inName !== undefined && parameter !== undefined && inName !== parameter) {
    throw new InvalidParameterValueError(
      `The qualifier in the function name (${inName}) and the Qualifier parameter (${parameter}) differ. Give one of them.`,
    );
  }
  return parameter ?? inName;
}

/** `$LATEST` and every published version, in order. */
function versionsOf(record: FunctionRecord): string[] {
  return [FUNCTION_VERSION, ...Object.keys(record.versions).sort((a, b) => Number(a) - Number(b))];
}

/** Sorts `$LATEST` ("$" comes before digits) first, then versions by number. */
function versionKey(version: string): string {
  return version === FUNCTION_VERSION ? version : version.padStart(10, "0");
}
