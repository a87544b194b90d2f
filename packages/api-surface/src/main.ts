// `pnpm --filter @durable-examples/api-surface check`: prints every difference and whether the
// runtime README lists it; exits 1 when the check fails, as its test does.
import { checkSurface, describeFailure } from "./check-surface.js";
import { installedEntries, runtimeReadme } from "./entries.js";

const readme = runtimeReadme();
const check = checkSurface(installedEntries(), readme);
for (const d of check.listed) console.log(`listed   ${d.name}: ${d.problem}`);
const failure = describeFailure(check, readme);
if (failure) {
  console.error(failure);
  process.exit(1);
}
console.log(`[api-surface] ${check.listed.length} difference(s), all listed in ${readme}`);
