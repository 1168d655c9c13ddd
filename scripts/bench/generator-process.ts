/** Starts a load-generator process (load-generator.ts) and talks to it over IPC. */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { childInbox } from './child-inbox.ts';
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
  const { next } = childInbox<LoadMessage>(child, 'load generator');
  return {
    next,
    command: (command) => child.send(command),
  };
}
