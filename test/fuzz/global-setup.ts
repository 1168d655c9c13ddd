/**
 * The HTTP fuzz requests the app's own pages too, which answer 503 until the web app is built:
 * build it when it is missing (`npm run test:fuzz` on a fresh checkout). In `npm test` the
 * browser tests' set-up builds it as well.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(import.meta.dirname, '../..');
  if (fs.existsSync(path.join(root, 'dist/client/index.html'))) return;
  execFileSync(process.execPath, [path.join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
}
