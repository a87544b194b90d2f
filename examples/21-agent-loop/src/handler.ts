import { supportAgent } from "./agent.js";
import { supportModel } from "./model.js";

/** The support agent on the stand-in model; put a real model's client behind `Model` to use one. */
export const handler = supportAgent(supportModel);
