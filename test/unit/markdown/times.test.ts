import { describe, expect, it } from 'vitest';
import { leadingTime, parseDay, parseTime, parseZone, type TimeContext } from '../../../shared/markdown/times.ts';

const noContext: TimeContext = { date: '', zone: null };
const nov2: TimeContext = { date: '2026-11-02', zone: null };

describe('times in postmortems', () => {
  it.each([
    ['2026-11-02 14:05 UTC', noContext, '2026-11-02T14:05:00.000Z'],
    ['2026-11-02T14:05:00Z', noContext, '2026-11-02T14:05:00.000Z'],
    ['2026-11-02T14:05:00.000+01:00', noContext, '2026-11-02T13:05:00.000Z'],
    ['2026-11-02 14:05 UTC+2', noContext, '2026-11-02T12:05:00.000Z'],
    ['Nov 2, 2026 2:05 PM PST', noContext, '2026-11-02T22:05:00.000Z'],
    ['2 November 2026 at 09:30 CET', noContext, '2026-11-02T08:30:00.000Z'],
    ['14:05', nov2, '2026-11-02T14:05:00.000Z'],
    ['14:05 (EDT)', nov2, '2026-11-02T18:05:00.000Z'],
    ['14:05', { date: '2026-07-02', zone: { iana: 'Europe/Berlin' } }, '2026-07-02T12:05:00.000Z'],
  ])('reads %j as %s', (text, ctx, iso) => {
    expect(parseTime(text, ctx)?.iso).toBe(iso);
  });

  it('reads a bare time without a known date as a time with no instant', () => {
    expect(parseTime('14:05', noContext)).toMatchObject({ iso: '', timeOfDay: true, dateWritten: false });
  });

  it('finds the time at the start of a line and the separator after it', () => {
    const line = '14:05 UTC — Deploy starts';
    const lead = leadingTime(line, nov2)!;
    expect(lead.iso).toBe('2026-11-02T14:05:00.000Z');
    expect(line.slice(lead.length)).toBe('Deploy starts');
    const colon = '2026-11-02 14:05: Deploy';
    expect(colon.slice(leadingTime(colon, noContext)!.length)).toBe('Deploy');
    const word = '14:05 Deploy starts';
    expect(word.slice(leadingTime(word, nov2)!.length)).toBe('Deploy starts');
  });

  it.each(['Deploy at 14:05', '140:05 x', '14:05x', '25:00 x', 'Step 3: restart', '2026-13-01 x', ''])('finds no time at the start of %j', (text) => {
    expect(leadingTime(text, nov2)).toBeNull();
  });

  it('reads days and zones', () => {
    expect(parseDay('2026/12/1')).toBe('2026-12-01');
    expect(parseDay('Dec 1st, 2026')).toBe('2026-12-01');
    expect(parseDay('2026-02-30')).toBeNull();
    expect(parseDay('soon')).toBeNull();
    expect(parseZone('PDT')).toEqual({ offsetMinutes: -420, name: 'PDT' });
    expect(parseZone('UTC-05:30')).toEqual({ offsetMinutes: -330, name: 'UTC-05:30' });
    expect(parseZone('America/New_York')).toEqual({ iana: 'America/New_York' });
    expect(parseZone('Deploy')).toBeNull();
  });
});
