/** Base class of every error this package throws. */
export class ConformanceError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = "ConformanceError";
  }
}

/**
 * A requirement file that cannot be used: unreadable, not YAML, or a field with the wrong shape.
 * The message names the file and the field; `field` is a dotted path such as
 * `ExpectedExecutionHistory[2].EventId`, or undefined when the whole file is at fault.
 */
export class RequirementFileError extends ConformanceError {
  readonly file: string;
  readonly field: string | undefined;

  constructor(file: string, field: string | undefined, problem: string, options?: ErrorOptions) {
    super(`${file}: ${field === undefined ? "" : `${field}: `}${problem}`, options);
    this.name = "RequirementFileError";
    this.file = file;
    this.field = field;
  }
}

/** The conformance folder given to the runner does not exist or is not a folder. */
export class RequirementsDirectoryError extends ConformanceError {
  readonly directory: string;

  constructor(directory: string, problem: string, options?: ErrorOptions) {
    super(`Failed to read requirements from ${directory}: ${problem}`, options);
    this.name = "RequirementsDirectoryError";
    this.directory = directory;
  }
}
