/**
 * Builds each workflow twice with esbuild: once importing our runtime, once with
 * `@durable-examples/runtime` aliased to the official `@aws/durable-execution-sdk-js`.
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(benchDir, "../..");
/** Inside the package, so that bundles resolve packages from its node_modules. */
export const outRoot = join(benchDir, "dist");

export type Flavor = "ours" | "official";
export const flavors: Flavor[] = ["ours", "official"];
export const OFFICIAL_SDK = "@aws/durable-execution-sdk-js";

export const workflowNames = ["steps", "replay", "sequential", "parallel", "map"] as const;
export type WorkflowName = (typeof workflowNames)[number];

export type Handler = (event: unknown, context: unknown) => Promise<unknown>;
export type Workflows = Record<Flavor, Record<WorkflowName, Handler>>;

export function aliasFor(flavor: Flavor): Record<string, string> {
  return flavor === "official" ? { "@durable-examples/runtime": OFFICIAL_SDK } : {};
}

/** Builds every workflow for both runtimes (packages left external) and imports them. */
export async function buildWorkflows(): Promise<Workflows> {
  const outDir = join(outRoot, "workflows");
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(outDir, { recursive: true });
  const loaded = {} as Workflows;
  for (const flavor of flavors) {
    await build({
      absWorkingDir: benchDir,
      entryPoints: workflowNames.map((name) => ({
        in: join(benchDir, "src", "workflows", `${name}.ts`),
        out: name,
      })),
      outdir: join(outDir, flavor),
      outExtension: { ".js": ".mjs" },
      bundle: true,
      packages: "external",
      alias: aliasFor(flavor),
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "silent",
    });
    const handlers = {} as Record<WorkflowName, Handler>;
    for (const name of workflowNames) {
      const url = pathToFileURL(join(outDir, flavor, `${name}.mjs`)).href;
      const module = (await import(url)) as { handler: Handler };
      handlers[name] = module.handler;
    }
    loaded[flavor] = handlers;
  }
  return loaded;
}
