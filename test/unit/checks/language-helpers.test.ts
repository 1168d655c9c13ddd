/** The language helpers and the details of language findings: offsets, quick fixes, severities. */
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../../shared/checks/engine.ts';
import { emptySnapshot, snapshotWithText } from '../../../shared/checks/examples.ts';
import { analyse } from '../../../shared/checks/language/analysis.ts';
import { findNames } from '../../../shared/checks/language/names.ts';
import { splitSentences } from '../../../shared/checks/language/sentences.ts';
import type { ExamplePlacement, RuleId } from '../../../shared/checks/types.ts';

const findings = (placement: ExamplePlacement, text: string, rule: RuleId, roster?: string[]) =>
  runChecks({ snapshot: snapshotWithText(placement, text), ...(roster ? { roster } : {}) }).findings.filter((f) => f.rule === rule);

describe('splitSentences', () => {
  it('keeps exact offsets and does not split abbreviations, decimals or hostnames', () => {
    const text = '- 14:05 The on-call engineer paged the DB team, e.g. via PagerDuty.  Latency hit 3.5 s on api.example.com!\nWhy? Nobody knew.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => s.text)).toEqual([
      '14:05 The on-call engineer paged the DB team, e.g. via PagerDuty.',
      'Latency hit 3.5 s on api.example.com!',
      'Why?',
      'Nobody knew.',
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.end)).toBe(s.text);
  });

  it('cuts very long unpunctuated text into bounded pieces', () => {
    const text = 'word '.repeat(400);
    for (const s of splitSentences(text)) {
      expect(s.text.length).toBeLessThanOrEqual(400);
      expect(text.slice(s.start, s.end)).toBe(s.text);
    }
  });
});

const names = (s: string) => findNames(analyse(s)).map((n) => n.text);

describe('findNames', () => {
  it('finds people, usernames and handles, not products, places, teams or roles', () => {
    expect(names('Sarah paged the database team.')).toEqual(['Sarah']);
    expect(names('jsmith restarted the ingress pod.')).toEqual(['jsmith']);
    expect(names('Escalated to @dchen; @sre-oncall and @here were notified.')).toEqual(['@dchen']);
    expect(names("Kevin's change was merged by Maria Lopez.")).toEqual(['Kevin', 'Maria Lopez']);
    expect(names('Jenkins failed the build and Cassandra ran out of disk in Sydney.')).toEqual([]);
    expect(names('The on-call engineer restarted Kafka and Grafana recovered.')).toEqual([]);
    expect(names('nginx reloaded and kubelet stopped reporting.')).toEqual([]);
  });

  it('reads names in any script, with offsets in UTF-16 units (accents precomposed or combining)', () => {
    expect(names('Zoë and Søren paged Łukasz; Müller approved.')).toEqual(['Zoë', 'Søren', 'Łukasz', 'Müller']);
    for (const text of ['🔥 Renée noticed the spike.', 'Rene\u0301e noticed the spike.', 'Email josé@example.com, then ask José.']) {
      const spans = findNames(analyse(text));
      expect(spans).toHaveLength(1);
      expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe(spans[0]!.text);
      expect(spans[0]!.text.normalize('NFC')).toMatch(/^(?:Renée|José)$/);
    }
  });

  it('reads a first name that is also a place as a person only where nothing else fits', () => {
    expect(names('Victoria noticed the spike.')).toEqual(['Victoria']);
    expect(names('Paged Austin, then escalated to Georgia from the DBA team.')).toEqual(['Austin', 'Georgia']);
    expect(names('14:20 - Jordan: rolling back')).toEqual(['Jordan']);
    expect(names('Sydney saw elevated latency.')).toEqual([]);
    expect(names('Users in Georgia and Virginia noticed slower checkouts.')).toEqual([]);
    expect(names('Traffic was handed off to Sydney at 02:00.')).toEqual([]);
    expect(names('Virginia: recovering')).toEqual([]);
  });
});

