/** "sent around 15:00 CET": a note's hour (all the server keeps) in the viewer's zone. */
import { utcIsoToLocalInput, zoneAbbreviation } from '../../shared/schema/time.ts';

/** The hour in `zone`, with the date when it is not today there; '' for a bad value. */
export function aroundHour(hourIso: string, zone: string, now = new Date()): string {
  const epoch = Date.parse(hourIso);
  if (Number.isNaN(epoch)) return '';
  const [date, time] = utcIsoToLocalInput(hourIso, zone).split('T');
  const today = utcIsoToLocalInput(now.toISOString(), zone).split('T')[0];
  const when = `${time} ${zoneAbbreviation(epoch, zone)}`;
  return date === today ? when : `${when} on ${date}`;
}
