/**
 * The five-layer descent, drawn live from the document: event → trigger → contributing factors →
 * control failure → system gap, each action item beside the layer it fixes, and the checks'
 * shallow-analysis finding when the descent stops early.
 */
import { useId, useMemo } from 'react';
import { buildFiveLayers, type AttachedAction, type Layer } from './five-layers-model.ts';
import { useRuleFindings } from './useRuleFindings.ts';
import { useSnapshot } from './useSnapshot.ts';

function ActionChip({ action }: { action: AttachedAction }) {
  return (
    <li className="layer-action" data-testid="layer-action" data-action-id={action.id} data-action-layer={action.layer ?? 'none'}>
      <span className="layer-action__tag">{action.tag}</span>
      <span className="layer-action__text">{action.text}</span>
      <span className="layer-action__why">{action.because}</span>
    </li>
  );
}

function LayerRow({ layer }: { layer: Layer }) {
  return (
    <li
      className={`layer layer--${layer.id}${layer.empty ? ' layer--empty' : ''}${layer.fixesLiveHere ? ' layer--fix' : ''}`}
      data-layer={layer.id}
      data-empty={layer.empty}
    >
      <div className="layer__card">
        <h4 className="layer__head">
          <span className="layer__number" aria-hidden="true">
            {layer.number}
          </span>
          <span className="visually-hidden">Layer {layer.number}: </span>
          <span className="layer__title">{layer.title}</span>
          {layer.fixesLiveHere && <span className="layer__fix-tag">Fixes live here</span>}
        </h4>
        {layer.empty ? (
          <p className="layer__empty">Not written yet</p>
        ) : (
          <>
            {layer.text && <p className="layer__text">{layer.text}</p>}
            {layer.entries.length > 0 && (
              <ul className="layer__entries">
                {layer.entries.map((e) => (
                  <li key={e.id || e.tag} className="layer__entry">
                    <span className="layer__tag">{e.tag}</span> {e.text} <span className="layer__note">({e.note})</span>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </div>
      <div className="layer__actions">
        {layer.actions.length > 0 ? (
          <ul className="layer__action-list" aria-label={`Action items fixing the ${layer.title.toLowerCase()}`}>
            {layer.actions.map((a) => (
              <ActionChip key={a.id || a.tag} action={a} />
            ))}
          </ul>
        ) : (
          layer.fixesLiveHere && <p className="layer__no-action">No action item fixes this layer yet.</p>
        )}
      </div>
    </li>
  );
}

/** The descent, with the action items attached to the layers they fix. */
export function FiveLayers() {
  const snapshot = useSnapshot();
  const model = useMemo(() => buildFiveLayers(snapshot), [snapshot]);
  const shallow = useRuleFindings('shallow-analysis');
  const headingId = useId();
  return (
    <section className="picture five-layers" aria-labelledby={headingId} data-testid="five-layers">
      <h3 id={headingId} className="doc-subheading">
        Five-layer descent
      </h3>
      <p className="picture__lead">
        From what happened down to the condition of the system that let it happen. Each action item sits beside the layer it
        fixes; lasting fixes live at layers 4 and 5.
      </p>
      {shallow.map((f) => (
        <div key={f.id} className="five-layers__finding" role="note" data-testid="five-layers-shallow">
          <strong>The analysis stops early.</strong> {f.message} <span className="five-layers__try">{f.suggestion}</span>
        </div>
      ))}
      <ol className="five-layers__list">
        {model.layers.map((layer) => (
          <LayerRow key={layer.id} layer={layer} />
        ))}
      </ol>
      {model.unplaced.length > 0 && (
        <div className="five-layers__unplaced">
          <p className="five-layers__unplaced-title">Not tied to a layer yet — link a factor or choose a kind:</p>
          <ul className="layer__action-list">
            {model.unplaced.map((a) => (
              <ActionChip key={a.id || a.tag} action={a} />
            ))}
          </ul>
        </div>
      )}
    </section>
  );
}
