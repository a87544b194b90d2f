// A second opinion on our zips from Python's zipfile module, when python3 is installed.
import { spawnSync } from "node:child_process";

export const hasPython = spawnSync("python3", ["--version"]).status === 0;

const SCRIPT = `
import json, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
print(json.dumps({"bad": z.testzip(), "names": z.namelist()}))
`;

/**
 * @param {string} zipPath
 * @returns {{ bad: string | null, names: string[] }} bad: the first entry whose CRC fails
 */
export function pythonTestZip(zipPath) {
  const result = spawnSync("python3", ["-c", SCRIPT, zipPath], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`python3 zipfile failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}