describe('named-individual', () => {
  it('points exactly at the name and offers roles (capitalised at the start of a sentence)', () => {
    const [f] = findings('timeline', 'Sarah paged the database team.', 'named-individual');
    expect(f?.excerpt).toBe('Sarah');
    expect(f?.location).toMatchObject({ start: 0, end: 5 });
    expect(f?.severity).toBe('error');
    expect(f?.fix).toMatchObject({ kind: 'choose-role', options: expect.arrayContaining(['The on-call engineer', 'The incident commander', 'The reviewer']) });
    const [mid] = findings('timeline', "The change was reverted after Kevin's deploy.", 'named-individual');
    expect(mid?.excerpt).toBe('Kevin');
    expect(mid?.fix).toMatchObject({ kind: 'choose-role', options: expect.arrayContaining(['the deploying engineer', 'the on-call engineer']) });
  });

  it('treats roster names as people, case-insensitively, first names included', () => {
    expect(findings('timeline', 'Zorya restarted the pod.', 'named-individual')).toEqual([]);
    expect(findings('timeline', 'Zorya restarted the pod.', 'named-individual', ['Zorya Ondrako']).map((f) => f.excerpt)).toEqual(['Zorya']);
    expect(findings('timeline', 'vondrako restarted the pod.', 'named-individual', ['vondrako']).map((f) => f.excerpt)).toEqual(['vondrako']);
  });

  it('never looks at action owners', () => {
    const snap = snapshotWithText('action', 'Add an alert on certificate expiry.');
    snap.actions[0]!.owner = 'Maria Lopez';
    expect(runChecks({ snapshot: snap, roster: ['Maria Lopez'] }).findings.filter((f) => f.rule === 'named-individual')).toEqual([]);
  });
});

describe('single-root-cause', () => {
  it('offers to replace exactly the words "root cause"', () => {
    const text = 'The root cause was an expired certificate.';
    const [f] = findings('summary', text, 'single-root-cause');
    expect(f?.excerpt).toBe('root cause');
    expect(f?.fix).toEqual({ kind: 'replace', label: expect.any(String), replacement: 'primary contributing factor' });
    const [withModifier] = findings('factor', 'The primary root cause was the lack of rate limiting.', 'single-root-cause');
    expect(withModifier?.excerpt).toBe('primary root cause');
  });

  it('asks for at least two contributing factors once the story is written', () => {
    const snap = emptySnapshot();
    snap.text.summary = 'Checkout failed for 54 minutes.';
    snap.timeline.push({ id: 'e1', at: '2026-11-02T13:58:00.000Z', body: 'Config change rolls out.', known: '' });
    snap.factors.push({ id: 'f1', category: 'tooling', body: 'Config changes bypass canary analysis.' });
    const doc = () => runChecks({ snapshot: snap }).findings.filter((f) => f.rule === 'single-root-cause' && f.location.field === null);
    expect(doc()).toHaveLength(1);
    expect(doc()[0]?.section).toBe('factors');
    snap.factors.push({ id: 'f2', category: 'process', body: 'Review tools show raw numbers without units.' });
    expect(doc()).toEqual([]);
    expect(runChecks({ snapshot: snapshotWithText('summary', 'Checkout failed.') }).findings.filter((f) => f.rule === 'single-root-cause')).toEqual([]);
  });
});

describe('severities and suggestions', () => {
  it('hindsight is a warning in the timeline and information elsewhere', () => {
    expect(findings('timeline', 'Obviously the deploy caused it.', 'hindsight')[0]?.severity).toBe('warning');
    expect(findings('summary', 'Obviously the deploy caused it.', 'hindsight')[0]?.severity).toBe('info');
  });

  it('why-chain suggests the how-question as a rewrite', () => {
    const [f] = findings('factor', 'Why did the deploy go to all regions at once?', 'why-chain');
    expect(f?.severity).toBe('info');
    expect(f?.suggestion).toContain('How did it become possible that the deploy went to all regions at once?');
  });

  it('counterfactual suggests writing what happened instead', () => {
    const [f] = findings('factor', 'The engineer should have checked the dashboard before deploying.', 'counterfactual');
    expect(f?.excerpt).toBe('should have checked');
    expect(f?.suggestion).toContain('The engineer did not check the dashboard before deploying');
  });

  it('blame-question, human-error-cause and action-not-system-change are errors', () => {
    expect(findings('factor', 'Who approved this change?', 'blame-question')[0]?.severity).toBe('error');
    expect(findings('summary', 'The outage was caused by human error.', 'human-error-cause')[0]?.severity).toBe('error');
    expect(findings('action', 'Be more careful when running migrations.', 'action-not-system-change')[0]?.severity).toBe('error');
  });
});
