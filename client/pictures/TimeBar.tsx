/** The incident time bar, drawn live from the header times and the timeline, in the viewer's zone. */
import { useId, useMemo, useRef } from 'react';
import { useDoc } from '../editor/DocContext.tsx';
import { fileSlug } from './download.ts';
import { DownloadButtons } from './DownloadButtons.tsx';
import { buildTimeBar } from './time-bar-model.ts';
import { TimeBarSvg } from './TimeBarSvg.tsx';
import { useSnapshot } from './useSnapshot.ts';

/** Started → detected → mitigated → resolved, with what is missing said in words. */
export function TimeBar() {
  const { zone } = useDoc();
  const snapshot = useSnapshot();
  const model = useMemo(() => buildTimeBar(snapshot, zone), [snapshot, zone]);
  const svg = useRef<SVGSVGElement>(null);
  const id = useId();
  const missingDurations = [
    model.spans.some((s) => s.key === 'detect') ? null : 'time to detect',
    model.spans.some((s) => s.key === 'recover') ? null : 'time to recover',
  ].filter(Boolean);
  return (
    <figure className="picture time-bar" data-testid="time-bar" data-multi-day={model.multiDay} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="picture__caption">
        <span className="picture__title">Incident time bar</span>
        <span className="picture__summary" data-testid="time-bar-zone">
          Times in {model.zoneName}
        </span>
      </figcaption>
      {model.empty ? (
        <p className="empty">No incident times yet: started, detected, mitigated and resolved are set in the header above.</p>
      ) : (
        <>
          <div className="picture__frame">
            <TimeBarSvg model={model} svgRef={svg} titleId={`${id}-title`} descId={`${id}-desc`} />
          </div>
          <DownloadButtons svg={svg} fileName={`${fileSlug(snapshot.meta.title)}-time-bar`} what="Incident time bar" testIdPrefix="time-bar" />
        </>
      )}
      {!model.empty && (model.missing.length > 0 || model.untimed > 0 || model.problems.length > 0) && (
        <ul className="picture__notes" data-testid="time-bar-notes">
          {model.missing.length > 0 && (
            <li>
              Not set yet: {model.missing.join(', ').toLowerCase()}
              {missingDurations.length > 0 && ` — so the ${missingDurations.join(' and the ')} ${missingDurations.length > 1 ? 'are' : 'is'} unknown`}.
            </li>
          )}
          {model.untimed > 0 && (
            <li>
              {model.untimed === 1 ? '1 timeline entry has' : `${model.untimed} timeline entries have`} no time and{' '}
              {model.untimed === 1 ? 'is' : 'are'} not on the bar.
            </li>
          )}
          {model.problems.map((p) => (
            <li key={p} className="picture__problem">
              Out of order: {p}
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
