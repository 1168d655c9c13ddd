import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { METRICS, PERIOD_RULE } from '../../../shared/metrics/definitions.ts';

const readme = fs.readFileSync(path.resolve(import.meta.dirname, '../../../README.md'), 'utf8');

describe('README "Learning dashboard"', () => {
  it('lists each metric with the exact definition the API serves', () => {
    const section = readme.slice(readme.indexOf('## Learning dashboard'), readme.indexOf('## HTTP API'));
    expect(section).toContain(PERIOD_RULE);
    for (const m of METRICS) expect(section).toContain(`| \`${m.id}\` | ${m.label} | ${m.unit} | ${m.definition} |`);
  });
});
