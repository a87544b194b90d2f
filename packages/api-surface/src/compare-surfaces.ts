import path from "node:path";
import ts from "typescript";

/** One export or member whose declaration differs between the two packages. */
export interface SurfaceDifference {
  /** `withRetry` for an export, `DurableContext.step` for a member of an exported type. */
  name: string;
  problem: string;
}

export interface SurfaceEntries {
  /** The `.d.ts` entry point of the official SDK (or of a test's stand-in for it). */
  official: string;
  /** The `.d.ts` entry point of our runtime. */
  ours: string;
}

// Bundler resolution reads both packages as their consumers do: the official SDK's declarations
// use extensionless relative imports, ours use `.js` ones.
const compilerOptions: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Bundler,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2023.d.ts"],
  types: ["node"],
  strict: true,
  skipLibCheck: true,
  noEmit: true,
};

/**
 * Compares every export of `entries.official` with the export of the same name in
 * `entries.ours`, and every member of each exported interface and class with the member of the
 * same name. Two declarations match when each is assignable to the other: code written against
 * either then compiles against the other. Returns what differs, sorted by name.
 */
export function compareSurfaces(entries: SurfaceEntries): SurfaceDifference[] {
  const dir = path.dirname(entries.official);
  const probeFile = path.join(dir, "__api_surface_probe__.ts");
  const imports = [
    `import type * as Official from ${JSON.stringify(stripExtension(entries.official))};`,
    `import type * as Ours from ${JSON.stringify(stripExtension(entries.ours))};`,
  ].join("\n");

  const packageDirs = [path.dirname(entries.official), path.dirname(entries.ours)];
  const listing = createProbeProgram(probeFile, imports, packageDirs);
  requireResolvedImports(listing.program);
  const [officialModule, oursModule] = moduleSymbols(listing) as [ts.Symbol, ts.Symbol];
  const officialExports = exportsByName(listing.checker, officialModule);
  const oursExports = exportsByName(listing.checker, oursModule);

  const differences = new Map<string, string[]>();
  const report = (name: string, problem: string) => {
    const problems = differences.get(name) ?? [];
    if (!problems.includes(problem)) differences.set(name, [...problems, problem]);
  };

  // Pass 1 decides what to compare; pass 2 compiles one type alias per side of each comparison
  // and asks the checker whether they are assignable both ways.
  const comparisons: Comparison[] = [];
  for (const [name, officialSymbol] of officialExports) {
    const oursSymbol = oursExports.get(name);
    if (!oursSymbol) {
      report(name, "missing: the official SDK exports it, ours does not.");
      continue;
    }
    const official = describe(listing.checker, officialSymbol);
    const mine = describe(listing.checker, oursSymbol);
    if (official.kind !== mine.kind && (official.kind === "enum" || mine.kind === "enum")) {
      report(
        name,
        `is ${article(official.kind)} in the official SDK, ${article(mine.kind)} in ours.`,
      );
      continue;
    }
    if (official.isValue && !mine.isValue) {
      report(name, "the official SDK exports a value, ours only a type.");
      continue;
    }
    if (official.isType && !mine.isType) {
      report(name, "the official SDK exports a type, ours only a value.");
      continue;
    }
    if (official.requiredTypeParameters.length !== mine.requiredTypeParameters.length) {
      report(
        name,
        `takes ${official.requiredTypeParameters.length} required type parameter(s) in the official SDK, ${mine.requiredTypeParameters.length} in ours.`,
      );
      continue;
    }
    // `DurableContext<MyLogger>` must compile here too, even where the parameter has a default.
    if (official.typeParameterCount > mine.typeParameterCount) {
      report(
        name,
        `takes ${official.typeParameterCount} type parameter(s) in the official SDK, ${mine.typeParameterCount} in ours.`,
      );
    }
    const args = typeArguments(official.requiredTypeParameters);
    const instance = { official: `Official.${name}${args}`, ours: `Ours.${name}${args}` };
    switch (official.kind) {
      case "class":
        // Code calls `new` with the official arguments and reads what the instance has.
        comparisons.push({
          name: `${name}.constructor`,
          official: `ConstructorParameters<typeof Official.${name}>`,
          ours: `ConstructorParameters<typeof Ours.${name}>`,
          direction: "officialToOurs",
        });
        comparisons.push({ name, ...instance, direction: "oursToOfficial", byMember: true });
        // Static members (`StepError.fromErrorObject`), read as the official SDK declares them.
        comparisons.push({
          name,
          official: `Omit<typeof Official.${name}, "prototype">`,
          ours: `Omit<typeof Ours.${name}, "prototype">`,
          direction: "oursToOfficial",
          byMember: true,
        });
        break;
      case "interface":
        comparisons.push({ name, ...instance, direction: "both", byMember: true });
        break;
      case "enum":
      case "type":
        comparisons.push({ name, ...instance, direction: "both" });
        if (official.kind === "enum") {
          comparisons.push({
            name,
            official: `typeof Official.${name}`,
            ours: `typeof Ours.${name}`,
            direction: "both",
          });
        }
        break;
      case "value":
        // Code calls it as the official SDK declares it and uses what it returns as declared.
        comparisons.push({
          name,
          official: `typeof Official.${name}`,
          ours: `typeof Ours.${name}`,
          direction: "oursToOfficial",
        });
        if (official.isType) comparisons.push({ name, ...instance, direction: "both" });
        break;
    }
  }

  const probeTypes = probeDeclarations(comparisons);
  const compiled = createProbeProgram(probeFile, `${imports}\n${probeTypes.source}`, packageDirs);
  comparisons.forEach((comparison, index) => {
    const official = compiled.typeOf(probeTypes.aliasOf(index, "official"));
    const ours = compiled.typeOf(probeTypes.aliasOf(index, "ours"));
    const compare = {
      checker: compiled.checker,
      scope: compiled.probe,
      direction: comparison.direction,
    };
    if (comparison.byMember) compareMembers(compare, comparison.name, official, ours, report);
    else {
      const problem = assignabilityProblem(compare, official, ours);
      if (problem) report(comparison.name, problem);
    }
  });

  return [...differences]
    .map(([name, problems]) => ({ name, problem: problems.join(" ") }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Which way assignability must hold: `both` for types code both builds and reads (a config, a
 * context), one way for what code only passes in or only reads.
 */
type Direction = "both" | "oursToOfficial" | "officialToOurs";

/** The names a declaration entry point exports, values and types alike. */
export function exportNames(entry: string): Set<string> {
  const probeFile = path.join(path.dirname(entry), "__api_surface_exports__.ts");
  const listing = createProbeProgram(
    probeFile,
    `import type * as Entry from ${JSON.stringify(stripExtension(entry))};`,
    [],
  );
  const [moduleSymbol] = moduleSymbols(listing);
  return new Set(exportsByName(listing.checker, moduleSymbol!).keys());
}

interface Comparison {
  name: string;
  official: string;
  ours: string;
  direction: Direction;
  /** Interfaces and classes are compared member by member, so a report names the member. */
  byMember?: boolean;
}

type ExportKind = "class" | "enum" | "interface" | "type" | "value";

interface ExportDescription {
  kind: ExportKind;
  isValue: boolean;
  isType: boolean;
  requiredTypeParameters: readonly ts.TypeParameterDeclaration[];
  typeParameterCount: number;
}

function article(kind: ExportKind): string {
  return {
    class: "a class",
    enum: "an enum",
    interface: "an interface",
    type: "a type",
    value: "a value",
  }[kind];
}

function describe(checker: ts.TypeChecker, exported: ts.Symbol): ExportDescription {
  const symbol =
    exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
  const declaration = symbol.declarations?.find(
    (node) =>
      ts.isInterfaceDeclaration(node) ||
      ts.isClassDeclaration(node) ||
      ts.isTypeAliasDeclaration(node),
  ) as ts.InterfaceDeclaration | ts.ClassDeclaration | ts.TypeAliasDeclaration | undefined;
  const flags = symbol.flags;
  const kind: ExportKind =
    flags & ts.SymbolFlags.Class
      ? "class"
      : flags & ts.SymbolFlags.Enum
        ? "enum"
        : flags & ts.SymbolFlags.Interface && !(flags & ts.SymbolFlags.Value)
          ? "interface"
          : flags & ts.SymbolFlags.Value
            ? "value"
            : "type";
  return {
    kind,
    isValue: (flags & ts.SymbolFlags.Value) !== 0,
    isType: (flags & ts.SymbolFlags.Type) !== 0,
    requiredTypeParameters: (declaration?.typeParameters ?? []).filter((p) => !p.default),
    typeParameterCount: declaration?.typeParameters?.length ?? 0,
  };
}

/**
 * A distinct probe type for each unconstrained type parameter, so that `Box<T>` is compared as
 * `Box<Probe0>` on both sides and a `T` read as `unknown` on one side shows. A constrained one
 * gets `any`: its constraint is written in the terms of one package and may not fit the other.
 */
function typeArguments(parameters: readonly ts.TypeParameterDeclaration[]): string {
  if (parameters.length === 0) return "";
  return `<${parameters.map((p, i) => (p.constraint ? "any" : `Probe${i}`)).join(", ")}>`;
}

function probeDeclarations(comparisons: readonly Comparison[]) {
  const lines = [0, 1, 2, 3].map((i) => `interface Probe${i} { readonly probe${i}: "probe${i}" }`);
  comparisons.forEach((comparison, index) => {
    for (const side of ["official", "ours"] as const) {
      lines.push(`export type ${side}_${index} = ${comparison[side]};`);
    }
  });
  return {
    source: lines.join("\n"),
    aliasOf: (index: number, side: "official" | "ours") => `${side}_${index}`,
  };
}

interface CompareOptions {
  checker: ts.TypeChecker;
  /** Where types are printed from: the probe file, which names the packages Official and Ours. */
  scope: ts.Node;
  direction: Direction;
}

function compareMembers(
  compare: CompareOptions,
  owner: string,
  official: ts.Type,
  ours: ts.Type,
  report: (name: string, problem: string) => void,
) {
  const { checker } = compare;
  const oursByName = new Map(checker.getPropertiesOfType(ours).map((p) => [p.name, p]));
  const officialNames = new Set<string>();
  for (const member of checker.getPropertiesOfType(official)) {
    officialNames.add(member.name);
    const name = `${owner}.${member.name}`;
    const mine = oursByName.get(member.name);
    if (!mine) {
      report(name, "missing: the official SDK has this member, ours does not.");
      continue;
    }
    if (compare.direction === "both" && isOptional(member) !== isOptional(mine)) {
      report(
        name,
        `is ${isOptional(member) ? "optional" : "required"} in the official SDK, ${isOptional(mine) ? "optional" : "required"} in ours.`,
      );
    }
    const problem = assignabilityProblem(
      compare,
      checker.getNonNullableType(checker.getTypeOfSymbol(member)),
      checker.getNonNullableType(checker.getTypeOfSymbol(mine)),
    );
    if (problem) report(name, problem);
  }
  // An extra required member breaks code that builds the object from the official type.
  if (compare.direction === "oursToOfficial") return;
  for (const [memberName, mine] of oursByName) {
    if (!officialNames.has(memberName) && !isOptional(mine)) {
      report(`${owner}.${memberName}`, "required in ours, absent from the official SDK.");
    }
  }
}

function isOptional(member: ts.Symbol): boolean {
  return (member.flags & ts.SymbolFlags.Optional) !== 0;
}

function assignabilityProblem(
  { checker, scope, direction }: CompareOptions,
  official: ts.Type,
  ours: ts.Type,
): string | undefined {
  const oursFitsOfficial =
    direction === "officialToOurs" || checker.isTypeAssignableTo(ours, official);
  const officialFitsOurs =
    direction === "oursToOfficial" || checker.isTypeAssignableTo(official, ours);
  if (oursFitsOfficial && officialFitsOurs) return undefined;
  const which =
    !oursFitsOfficial && !officialFitsOurs
      ? "the two types are not assignable either way"
      : oursFitsOfficial
        ? "the official type is not assignable to ours"
        : "ours is not assignable to the official type";
  // A type neither package exports prints as `import("/abs/path").Name`: the name says enough.
  const print = (type: ts.Type) =>
    checker
      .typeToString(type, scope, ts.TypeFormatFlags.NoTruncation | ts.TypeFormatFlags.InTypeAlias)
      .replace(/import\("[^"]*"\)\./g, "");
  return `${which}: official \`${print(official)}\`, ours \`${print(ours)}\`.`;
}

// Parsed declaration files (the TypeScript and Node libraries above all), kept across programs:
// each check builds two, and parsing them again would take most of its time.
const parsedFiles = new Map<string, ts.SourceFile | undefined>();

/**
 * Private members (`private x;`, `#private;`) are not API, and TypeScript compares classes that
 * have them nominally, so no class of another package could ever match. They are left out of the
 * two packages' declarations before comparing; declarations emit each on a line of its own.
 */
const PRIVATE_MEMBER = /^\s*(?:private (?:static )?(?:readonly )?[\w$]+\??;|#private;)\s*$/gm;

function createProbeProgram(probeFile: string, source: string, packageDirs: readonly string[]) {
  const host = ts.createCompilerHost(compilerOptions, true);
  const readSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (path.resolve(fileName) === probeFile) {
      return ts.createSourceFile(fileName, source, languageVersion, true);
    }
    if (!parsedFiles.has(fileName)) {
      const inPackage = packageDirs.some((dir) =>
        path.resolve(fileName).startsWith(dir + path.sep),
      );
      const text = inPackage ? host.readFile(fileName) : undefined;
      parsedFiles.set(
        fileName,
        text === undefined
          ? readSourceFile(fileName, languageVersion, ...rest)
          : ts.createSourceFile(fileName, text.replace(PRIVATE_MEMBER, ""), languageVersion, true),
      );
    }
    return parsedFiles.get(fileName);
  };
  host.fileExists = (fileName) => path.resolve(fileName) === probeFile || fileExists(fileName);
  const program = ts.createProgram([probeFile], compilerOptions, host);
  const checker = program.getTypeChecker();
  const probe = program.getSourceFile(probeFile)!;
  const aliases = new Map(
    probe.statements.filter(ts.isTypeAliasDeclaration).map((node) => [node.name.text, node]),
  );
  return {
    program,
    checker,
    probe,
    typeOf: (alias: string) => checker.getTypeFromTypeNode(aliases.get(alias)!.type),
  };
}

function moduleSymbols({ checker, probe }: ReturnType<typeof createProbeProgram>) {
  return probe.statements.filter(ts.isImportDeclaration).map((node) => {
    const symbol = checker.getSymbolAtLocation(node.moduleSpecifier);
    if (!symbol)
      throw new Error(
        `Failed to load ${node.moduleSpecifier.getText()}: no declarations there. Build the package first.`,
      );
    return symbol;
  });
}

function exportsByName(checker: ts.TypeChecker, moduleSymbol: ts.Symbol) {
  return new Map(checker.getExportsOfModule(moduleSymbol).map((s) => [s.name, s]));
}

/**
 * An import a declaration file cannot resolve becomes `any`, which would match anything and hide
 * a difference, so every unresolved module fails the check with its name.
 */
function requireResolvedImports(program: ts.Program) {
  const checker = program.getTypeChecker();
  for (const file of program.getSourceFiles()) {
    if (file.fileName.includes("/typescript/lib/") || file.fileName.includes("/@types/node/"))
      continue;
    for (const statement of file.statements) {
      const specifier =
        (ts.isImportDeclaration(statement) || ts.isExportDeclaration(statement)) &&
        statement.moduleSpecifier;
      if (specifier && !checker.getSymbolAtLocation(specifier)) {
        throw new Error(
          `Failed to compare the API surfaces: ${file.fileName} imports ${specifier.getText(file)}, which does not resolve. Install its types (for "aws-lambda", @types/aws-lambda) so that it is not read as any.`,
        );
      }
    }
  }
}

function stripExtension(file: string): string {
  return file.replace(/\.d\.ts$/, "");
}
