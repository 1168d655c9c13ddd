import { describe, expect, it } from 'vitest';
import { buildFiveLayers, firstSentence, placeAction, type LayerTexts } from '../../../client/pictures/five-layers-model.ts';
import { action, defense, emptySnapshot, sampleSnapshot } from './snapshots.ts';

const texts: LayerTexts = {
  factorIds: new Set(['f1']),
  trigger: 'A configuration change set the checkout-api pool limit from 200 to 20.',
  factors: 'Review tools show raw numbers without units.',
  control: 'Configuration changes skip the canary stage.',
  systemGap: 'Config and code take different paths to production; only code has progressive rollout.',
};

describe('placing an action item on the layer it fixes', () => {
  it('puts an action linked to an existing factor on the factors layer, whatever its kind or words', () => {
    expect(placeAction(action('Revert the pool limit', { kind: 'control', factorIds: ['f1'] }), texts)).toEqual({
      layer: 'factors',
      reason: 'linked-factors',
    });
  });

  it('ignores links to factors that no longer exist', () => {
    expect(placeAction(action('Add a load test', { kind: 'control', factorIds: ['gone'] }), texts).layer).toBe('control');
  });

  it('puts a control on the control failure', () => {
    expect(placeAction(action('Page on pool saturation', { kind: 'control' }), texts)).toEqual({ layer: 'control', reason: 'control-kind' });
  });

  it.each(['default', 'automation', 'interface'] as const)('puts a %s sharing words with the system gap on the system gap', (kind) => {
    expect(placeAction(action('Give config the same progressive rollout path as code', { kind }), texts)).toEqual({
      layer: 'systemGap',
      reason: 'system-gap-words',
    });
  });

  it('puts an action sharing words only with the trigger on the trigger', () => {
    expect(placeAction(action('Set the checkout-api pool limit back to 200', { kind: 'default' }), texts)).toEqual({
      layer: 'trigger',
      reason: 'trigger-words',
    });
  });

  it('otherwise takes the layer with the most shared words, deeper layers winning ties', () => {
    expect(placeAction(action('Show units next to raw numbers in review tools'), texts)).toEqual({ layer: 'factors', reason: 'closest-words' });
    expect(placeAction(action('Add a canary stage to every path'), texts)).toEqual({ layer: 'control', reason: 'closest-words' });
  });

  it('puts a system change sharing no words on the system gap, and leaves an action with neither kind nor words unplaced', () => {
    expect(placeAction(action('Block deploys on Fridays', { kind: 'automation' }), texts)).toEqual({ layer: 'systemGap', reason: 'system-kind' });
    expect(placeAction(action('Hold a retro about morale'), texts)).toEqual({ layer: null, reason: 'unplaced' });
  });
});

describe('the five layers of a postmortem', () => {
  it('draws the sample postmortem as five written layers with its two actions where they fix', () => {
    const model = buildFiveLayers(sampleSnapshot());
    expect(model.layers.map((l) => l.id)).toEqual(['event', 'trigger', 'factors', 'control', 'systemGap']);
    expect(model.layers.every((l) => !l.empty)).toBe(true);
    const [event, , factors, control] = model.layers;
    expect(event!.text).toMatch(/^For 54 minutes, 18% of checkout attempts .* checkout-api\.$/);
    expect(factors!.entries.map((e) => e.tag)).toEqual(['F1', 'F2', 'F3']);
    // Change review (failed), Canary analysis and Saturation alert (absent); Automated rollback held.
    expect(control!.entries.map((e) => e.text)).toEqual(['Change review', 'Canary analysis', 'Saturation alert']);
    expect(control!.entries[0]!.note).toBe('Failed · active failure');
    expect(factors!.actions.map((a) => [a.tag, a.because])).toEqual([['A1', 'linked to F1']]);
    expect(control!.actions.map((a) => [a.tag, a.because])).toEqual([['A2', 'kind: control']]);
    expect(model.unplaced).toEqual([]);
    expect(model.layers.filter((l) => l.fixesLiveHere).map((l) => l.id)).toEqual(['control', 'systemGap']);
  });

  it('shows every layer as not written in an empty postmortem, and skips blank action items', () => {
    const s = emptySnapshot();
    s.actions.push(action('   '));
    const model = buildFiveLayers(s);
    expect(model.layers.map((l) => l.empty)).toEqual([true, true, true, true, true]);
    expect(model.layers.flatMap((l) => l.actions)).toEqual([]);
    expect(model.unplaced).toEqual([]);
  });

  it('uses the title as the event when the summary is empty', () => {
    const s = emptySnapshot();
    s.meta.title = 'EU checkout errors';
    expect(buildFiveLayers(s).layers[0]!.text).toBe('EU checkout errors');
  });

  it('counts failed or absent defenses as a written control failure even without control gap text', () => {
    const s = emptySnapshot();
    s.defenses.push(defense('Canary', 'held'), defense('', 'absent'));
    const control = buildFiveLayers(s).layers[3]!;
    expect(control.empty).toBe(false);
    expect(control.entries.map((e) => [e.tag, e.text])).toEqual([['D2', 'Defense 2']]);
  });
});

describe('firstSentence', () => {
  it('stops at the first full stop followed by a new sentence, not inside numbers', () => {
    expect(firstSentence('Latency rose to 3.5 s. Then it fell.')).toBe('Latency rose to 3.5 s.');
    expect(firstSentence('No full stop here')).toBe('No full stop here');
    expect(firstSentence('  Line one\ncontinues. Next')).toBe('Line one continues.');
  });
});

describe('a layer chosen in the action item', () => {
  it('wins over linked factors, kind and shared words', () => {
    const linked = { factorIds: new Set(['f1']), trigger: 'pool limit config change', factors: '', control: '', systemGap: 'config skips canary' };
    expect(placeAction({ action: 'Canary config changes', kind: 'control', factorIds: ['f1'], layer: 'trigger' }, linked)).toEqual({
      layer: 'trigger',
      reason: 'chosen',
    });
    expect(placeAction({ action: 'Canary config changes', kind: 'control', factorIds: [] }, linked).reason).toBe('control-kind');
  });
});

describe('an action linked to a defense that failed', () => {
  it('sits at the control failure, unless a person chose another layer', () => {
    const linked = { factorIds: new Set(['f1']), defenseIds: new Set(['d1']), trigger: 'pool limit', factors: '', control: '', systemGap: '' };
    expect(placeAction({ action: 'Add unit display to review', kind: 'interface', factorIds: ['f1'], defenseIds: ['d1'] }, linked)).toEqual({
      layer: 'control',
      reason: 'linked-defenses',
    });
    expect(placeAction({ action: 'x', kind: '', factorIds: [], defenseIds: ['held-one'] }, linked).reason).not.toBe('linked-defenses');
    expect(placeAction({ action: 'x', kind: '', factorIds: [], defenseIds: ['d1'], layer: 'systemGap' }, linked).layer).toBe('systemGap');
  });
});
