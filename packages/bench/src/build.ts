/**
 * Builds each workflow twice with esbuild: once importing our runtime, once with
 * `@durable-examples/runtime` aliased to the official `@aws/durable-execution-sdk-js`. Lambda
 * bundles (the size table, cold starts, the local service) are built by
 * `scripts/build-example.mjs`'s own esbuild options.
 */
import { mkdirSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { type BuildOptions, build, type Metafile } from "esbuild";

export const benchDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
export const repoRoot = resolve(benchDir, "../..");
/** Inside the package, so that bundles resolve packages from its node_modules. */
export const outRoot = join(benchDir, "dist");

export type Flavor = "ours" | "official";
export const flavors: Flavor[] = ["ours", "official"];
export const OFFICIAL_SDK = "@aws/durable-execution-sdk-js";

export const workflowNames = ["steps", "waits", "replay", "sequential", "parallel", "map"] as const;
export type WorkflowName = (typeof workflowNames)[number];

export type Handler = (event: unknown, context: unknown) => Promise<unknown>;
export type Workflows = Record<Flavor, Record<WorkflowName, Handler>>;

export function aliasFor(flavor: Flavor): Record<string, string> {
  return flavor === "official" ? { "@durable-examples/runtime": OFFICIAL_SDK } : {};
}

/** The official SDK's package folder, as the bench installed it: an alias that resolves anywhere. */
const officialSdkDir = join(benchDir, "node_modules", ...OFFICIAL_SDK.split("/"));

type EsbuildOptions = (
  root: string,
  entry: string,
  outfile: string,
  options?: { externalAwsSdk?: boolean },
) => BuildOptions & { metafile: true };

let lambdaOptions: EsbuildOptions | undefined;

/**
 * Bundles `entry` for Lambda with exactly the esbuild options of `scripts/build-example.mjs`
 * (ESM, node22, minified, its banner and main fields), resolving from `root`; for the official
 * flavor `@durable-examples/runtime` is aliased to the official SDK, the only option added.
 */
export async function buildLambdaBundle(
  flavor: Flavor,
  root: string,
  entry: string,
  outfile: string,
  externalAwsSdk: boolean,
): Promise<Metafile> {
  lambdaOptions ??= (
    (await import(pathToFileURL(join(repoRoot, "scripts", "build-example.mjs")).href)) as {
      esbuildOptions: EsbuildOptions;
    }
  ).esbuildOptions;
  const options = lambdaOptions(root, entry, outfile, { externalAwsSdk });
  const alias: Record<string, string> =
    flavor === "official" ? { "@durable-examples/runtime": officialSdkDir } : {};
  const result = await build({ ...options, alias });
  return result.metafile!;
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
