// The console's entry point: a hash route picks the view (#/ for functions and executions,
// #/execution/<arn> for one execution), and each view refreshes itself until the route changes.
import { startClock } from "./clock.js";
import { byId } from "./dom.js";
import { showExecution } from "./execution.js";
import { showHome } from "./home.js";

let leave: (() => void) | undefined;

function route(): void {
  leave?.();
  byId("notice").hidden = true;
  const match = /^#\/execution\/(.+)$/.exec(location.hash);
  byId("home-view").hidden = match !== null;
  byId("execution-view").hidden = match === null;
  leave = match === null ? showHome() : showExecution(decodeURIComponent(match[1]!));
  window.scrollTo(0, 0);
}

window.addEventListener("hashchange", route);
startClock();
route();
