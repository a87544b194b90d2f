/** The tables and targets a bench run prints and writes into the README. */
export interface Target {
  target: string;
  measured: string;
  met: boolean;
}

export class Report {
  readonly sections: string[] = [];
  readonly targets: Target[] = [];

  section(title: string, ...body: string[]): void {
    const text = `### ${title}\n\n${body.join("\n\n")}`;
    this.sections.push(text);
    console.log(`\n${text}`);
  }

  target(target: string, measured: string, met: boolean): void {
    this.targets.push({ target, measured, met });
  }
}
