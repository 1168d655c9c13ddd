/** Started, detected, mitigated and resolved, in the viewer's own zone, with the durations between. */
import { formatDuration, localInputToUtcIso, utcIsoToLocalInput, zoneLabel } from '../../shared/schema/index.ts';
import { YDateInput } from './DateInput.tsx';
import { useDoc } from './DocContext.tsx';
import { useYString } from './hooks.ts';

const TIMES = [
  { field: 'startedAt', label: 'Started' },
  { field: 'detectedAt', label: 'Detected' },
  { field: 'mitigatedAt', label: 'Mitigated' },
  { field: 'resolvedAt', label: 'Resolved' },
] as const;

/** The four incident times and the computed time to detect, mitigate and recover. */
export function IncidentTimes() {
  const { roots, zone } = useDoc();
  const started = useYString(roots.meta, 'startedAt');
  const detected = useYString(roots.meta, 'detectedAt');
  const mitigated = useYString(roots.meta, 'mitigatedAt');
  const resolved = useYString(roots.meta, 'resolvedAt');
  const durations = [
    { label: 'Time to detect', value: formatDuration(started, detected) },
    { label: 'Time to mitigate', value: formatDuration(started, mitigated) },
    { label: 'Time to recover', value: formatDuration(started, resolved) },
  ];
  return (
    <div className="times">
      <fieldset className="times__fields">
        <legend className="field__label">
          Incident times <span className="times__zone">in {zoneLabel(zone)}</span>
        </legend>
        {TIMES.map((t) => (
          <div className="field" key={t.field}>
            <label htmlFor={`meta-${t.field}`} className="field__label field__label--small">
              {t.label}
            </label>
            <YDateInput
              id={`meta-${t.field}`}
              data-testid={`meta-${t.field}`}
              type="datetime-local"
              map={roots.meta}
              field={t.field}
              toInput={(iso) => utcIsoToLocalInput(iso, zone)}
              fromInput={(local) => localInputToUtcIso(local, zone)}
            />
          </div>
        ))}
      </fieldset>
      <dl className="durations">
        {durations.map((d) => (
          <div className="durations__item" key={d.label}>
            <dt>{d.label}</dt>
            <dd>{d.value ?? '—'}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}
