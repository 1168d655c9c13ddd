/** Builds the web app (dist/client) with the project's Vite, as `npm run build` does. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '../..');

export function buildClient(): void {
  execFileSync(process.execPath, [path.join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
}

/** True once a build has left the app's page in dist/client. */
export function clientBuilt(): boolean {
  return fs.existsSync(path.join(ROOT, 'dist/client/index.html'));
}
