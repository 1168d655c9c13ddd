/** `second-story lint FILE.md...`: the command line entry (bin/second-story.mjs runs it). */
import { MarkdownNestingError, TOO_DEEP } from '../../shared/markdown/index.ts';
import { HELP, parseCommand, USAGE } from './args.ts';
import { formatJson, formatText } from './format.ts';
import { lintMarkdown, type FileReport } from './lint.ts';
import { parsePeople, readTextFile } from './read-input.ts';

export interface Io {
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown };
}

export const EXIT = { clean: 0, errors: 1, usage: 2 } as const;

/** Runs the command line; resolves to the exit status. Never throws: every failure is one line on stderr. */
export async function main(argv: readonly string[], io: Io, now: Date = new Date()): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      io.stdout.write(HELP);
      return EXIT.clean;
    }
    if (command.kind === 'usage-error') {
      io.stderr.write(`second-story: ${command.message}. Usage: ${USAGE} (see --help)\n`);
      return EXIT.usage;
    }

    let unreadable = false;
    const people: string[] = [];
    for (const file of command.peopleFiles) {
      const read = await readTextFile(file, { maxBytes: 1024 * 1024, allowEmpty: true });
      if (read.ok) people.push(...parsePeople(read.text));
      else {
        io.stderr.write(`second-story: ${file}: ${read.reason}\n`);
        unreadable = true;
      }
    }
    const sources: { file: string; text: string }[] = [];
    for (const file of command.files) {
      const read = await readTextFile(file);
      if (read.ok) sources.push({ file, text: read.text });
      else {
        io.stderr.write(`second-story: ${file}: ${read.reason}\n`);
        unreadable = true;
      }
    }
    if (unreadable) return EXIT.usage;

    const reports: FileReport[] = [];
    for (const { file, text } of sources) {
      try {
        reports.push(lintMarkdown(file, text, { people, now: now.toISOString() }));
      } catch (error) {
        // Formatting nested past what the reader's up-front estimate sees ends here, per file.
        if (!(error instanceof MarkdownNestingError)) throw error;
        io.stderr.write(`second-story: ${file}: is ${TOO_DEEP}\n`);
        unreadable = true;
      }
    }
    if (unreadable) return EXIT.usage;
    for (const report of reports) for (const note of report.notes) io.stderr.write(`${report.file}: note: ${note}\n`);
    io.stdout.write(command.format === 'json' ? formatJson(reports) : formatText(reports));
    return reports.some((r) => r.findings.some((f) => f.severity === 'error')) ? EXIT.errors : EXIT.clean;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(`second-story: internal error: ${message.split('\n')[0]}\n`);
    return EXIT.usage;
  }
}
