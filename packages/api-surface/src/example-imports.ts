import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";

const RUNTIME = "@durable-examples/runtime";

/** One name an example imports from the runtime, and where. */
export interface ExampleImport {
  /** The file, relative to the examples folder: `04-human-approval/src/handler.ts`. */
  file: string;
  name: string;
}

/**
 * Every name the examples' TypeScript files import from the runtime. An example that moves to
 * the official SDK by a change of import may use only names the official SDK also exports.
 */
export function runtimeImportsOfExamples(examplesDir: string): ExampleImport[] {
  return typeScriptFiles(examplesDir, "").flatMap((file) => {
    const source = ts.createSourceFile(
      file,
      readFileSync(path.join(examplesDir, file), "utf8"),
      ts.ScriptTarget.ES2022,
    );
    return source.statements.flatMap((statement) => {
      if (!ts.isImportDeclaration(statement)) return [];
      if ((statement.moduleSpecifier as ts.StringLiteral).text !== RUNTIME) return [];
      const bindings = statement.importClause?.namedBindings;
      if (bindings === undefined || !ts.isNamedImports(bindings)) return [];
      return bindings.elements.map((element) => ({
        file,
        name: (element.propertyName ?? element.name).text,
      }));
    });
  });
}

/** The `.ts` files under `dir`, relative to `root`, sorted; installed packages and builds left out. */
function typeScriptFiles(root: string, dir: string): string[] {
  const entries = readdirSync(path.join(root, dir), { withFileTypes: true });
  return entries
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((entry) => {
      const relative = path.join(dir, entry.name);
      if (entry.isDirectory()) {
        return entry.name === "node_modules" || entry.name === "dist"
          ? []
          : typeScriptFiles(root, relative);
      }
      return entry.isFile() && entry.name.endsWith(".ts") ? [relative] : [];
    });
}
