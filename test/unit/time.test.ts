import { describe, expect, it } from 'vitest';
import {
  formatDuration,
  formatInZone,
  localInputToUtcIso,
  utcIsoToLocalInput,
  zoneLabel,
  zoneOffsetMinutes,
} from '../../shared/schema/time.ts';

describe('time zones', () => {
  it.each([
    ['2026-11-02T14:05', 'Europe/Berlin', '2026-11-02T13:05:00.000Z'],
    ['2026-07-02T14:05', 'Europe/Berlin', '2026-07-02T12:05:00.000Z'],
    ['2026-11-02T14:05', 'America/New_York', '2026-11-02T19:05:00.000Z'],
    ['2026-11-02T14:05', 'Asia/Kolkata', '2026-11-02T08:35:00.000Z'],
    ['2026-11-02T14:05', 'UTC', '2026-11-02T14:05:00.000Z'],
    ['2026-12-31T23:30', 'Pacific/Auckland', '2026-12-31T10:30:00.000Z'],
  ])('stores %s typed in %s as %s, and shows it back unchanged', (local, zone, iso) => {
    expect(localInputToUtcIso(local, zone)).toBe(iso);
    expect(utcIsoToLocalInput(iso, zone)).toBe(local);
  });

  it('moves a time skipped by the spring-forward jump past the gap', () => {
    // 02:30 does not exist in Berlin on 2026-03-29; it becomes 03:30 CEST.
    expect(localInputToUtcIso('2026-03-29T02:30', 'Europe/Berlin')).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the earlier instant for a time repeated when clocks go back', () => {
    expect(localInputToUtcIso('2026-10-25T02:30', 'Europe/Berlin')).toBe('2026-10-25T00:30:00.000Z');
  });

  it('refuses what is not a wall-clock time', () => {
    for (const bad of ['', 'yesterday', '2026-02-31T10:00', '2026-13-01T10:00', '2026-11-02 25:00']) {
      expect(localInputToUtcIso(bad, 'UTC')).toBeNull();
    }
    expect(utcIsoToLocalInput('not a date', 'UTC')).toBe('');
    expect(utcIsoToLocalInput('', 'UTC')).toBe('');
  });

  it('names the zone with its offset and shows instants with its abbreviation', () => {
    expect(zoneLabel('Asia/Kolkata')).toBe('Asia/Kolkata (UTC+05:30)');
    expect(zoneOffsetMinutes(Date.parse('2026-07-01T00:00:00Z'), 'America/Los_Angeles')).toBe(-420);
    expect(formatInZone('2026-11-02T13:05:00.000Z', 'America/New_York')).toBe('2026-11-02 08:05 EST');
  });

  it('formats durations across days and refuses reversed ranges', () => {
    expect(formatDuration('2026-11-02T13:05:00Z', '2026-11-02T14:30:00Z')).toBe('1h 25m');
    expect(formatDuration('2026-11-01T13:00:00Z', '2026-11-03T13:05:00Z')).toBe('2d 5m');
    expect(formatDuration('2026-11-02T13:05:00Z', '2026-11-02T13:05:00Z')).toBe('0m');
    expect(formatDuration('2026-11-02T14:00:00Z', '2026-11-02T13:00:00Z')).toBeNull();
    expect(formatDuration('', '2026-11-02T13:00:00Z')).toBeNull();
  });
});
