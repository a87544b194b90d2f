import { execFile } from "node:child_process";
import { promisify } from "node:util";

const run = promisify(execFile);

/**
 * Runs a script in its own node, as from a shell, and returns its exit code and output; never
 * throws on a non-zero exit.
 * @param {string} script
 * @param {string[]} args
 * @param {import("node:child_process").ExecFileOptions} [options]
 */
export async function runScript(script, args, options = {}) {
  try {
    const { stdout, stderr } = await run(process.execPath, [script, ...args], options);
    return { code: 0, stdout: String(stdout), stderr: String(stderr) };
  } catch (error) {
    return { code: error.code, stdout: error.stdout, stderr: error.stderr };
  }
}
