/**
 * npm run demo [-- --seed N] [--force]: fills DATA_DIR (default ./data) with a demo organisation
 * (a year of postmortems, action items in every state, publications, near-misses, repeats) and
 * prints the dashboard token. Refuses a data folder that is not empty unless --force.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../server/config.ts';
import { ORG_TOKEN_FILE, resolveOrgToken } from '../server/dashboard/org-token.ts';
import { generateDemo } from './demo/generate.ts';

const USAGE = 'npm run demo -- [--seed N] [--force]   (DATA_DIR sets the folder; default ./data)';

function fail(message: string, code = 2): never {
  console.error(message);
  process.exit(code);
}

async function main(): Promise<void> {
  let args;
  try {
    args = parseArgs({
      options: { seed: { type: 'string', default: '42' }, force: { type: 'boolean', default: false }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: false,
    }).values;
  } catch (err) {
    fail(`${(err as Error).message}\nUsage: ${USAGE}`);
  }
  if (args.help) {
    console.log(`Usage: ${USAGE}`);
    return;
  }
  const seed = Number(args.seed);
  if (!Number.isInteger(seed) || seed < 0) fail(`--seed must be a whole number\nUsage: ${USAGE}`);
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    fail((err as Error).message);
  }
  const dataDir = config.dataDir;
  const existing = fs.existsSync(dataDir) ? fs.readdirSync(dataDir).filter((f) => f !== ORG_TOKEN_FILE) : [];
  if (existing.length > 0) {
    if (!args.force) fail(`${dataDir} is not empty. Run with --force to replace its postmortems (stop the server first), or set DATA_DIR to another folder.`, 1);
    // The organisation token is kept: a bookmarked dashboard keeps working.
    for (const name of existing) fs.rmSync(path.join(dataDir, name), { recursive: true, force: true });
  }

  const summary = await generateDemo({ dataDir, seed });
  const org = resolveOrgToken(dataDir, config.orgToken);
  console.log(
    `Wrote ${summary.postmortems} postmortems (${summary.from} to ${summary.to}, seed ${seed}) to ${dataDir}: ` +
      `${summary.published} published, ${summary.actions} action items, ${summary.repeats} marked as repeats, ${summary.nearMisses} near-miss notes.`,
  );
  console.log(org.source === 'config' ? 'Dashboard token: the ORG_TOKEN you set.' : `Dashboard token: ${org.token}`);
  const host = config.host.includes(':') ? `[${config.host}]` : config.host;
  const base = `http://${host}:${config.port}`;
  const sameDir = dataDir === path.resolve('./data') ? '' : `DATA_DIR=${dataDir} `;
  console.log(`Start the server with: ${sameDir}npm start`);
  console.log(`Then, for example: curl -H "Authorization: Bearer <dashboard token>" ${base}/api/metrics`);
}

main().catch((err: unknown) => fail(`demo failed: ${(err as Error).message}`, 1));
