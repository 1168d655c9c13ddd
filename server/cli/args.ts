/** The command line's arguments, parsed and checked once. */
import { parseArgs } from 'node:util';

export const USAGE = 'second-story lint [--format text|json] [--people FILE] FILE.md...';

export const HELP = `Usage: ${USAGE}

Runs the blameless checks on postmortems written in Markdown (the template's layout, or the
headings and lists that postmortem repositories use) and prints one line per finding:
  file:line:col  severity  message  rule

Options:
  --format text|json  output format (default: text)
  --people FILE       names of people, one per line (# starts a comment): flagged when used as actors
  -h, --help          show this help

Exit status: 0 when no errors were found, 1 when errors were found, 2 for bad usage or unreadable input.
`;

export type Command =
  | { readonly kind: 'help' }
  | { readonly kind: 'lint'; readonly files: readonly string[]; readonly format: 'text' | 'json'; readonly peopleFiles: readonly string[] }
  | { readonly kind: 'usage-error'; readonly message: string };

function usageError(message: string): Command {
  return { kind: 'usage-error', message };
}

/** Reads argv (without node and the script) into a command; never throws. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      options: {
        format: { type: 'string' },
        people: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    const text = error instanceof Error ? error.message : String(error);
    const option = /'([^']+)'/.exec(text)?.[1];
    if (/Unknown option/i.test(text)) return usageError(`unknown option ${option ?? ''}`.trim());
    if (/argument missing/i.test(text)) return usageError(`option ${option ?? ''} needs a value`.replace(/\s+/g, ' '));
    return usageError(text.split('\n')[0] ?? 'bad arguments');
  }
  const { values, positionals } = parsed;
  if (values.help || positionals[0] === 'help') return { kind: 'help' };
  const [command, ...files] = positionals;
  if (command === undefined) return usageError('no command given');
  if (command !== 'lint') return usageError(`unknown command "${command}"`);
  const format = values.format ?? 'text';
  if (format !== 'text' && format !== 'json') return usageError(`unknown format "${format}" (text or json)`);
  if (files.length === 0) return usageError('no files given');
  return { kind: 'lint', files, format, peopleFiles: values.people ?? [] };
}
