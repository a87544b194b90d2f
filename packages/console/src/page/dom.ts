// A few helpers to build the page with DOM nodes: text always goes in as text, never as markup.

type Child = Node | string | undefined | false;

/**
 * An element with attributes (`on<event>` ones become listeners) and children.
 *
 * @example
 * h("button", { type: "button", onclick: () => stop() }, "Stop")
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string | boolean | ((event: Event) => void) | undefined> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    if (typeof value === "function") element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children) {
    if (child !== undefined && child !== false) element.append(child);
  }
  return element;
}

/** Replaces an element's children. */
export function fill(element: Element, ...children: Child[]): void {
  element.replaceChildren(
    ...children.filter((c): c is Node | string => c !== undefined && c !== false),
  );
}

/** The element with an id the page's HTML defines. */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`The page has no element #${id}.`);
  return element as T;
}

/** A server timestamp (epoch seconds) as `2026-12-03 14:05:09`, in UTC like the server. */
export function formatTime(epochSeconds: number | undefined): string {
  if (epochSeconds === undefined) return "—";
  return new Date(epochSeconds * 1000).toISOString().slice(0, 19).replace("T", " ");
}

/** Parses JSON typed by a person, with an error that says what is wrong. */
export function parseJsonInput(text: string, what: string): string {
  const trimmed = text.trim();
  if (trimmed === "") throw new Error(`${what} is empty: enter JSON, such as {} or "text".`);
  try {
    JSON.parse(trimmed);
  } catch (error) {
    throw new Error(`${what} is not valid JSON (${(error as Error).message}).`);
  }
  return trimmed;
}

let noticeTimer: number | undefined;

/** Shows a message at the top of the page: an error stays until the next action. */
export function notify(message: string, kind: "error" | "info" = "info"): void {
  const notice = byId("notice");
  notice.textContent = message;
  notice.className = kind;
  notice.hidden = false;
  window.clearTimeout(noticeTimer);
  if (kind === "info") noticeTimer = window.setTimeout(() => (notice.hidden = true), 4000);
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs a user action, reporting its failure on the page instead of the console. */
export async function act(
  button: HTMLButtonElement | undefined,
  action: () => Promise<void>,
): Promise<void> {
  if (button !== undefined) button.disabled = true;
  try {
    await action();
  } catch (error) {
    notify(errorMessage(error), "error");
  } finally {
    if (button !== undefined) button.disabled = false;
  }
}

/**
 * Calls `task` now and then every `ms` after it settles, while the page is visible, until the
 * returned function is called.
 */
export function poll(task: () => Promise<void>, ms: number): () => void {
  let stopped = false;
  let timer: number | undefined;
  const run = async () => {
    if (stopped) return;
    if (!document.hidden) {
      try {
        await task();
      } catch (error) {
        notify(errorMessage(error), "error");
      }
    }
    if (!stopped) timer = window.setTimeout(run, ms);
  };
  void run();
  return () => {
    stopped = true;
    window.clearTimeout(timer);
  };
}
