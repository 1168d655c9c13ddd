/** Starts a load-generator process (load-generator.ts) and talks to it over IPC. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { trackChild } from './cleanup.ts';
import type { LoadCommand, LoadConfig, LoadMessage } from './load-protocol.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HERE = import.meta.dirname;

/** One load-generator process: its IPC commands and the messages it sent. */
export interface Generator {
  next(type: LoadMessage['type']): Promise<LoadMessage>;
  command(command: LoadCommand): void;
}

export function startGenerator(config: LoadConfig): Generator {
  const child: ChildProcess = trackChild(
    spawn(process.execPath, ['--import', 'tsx', path.join(HERE, 'load-generator.ts'), JSON.stringify(config)], {
      cwd: ROOT,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
  const inbox: LoadMessage[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  child.on('message', (message: LoadMessage) => {
    if (message.type === 'error') failure = new Error(`load generator failed: ${message.message}`);
    inbox.push(message);
    wake?.();
  });
  child.once('exit', (code) => {
    if (code !== 0) failure ??= new Error(`load generator exited with ${code}`);
    wake?.();
  });
  return {
    async next(type) {
      for (;;) {
        if (failure) throw failure;
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return inbox.splice(i, 1)[0]!;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    command: (command) => child.send(command),
  };
}
