/** The JSON export: the whole shared document under a format name and version, nothing else. */
import { describe, expect, it } from 'vitest';
import { EXPORT_FORMAT, EXPORT_VERSION, exportFileName, exportPostmortemJson } from '../../../shared/export/index.ts';
import { RICH_TEXT_ROOTS, readSnapshot } from '../../../shared/schema/index.ts';
import { richDocument } from './documents.ts';

const AT = new Date('2026-11-05T08:00:00.000Z');

describe('JSON export', () => {
  it('holds the header, every part, the structured rows, approved notes and the status', () => {
    const snapshot = readSnapshot(richDocument());
    const out = exportPostmortemJson('pm_12345678', snapshot, AT);
    expect(out).toMatchObject({ format: EXPORT_FORMAT, version: EXPORT_VERSION, exportedAt: AT.toISOString() });
    expect(out.postmortem.id).toBe('pm_12345678');
    expect(out.postmortem.status).toBe('in-review');
    expect(out.postmortem.meta).toEqual(snapshot.meta);
    expect(Object.keys(out.postmortem.text)).toEqual([...RICH_TEXT_ROOTS]);
    expect(out.postmortem.text).toEqual(snapshot.text);
    expect(out.postmortem.timeline).toEqual(snapshot.timeline);
    expect(out.postmortem.factors).toEqual(snapshot.factors);
    expect(out.postmortem.defenses).toEqual(snapshot.defenses);
    expect(out.postmortem.actions).toEqual(snapshot.actions.map((a) => ({ ...a, defenseIds: [] })));
    expect(out.postmortem.nearMisses).toEqual([{ id: 'nm1', text: 'The same pool change almost went out last month.', hour: '2026-11-03T10:00:00.000Z' }]);
  });

  it('holds the five-layer placement of action items: the chosen layer and the linked defenses', () => {
    const snapshot = readSnapshot(richDocument());
    const [first, second] = snapshot.actions;
    first!.layer = 'systemGap';
    first!.defenseIds = [snapshot.defenses[1]!.id];
    second!.defenseIds = [snapshot.defenses[0]!.id, snapshot.defenses[2]!.id];
    const actions = exportPostmortemJson('pm_12345678', snapshot, AT).postmortem.actions;
    expect(actions.map((a) => [a.layer, a.defenseIds])).toEqual([
      ['systemGap', [snapshot.defenses[1]!.id]],
      [undefined, [snapshot.defenses[0]!.id, snapshot.defenses[2]!.id]],
      [undefined, []],
      [undefined, []],
    ]);
    // As JSON: `defenseIds` always there, `layer` only when a person chose one.
    const json = JSON.parse(JSON.stringify(actions)) as Record<string, unknown>[];
    expect(json.map((a) => 'layer' in a)).toEqual([true, false, false, false]);
    expect(json.every((a) => Array.isArray(a.defenseIds))).toBe(true);
    actions[0]!.defenseIds.push('changed');
    expect(first!.defenseIds).toEqual([snapshot.defenses[1]!.id]);
  });

  it('leaves out editing-session state: locks, section owners and section states', () => {
    const json = JSON.stringify(exportPostmortemJson('pm_12345678', readSnapshot(richDocument()), AT));
    expect(json).not.toContain('Dana Facilitator');
    expect(json).not.toMatch(/locks|sectionOwner|sectionStatus|moderation/);
  });

  it('copies, so changing the export does not change the snapshot', () => {
    const snapshot = readSnapshot(richDocument());
    const out = exportPostmortemJson('pm_12345678', snapshot, AT);
    out.postmortem.meta.services.push('x');
    out.postmortem.actions[0]!.factorIds.push('y');
    expect(snapshot.meta.services).not.toContain('x');
    expect(snapshot.actions[0]!.factorIds).not.toContain('y');
  });
});

describe('export file names', () => {
  it.each([
    ['Checkout errors after a connection pool change (#4471)', 'md', 'checkout-errors-after-a-connection-pool-change-4471.md'],
    ['Café outage: Zürich', 'json', 'cafe-outage-zurich.json'],
    ['障害', 'md', 'postmortem.md'],
    ['', 'json', 'postmortem.json'],
    ['../../etc/passwd', 'md', 'etc-passwd.md'],
  ] as const)('%j → %s', (title, ext, name) => {
    expect(exportFileName(title, ext)).toBe(name);
  });
});
