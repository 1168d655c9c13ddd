/**
 * Every child process and temporary folder the benchmark creates is registered here, so that
 * they are gone at the end, whether the run succeeds, throws, or is interrupted.
 */
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const children = new Set<ChildProcess>();
const dirs = new Set<string>();

function running(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

export function trackChild<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** A new temporary folder, removed by cleanup(). */
export function benchTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `second-story-bench-${prefix}-`));
  dirs.add(dir);
  return dir;
}

export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
  dirs.delete(dir);
}

/** Stops one child: SIGTERM, then SIGKILL after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (!running(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

/** Stops every child still running and removes every temporary folder. */
export async function cleanup(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c, 3_000)));
  // Deleting the current entry while iterating a Set is safe.
  for (const dir of dirs) removeDir(dir);
}

/** Last resort on exit or interrupt: kill by the recorded ids, remove folders synchronously. */
export function installExitHandlers(): void {
  process.on('exit', () => {
    for (const child of children) if (running(child)) child.kill('SIGKILL');
    for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.error(`\n${signal}: stopping child processes and removing temporary folders`);
      void cleanup().finally(() => process.exit(130));
    });
  }
}
