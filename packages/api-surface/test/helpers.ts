import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import type { SurfaceEntries } from "../src/compare-surfaces.js";

/** Writes two declaration files standing in for the official SDK and our runtime. */
export function writeSurfaces(official: string, ours: string): SurfaceEntries & { dir: string } {
  const dir = mkdtempSync(path.join(tmpdir(), "api-surface-"));
  const entries = {
    dir,
    official: path.join(dir, "official.d.ts"),
    ours: path.join(dir, "ours.d.ts"),
  };
  writeFileSync(entries.official, official);
  writeFileSync(entries.ours, ours);
  return entries;
}
