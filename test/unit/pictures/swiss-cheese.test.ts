import { describe, expect, it } from 'vitest';
import { buildSwissCheese, CHEESE, wrapLabel } from '../../../client/pictures/swiss-cheese-model.ts';
import { defense, sampleSnapshot } from './snapshots.ts';

const pathY = CHEESE.top + CHEESE.sliceHeight / 2;

describe('the Swiss cheese model', () => {
  it('draws the sample: three aligned holes, stopped by the automated rollback that held', () => {
    const model = buildSwissCheese(sampleSnapshot().defenses);
    expect(model.slices.map((s) => [s.name, s.state, s.hole?.failure ?? null])).toEqual([
      ['Change review', 'failed', 'active'],
      ['Canary analysis', 'absent', 'latent'],
      ['Saturation alert', 'absent', 'latent'],
      ['Automated rollback', 'held', null],
    ]);
    expect(model.path).toMatchObject({ outcome: 'stopped', stoppedAt: 3, stoppedBy: 'Automated rollback', through: [0, 1, 2] });
    expect(model.path!.x1).toBe(model.slices[3]!.x);
    expect(model.slices.slice(0, 3).every((s) => s.hole!.aligned && s.hole!.cy === pathY)).toBe(true);
    expect(model.description).toContain('passes through the aligned holes of Change review, Canary analysis and Saturation alert');
    expect(model.description).toContain('stopped by Automated rollback, which held');
  });

  it('lets the path through every slice when every defense failed or was absent', () => {
    const model = buildSwissCheese([defense('Review', 'failed', 'active'), defense('Canary', 'absent'), defense('Alert', 'failed')]);
    expect(model.path).toMatchObject({ outcome: 'through', stoppedAt: null, stoppedBy: null, through: [0, 1, 2] });
    const last = model.slices[2]!;
    expect(model.path!.x1).toBeGreaterThan(last.x + CHEESE.sliceWidth);
    expect(model.description).toContain('reaches the incident: no defense held');
  });

  it('stops at the first defense that held, and holes beyond it are out of line', () => {
    const model = buildSwissCheese([
      defense('Review', 'failed', 'active'),
      defense('Canary', 'held'),
      defense('Alert', 'absent'),
      defense('Rollback', 'held'),
    ]);
    expect(model.path).toMatchObject({ outcome: 'stopped', stoppedAt: 1, stoppedBy: 'Canary', through: [0] });
    expect(model.slices.map((s) => s.hole?.aligned ?? null)).toEqual([true, null, false, null]);
    expect(model.slices[2]!.hole!.cy).not.toBe(pathY);
  });

  it('says so when the very first defense held', () => {
    const model = buildSwissCheese([defense('Feature flag', 'held'), defense('Alert', 'failed')]);
    expect(model.path).toMatchObject({ stoppedAt: 0, through: [] });
    expect(model.description).toContain('The first defense, Feature flag, held and stopped the hazard.');
  });

  it('tells active failures from latent conditions, and names unnamed defenses by number', () => {
    const model = buildSwissCheese([defense('', 'failed', 'active'), defense('Runbook', 'absent', 'latent')]);
    expect(model.slices.map((s) => [s.name, s.hole?.failure, s.stateLabel])).toEqual([
      ['Defense 1', 'active', 'Failed · active failure'],
      ['Runbook', 'latent', 'Absent · latent condition'],
    ]);
  });

  it('has no path and says why when no defense is listed', () => {
    const model = buildSwissCheese([]);
    expect(model.slices).toEqual([]);
    expect(model.path).toBeNull();
    expect(model.description).toMatch(/No defenses are listed yet/);
    expect(model.width).toBe(CHEESE.minWidth);
  });

  it('places slices left to right in list order, closer together when there are many', () => {
    const few = buildSwissCheese([defense('A', 'failed'), defense('B', 'failed')]);
    const many = buildSwissCheese(Array.from({ length: 8 }, (_, i) => defense(`D${i}`, 'failed')));
    const gap = (m: typeof few) => m.slices[1]!.x - m.slices[0]!.x;
    expect(gap(many)).toBeLessThan(gap(few));
    const xs = many.slices.map((s) => s.x);
    expect(xs).toEqual(xs.toSorted((a, b) => a - b));
    expect(many.width).toBeGreaterThan(many.slices[7]!.x + CHEESE.sliceWidth);
  });
});

describe('wrapLabel', () => {
  it('wraps on words into at most the given lines and cuts the last with an ellipsis', () => {
    expect(wrapLabel('Canary analysis', 16, 2)).toEqual(['Canary analysis']);
    expect(wrapLabel('Automated rollback on error budget burn', 16, 2)).toEqual(['Automated', 'rollback on err…']);
    expect(wrapLabel('Migration linter for long-running locks', 11, 3)).toEqual(['Migration', 'linter for', 'long-runni…']);
    expect(wrapLabel('Supercalifragilisticexpialidocious', 16, 2)).toEqual(['Supercalifragil…']);
  });

  it('keeps labels of close slices narrow', () => {
    const many = buildSwissCheese(Array.from({ length: 7 }, (_, i) => defense(`Staging rehearsal with production data ${i}`, 'failed')));
    expect(many.slices.every((s) => s.lines.length <= 3 && s.lines.every((l) => l.length <= 11))).toBe(true);
  });
});
