/**
 * The organisation token that guards the learning dashboard: ORG_TOKEN from the configuration,
 * or one generated on first start and kept in DATA_DIR/org-token (mode 0600), reused after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { newToken } from '../tokens.ts';

export const ORG_TOKEN_FILE = 'org-token';

export interface OrgToken {
  token: string;
  /** Where it came from; 'generated' only on the start that created the file. */
  source: 'config' | 'file' | 'generated';
}

function readStored(file: string): string | null {
  try {
    const token = fs.readFileSync(file, 'utf8').trim();
    return token.length >= 16 ? token : null;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

/** The token to use: the configured one, else the stored one, else a new one written to the data folder. */
export function resolveOrgToken(dataDir: string, configured: string | undefined): OrgToken {
  if (configured) return { token: configured, source: 'config' };
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, ORG_TOKEN_FILE);
  const stored = readStored(file);
  if (stored) {
    // Keep it private even if someone loosened the mode.
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
    return { token: stored, source: 'file' };
  }
  const token = newToken();
  try {
    // 'wx': two processes starting at once on one folder agree on the first token written.
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    const other = readStored(file);
    if (other) return { token: other, source: 'file' };
    // An empty or short file (a crash mid-write): replace it.
    fs.writeFileSync(file, `${token}\n`, { mode: 0o600 });
    fs.chmodSync(file, 0o600);
  }
  return { token, source: 'generated' };
}
