export { CONTENT_SECURITY_POLICY, consoleAssets, serveConsole } from "./serve-console.js";
