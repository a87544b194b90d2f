import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { AliasConfiguration, FunctionConfiguration } from "@aws-sdk/client-lambda";
import {
  describeValue,
  FUNCTION_NAME_PATTERN,
  FUNCTION_VERSION,
  functionArn,
  InvalidParameterValueError,
  isIntegerIn,
  ResourceConflictError,
  ResourceNotFoundError,
} from "@durable-examples/service";
import { PRIVATE_DIR, PRIVATE_FILE } from "./private-files.js";
import { unzip } from "./unzip.js";

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
  durableConfig?: { ExecutionTimeout?: number; RetentionPeriodInDays?: number };
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

  constructor(
    private readonly codeRoot: string,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

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
      runtime: optionalString(input.Runtime, "Runtime") ?? "nodejs22.x",
      handler: optionalString(input.Handler, "Handler") ?? "index.handler",
      role:
        optionalString(input.Role, "Role") ??
        `arn:aws:iam::${this.accountId}:role/durable-local-function`,
      description: optionalString(input.Description, "Description") ?? "",
      timeout: optionalInteger(input.Timeout, "Timeout", 1, 900) ?? 3,
      memorySize: optionalInteger(input.MemorySize, "MemorySize", 128, 10_240) ?? 128,
      ...durableConfigOf(input.DurableConfig),
    };
    checkHandler(settings.handler);
    const code = this.storeCode(zip);
    const record: FunctionRecord = {
      name,
      latest: { ...settings, code, lastModified: lastModified(), revisionId: randomUUID() },
      versions: {},
      nextVersion: 1,
      aliases: {},
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
    return this.configuration(record, FUNCTION_VERSION);
  }

  updateConfiguration(nameOrArn: string, input: CreateFunctionInput): FunctionConfiguration {
    const record = this.record(nameOrArn);
    const latest = { ...record.latest };
    latest.handler = optionalString(input.Handler, "Handler") ?? latest.handler;
    checkHandler(latest.handler);
    latest.role = optionalString(input.Role, "Role") ?? latest.role;
    latest.runtime = optionalString(input.Runtime, "Runtime") ?? latest.runtime;
    latest.description = optionalString(input.Description, "Description") ?? latest.description;
    latest.timeout = optionalInteger(input.Timeout, "Timeout", 1, 900) ?? latest.timeout;
    latest.memorySize =
      optionalInteger(input.MemorySize, "MemorySize", 128, 10_240) ?? latest.memorySize;
    if (input.DurableConfig !== undefined) {
      latest.durableConfig = {
        ...latest.durableConfig,
        ...durableConfigOf(input.DurableConfig).durableConfig,
      };
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

  /** DeleteFunction: the whole function, or one version that no alias points to. */
  delete(nameOrArn: string, qualifier: string | undefined): void {
    const record = this.record(nameOrArn);
    if (qualifier === undefined || qualifier === FUNCTION_VERSION) {
      this.functions.delete(record.name);
      return;
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
    const files = unzip(zip);
    const temporary = `${target}.tmp-${randomUUID()}`;
    try {
      for (const [path, data] of files) {
        const file = join(temporary, path);
        mkdirSync(dirname(file), { recursive: true, mode: PRIVATE_DIR });
        writeFileSync(file, data, { mode: PRIVATE_FILE });
      }
      mkdirSync(temporary, { recursive: true, mode: PRIVATE_DIR });
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

function durableConfigOf(value: unknown): Pick<FunctionSettings, "durableConfig"> {
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new InvalidParameterValueError(
      `DurableConfig must be an object {ExecutionTimeout?, RetentionPeriodInDays?}, got ${describeValue(value)}.`,
    );
  }
  const { ExecutionTimeout: timeout, RetentionPeriodInDays: retention } = value as Record<
    string,
    unknown
  >;
  const config: NonNullable<FunctionSettings["durableConfig"]> = {};
  if (timeout !== undefined) {
    if (!isIntegerIn(timeout, 1, 31_622_400)) {
      throw new InvalidParameterValueError(
        `DurableConfig.ExecutionTimeout must be whole seconds from 1 to 31622400, got ${describeValue(timeout)}.`,
      );
    }
    config.ExecutionTimeout = timeout as number;
  }
  if (retention !== undefined) {
    if (!isIntegerIn(retention, 1, 90)) {
      throw new InvalidParameterValueError(
        `DurableConfig.RetentionPeriodInDays must be an integer from 1 to 90, got ${describeValue(retention)}.`,
      );
    }
    config.RetentionPeriodInDays = retention as number;
  }
  return { durableConfig: config };
}

function checkHandler(handler: string): void {
  if (!/^[^\s.][^\s]*\.[A-Za-z_$][\w$]*$/.test(handler)) {
    throw new InvalidParameterValueError(
      `Handler must be "<file>.<export>" such as "index.handler", got "${handler}".`,
    );
  }
}

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string") {
    throw new InvalidParameterValueError(`${field} must be a string, got ${describeValue(value)}.`);
  }
  return value;
}

function optionalInteger(value: unknown, field: string, min: number, max: number) {
  if (value === undefined || value === null) return undefined;
  if (!isIntegerIn(value, min, max)) {
    throw new InvalidParameterValueError(
      `${field} must be an integer from ${min} to ${max}, got ${describeValue(value)}.`,
    );
  }
  return value as number;
}

/** Lambda's `LastModified` format: `2025-01-01T00:00:00.000+0000`. */
function lastModified(): string {
  return new Date().toISOString().replace("Z", "+0000");
}
