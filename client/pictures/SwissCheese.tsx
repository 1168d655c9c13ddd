/** The Swiss cheese picture of the defenses, drawn live from the document, with SVG and PNG downloads. */
import { useId, useMemo, useRef } from 'react';
import { CheeseSvg } from './CheeseSvg.tsx';
import { fileSlug } from './download.ts';
import { DownloadButtons } from './DownloadButtons.tsx';
import { buildSwissCheese } from './swiss-cheese-model.ts';
import { useSnapshot } from './useSnapshot.ts';

/** Slices in list order, holes where a defense failed or was absent, and where the hazard stopped. */
export function SwissCheese() {
  const snapshot = useSnapshot();
  const model = useMemo(() => buildSwissCheese(snapshot.defenses), [snapshot.defenses]);
  const svg = useRef<SVGSVGElement>(null);
  const id = useId();
  const outcome = model.path?.outcome ?? 'none';
  return (
    <figure className="picture swiss-cheese" data-testid="swiss-cheese" data-outcome={outcome} aria-labelledby={`${id}-caption`}>
      <figcaption id={`${id}-caption`} className="picture__caption">
        <span className="picture__title">Swiss cheese</span>
        <span className="picture__summary">
          {!model.path
            ? 'No defenses listed yet.'
            : outcome === 'stopped'
              ? `The hazard passed ${model.path.through.length} of ${model.slices.length} defenses and was stopped by ${model.path.stoppedBy}.`
              : `The hazard passed through all ${model.slices.length} defenses.`}
        </span>
      </figcaption>
      {model.path ? (
        <>
          <div className="picture__frame">
            <CheeseSvg model={model} svgRef={svg} titleId={`${id}-title`} descId={`${id}-desc`} />
          </div>
          <DownloadButtons
            svg={svg}
            fileName={`${fileSlug(snapshot.meta.title)}-swiss-cheese`}
            what="Swiss cheese diagram"
            testIdPrefix="swiss-cheese"
          />
        </>
      ) : (
        <p className="empty">No defenses listed yet. Each guardrail between the trigger and the impact becomes a slice here.</p>
      )}
    </figure>
  );
}
