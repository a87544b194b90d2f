import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import type { SurfaceEntries } from "./compare-surfaces.js";

const packageDir = path.dirname(path.dirname(fileURLToPath(import.meta.url)));

/** The installed official SDK's declarations and our runtime's built ones. */
export function installedEntries(): SurfaceEntries {
  return {
    official: typesEntry("@aws/durable-execution-sdk-js"),
    ours: typesEntry("@durable-examples/runtime"),
  };
}

/** The repository's examples folder. */
export const examplesDir = path.resolve(packageDir, "..", "..", "examples");

/** The runtime README, whose "Differences from the official SDK" section lists the differences. */
export function runtimeReadme(): string {
  let dir = path.dirname(typesEntry("@durable-examples/runtime"));
  while (!existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return path.join(dir, "README.md");
}

// Resolved as a TypeScript consumer of the package resolves it, through its `exports` or `types`.
function typesEntry(name: string): string {
  const resolved = ts.resolveModuleName(
    name,
    path.join(packageDir, "index.ts"),
    { module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler },
    ts.sys,
  ).resolvedModule;
  if (!resolved?.resolvedFileName.endsWith(".d.ts")) {
    throw new Error(
      `Failed to find the declarations of ${name}: run pnpm install, and build it if it is ours (pnpm --filter ${name} build).`,
    );
  }
  return resolved.resolvedFileName;
}
