import { HarnessError } from "./errors.js";
import { mulberry32 } from "./seeded-random.js";

/** A place to kill an invocation: just before, or just after, checkpoint call `checkpoint`. */
export interface CrashSite {
  checkpoint: number;
  when: "before-apply" | "after-apply";
}

/** What the first run said about one checkpoint call. */
export interface CheckpointFacts {
  checkpoint: number;
  /** The first call of its invocation. */
  firstOfInvocation: boolean;
  /** Applied by the service (not failed by an injected fault). */
  applied: boolean;
  /** The last applied call of an invocation that then suspended (returned PENDING). */
  suspends: boolean;
}

/** The crash sites a replay check tries, and the crashed runs that cover them. */
export interface CrashPlan {
  /** Sites tried. */
  sites: CrashSite[];
  /** Sites left out by `maxCrashPoints`. */
  skipped: number;
  /**
   * The crashed runs to drive, by the site they start from. Crashing just before a call leaves
   * the service as crashing just after the previous call of the same invocation did, so the two
   * share one run; `covers` lists the sites a run stands for.
   */
  runs: Map<string, { site: CrashSite; covers: CrashSite[] }>;
}

export function siteKey(site: CrashSite): string {
  return `${site.when}:${site.checkpoint}`;
}

/** Where a site falls in the run: before k, after k, before k + 1, … */
export function sitePosition(site: CrashSite): number {
  return site.checkpoint * 2 + (site.when === "after-apply" ? 1 : 0);
}

export function describeSite(site: CrashSite): string {
  return `crash ${site.when === "before-apply" ? "before" : "after"} checkpoint ${site.checkpoint}`;
}

/**
 * Every crash site of the first run, or, with `maxCrashPoints`, a deterministic spread of them:
 * the first and the last, every site where an invocation suspends, then a sample of the rest drawn
 * with `seed`, all in checkpoint order.
 */
export function planCrashes(
  facts: readonly CheckpointFacts[],
  options: { maxCrashPoints?: number | undefined; seed?: number | undefined },
): CrashPlan {
  const all: CrashSite[] = [];
  const suspensions = new Set<string>();
  for (const fact of facts) {
    all.push({ checkpoint: fact.checkpoint, when: "before-apply" });
    if (!fact.applied) continue;
    const after: CrashSite = { checkpoint: fact.checkpoint, when: "after-apply" };
    all.push(after);
    if (fact.suspends) suspensions.add(siteKey(after));
  }
  const sites = chooseSites(all, suspensions, options);
  const byCheckpoint = new Map(facts.map((fact) => [fact.checkpoint, fact]));
  const runs = new Map<string, { site: CrashSite; covers: CrashSite[] }>();
  for (const site of sites) {
    const previous = byCheckpoint.get(site.checkpoint - 1);
    const sameAsPrevious =
      site.when === "before-apply" &&
      byCheckpoint.get(site.checkpoint)?.firstOfInvocation === false &&
      previous?.applied === true;
    const start: CrashSite = sameAsPrevious
      ? { checkpoint: site.checkpoint - 1, when: "after-apply" }
      : site;
    const key = siteKey(start);
    const run = runs.get(key) ?? { site: start, covers: [] };
    run.covers.push(site);
    runs.set(key, run);
  }
  return { sites, skipped: all.length - sites.length, runs };
}

function chooseSites(
  all: CrashSite[],
  suspensions: Set<string>,
  options: { maxCrashPoints?: number | undefined; seed?: number | undefined },
): CrashSite[] {
  const cap = options.maxCrashPoints;
  if (cap === undefined || cap >= all.length) return all;
  if (!Number.isInteger(cap) || cap < 2) {
    throw new HarnessError(
      `checkReplay: maxCrashPoints must be a whole number of at least 2 (the first and last crash points), got ${String(cap)}.`,
    );
  }
  const chosen = new Set<number>([0, all.length - 1]);
  const suspending = all.flatMap((site, index) => (suspensions.has(siteKey(site)) ? [index] : []));
  for (const index of spread(suspending, cap - chosen.size)) chosen.add(index);
  const rest = all.map((_, index) => index).filter((index) => !chosen.has(index));
  const random = mulberry32(options.seed ?? 1);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j]!, rest[i]!];
  }
  for (const index of rest.slice(0, Math.max(0, cap - chosen.size))) chosen.add(index);
  return [...chosen].sort((a, b) => a - b).map((index) => all[index]!);
}

/** At most `count` of `items`, evenly spaced, the first and last included. */
function spread<T>(items: T[], count: number): T[] {
  if (count <= 0) return [];
  if (items.length <= count) return items;
  if (count === 1) return [items[0]!];
  return Array.from(
    { length: count },
    (_, i) => items[Math.round((i * (items.length - 1)) / (count - 1))]!,
  );
}
