#!/usr/bin/env node
// The `second-story` command: runs the TypeScript entry through tsx, so there is no build step.
import { register } from 'tsx/esm/api';

process.stdout.on('error', (error) => {
  // Output piped into `head` and the like: stop quietly.
  if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
});

try {
  register();
  const { main } = await import(new URL('../server/cli/main.ts', import.meta.url).href);
  process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
} catch (error) {
  process.stderr.write(`second-story: cannot start: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
  process.exitCode = 2;
}
