/** The heading of the section in the runtime README that lists the differences. */
export const DIFFERENCES_HEADING = "## Differences from the official SDK";

/** One line of the list: the names it covers and why they differ. */
export interface ListedDifference {
  names: string[];
  reason: string;
  line: number;
}

/**
 * Reads the list under {@link DIFFERENCES_HEADING}: each item is ``- `name`, `other` — reason``,
 * where a name is an export (`withRetry`) or a member of an exported type (`DurableContext.step`).
 * Prose around the list is ignored; a list item in any other shape is an error, so that an entry
 * is never silently skipped.
 */
export function parseListedDifferences(markdown: string): ListedDifference[] {
  const lines = markdown.split("\n");
  const start = lines.findIndex((line) => line.trim() === DIFFERENCES_HEADING);
  if (start === -1) {
    throw new Error(
      `Failed to read the differences: the README has no "${DIFFERENCES_HEADING}" section.`,
    );
  }
  const listed: ListedDifference[] = [];
  const seen = new Map<string, number>();
  for (let index = start + 1; index < lines.length; index++) {
    const text = lines[index]!;
    if (/^#{1,2} /.test(text)) break;
    if (!text.startsWith("- ")) continue;
    const line = index + 1;
    const match = /^- ((?:`[^`]+`(?:, )?)+) — (.+)$/.exec(text);
    if (!match) {
      throw new Error(
        `Failed to read the differences: line ${line} is not "- \`name\` — reason" (names in backticks, separated by ", ", then " — " and the reason): ${text}`,
      );
    }
    const names = [...match[1]!.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    for (const name of names) {
      const earlier = seen.get(name);
      if (earlier !== undefined) {
        throw new Error(
          `Failed to read the differences: \`${name}\` is listed on line ${earlier} and again on line ${line}.`,
        );
      }
      seen.set(name, line);
    }
    listed.push({ names, reason: match[2]!.trim(), line });
  }
  return listed;
}
