/**
 * Messages from a child process over IPC, waited for by type: the load generators of the bench
 * and the soak's client processes. A message of type 'error', or a non-zero exit, fails every
 * wait from then on.
 */
import type { ChildProcess } from 'node:child_process';

export interface ChildInbox<M extends { type: string }> {
  /** The first message of `type` not yet taken, waiting for it if need be. */
  next<T extends M['type']>(type: T): Promise<Extract<M, { type: T }>>;
}

export function childInbox<M extends { type: string; message?: string }>(child: ChildProcess, what: string): ChildInbox<M> {
  const inbox: M[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  child.on('message', (message: M) => {
    if (message.type === 'error') failure = new Error(`${what} failed: ${message.message}`);
    inbox.push(message);
    wake?.();
  });
  child.once('exit', (code) => {
    if (code !== 0) failure ??= new Error(`${what} exited with ${code}`);
    wake?.();
  });
  return {
    async next(type) {
      for (;;) {
        if (failure) throw failure;
        const i = inbox.findIndex((m) => m.type === type);
        if (i >= 0) return inbox.splice(i, 1)[0] as Extract<M, { type: typeof type }>;
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
  };
}
