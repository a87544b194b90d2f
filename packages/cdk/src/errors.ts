/** The base of every error this package throws: a deployment that cannot be synthesized as asked. */
export class DurableExampleDeployError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "DurableExampleDeployError";
  }
}
