// The server's clock, shown in the header. It can run apart from the wall clock (--speed,
// --skip-idle), so the page reads it from the server and, where the server allows, moves it.
import { api, type ClockState } from "./api.js";
import { act, byId, fill, formatTime, h, poll } from "./dom.js";

let state: ClockState | undefined;
let readAt = Date.now();
const listeners: (() => void)[] = [];

/** The server's time now, in epoch milliseconds, estimated from the last reading. */
export function serverNow(): number {
  if (state === undefined) return Date.now();
  return state.Now * 1000 + (Date.now() - readAt) * state.Speed;
}

/** Calls `listener` after the clock was moved from the page, until the returned function is called. */
export function onClockMoved(listener: () => void): () => void {
  listeners.push(listener);
  return () => {
    listeners.splice(listeners.indexOf(listener), 1);
  };
}

const STEPS: [string, { AdvanceSeconds: number } | { ToNextTimer: true }][] = [
  ["+1 min", { AdvanceSeconds: 60 }],
  ["+1 h", { AdvanceSeconds: 3_600 }],
  ["+1 d", { AdvanceSeconds: 86_400 }],
  ["next timer", { ToNextTimer: true }],
];

function clockButtons(): HTMLElement {
  return h(
    "span",
    { class: "clock-buttons" },
    ...STEPS.map(([label, body]) => {
      const button = h("button", { type: "button", class: "small", "data-clock": label }, label);
      button.addEventListener(
        "click",
        () =>
          void act(button, async () => {
            state = await api.advanceClock(body);
            readAt = Date.now();
            render();
            for (const listener of listeners) listener();
          }),
      );
      return button;
    }),
  );
}

/** Updates the clock's text; the buttons are built once, so a poll never replaces one mid-click. */
function render(): void {
  if (state === undefined) return;
  const mode = state.SkipIdle
    ? "skips idle time"
    : state.Speed === 1
      ? "wall clock"
      : `${state.Speed}× speed`;
  const next = state.NextTimer === undefined ? "" : ` · next timer ${formatTime(state.NextTimer)}`;
  const container = byId("clock");
  if (container.childElementCount === 0) {
    fill(
      container,
      h("span", { class: "clock-text", title: "The server's clock, in UTC" }),
      state.Movable ? clockButtons() : undefined,
    );
  }
  container.querySelector(".clock-text")!.textContent =
    `clock ${formatTime(state.Now)} · ${mode}${next}`;
}

/** Reads the clock now and every few seconds. */
export function startClock(): void {
  poll(async () => {
    state = await api.clock();
    readAt = Date.now();
    render();
  }, 2000);
}
