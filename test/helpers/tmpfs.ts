/**
 * A small tmpfs for fault tests: a real full disk (ENOSPC) and a real read-only file system
 * (EROFS). Needs root with CAP_SYS_ADMIN (`mount`); tests skip when it is not available.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './server.ts';

export interface Tmpfs {
  dir: string;
  /** Fills every free byte with a filler file. */
  fill(): void;
  /** Removes the filler: the disk has room again. */
  free(): void;
  remount(mode: 'ro' | 'rw'): void;
  unmount(): void;
}

export function mountTmpfs(sizeBytes: number): Tmpfs {
  const dir = tempDir('second-story-tmpfs-');
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeBytes}`, 'tmpfs', dir], { stdio: 'ignore' });
  const filler = path.join(dir, 'filler');
  return {
    dir,
    fill() {
      const fd = fs.openSync(filler, 'a');
      try {
        for (const chunk of [65536, 4096, 1]) {
          const data = Buffer.alloc(chunk, 1);
          try {
            for (;;) fs.writeSync(fd, data);
          } catch (err) {
            if ((err as NodeJS.ErrnoException).code !== 'ENOSPC') throw err;
          }
        }
      } finally {
        fs.closeSync(fd);
      }
    },
    free() {
      fs.rmSync(filler, { force: true });
    },
    remount(mode) {
      execFileSync('mount', ['-o', `remount,${mode}`, dir], { stdio: 'ignore' });
    },
    unmount() {
      execFileSync('umount', [dir], { stdio: 'ignore' });
      fs.rmdirSync(dir);
    },
  };
}

/** True when this process may mount a tmpfs (checked once, by trying). */
export const canMount: boolean = (() => {
  try {
    mountTmpfs(64 * 1024).unmount();
    return true;
  } catch {
    return false;
  }
})();
