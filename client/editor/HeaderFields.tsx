/** The header block: title, severity, services and the four incident times. */
import { SEVERITIES } from '../../shared/schema/index.ts';
import { CheckedField } from '../checks/CheckedField.tsx';
import { EditableContext, useDoc } from './DocContext.tsx';
import { YSelect, YTextInput } from './fields.tsx';
import { IncidentTimes } from './IncidentTimes.tsx';
import { useLocked } from './moderation.ts';
import { LockedBadge, LockToggle, useModerates } from './ModerationControls.tsx';
import { ServicesField } from './ServicesField.tsx';

/** Header fields of the postmortem, bound to the `meta` map; the facilitator can lock them ('header'). */
export function HeaderFields() {
  const { roots, readOnly, role } = useDoc();
  const moderates = useModerates();
  const locked = useLocked('header');
  return (
    <EditableContext.Provider value={!readOnly && !(locked && role !== 'facilitator')}>
      <header className={`doc-header${locked ? ' doc-header--locked' : ''}`} aria-label="Incident details" data-locked={locked}>
        <div className="field">
          <div className="doc-header__top">
            <label htmlFor="meta-title" className="field__label">
              Title
            </label>
            <div className="doc-section__badges">
              <LockedBadge lockKey="header" />
              {moderates && <LockToggle lockKey="header" />}
            </div>
          </div>
          <CheckedField field={{ kind: 'title' }} map={roots.meta} mapKey="title" label="Title">
            <YTextInput
              id="meta-title"
              data-testid="meta-title"
              className="input title-input"
              map={roots.meta}
              field="title"
              maxLength={200}
              placeholder="A short, blameless description of what broke"
            />
          </CheckedField>
        </div>
        <div className="doc-header__row">
          <div className="field field--narrow">
            <label htmlFor="meta-severity" className="field__label">
              Severity
            </label>
            <YSelect
              id="meta-severity"
              data-testid="meta-severity"
              map={roots.meta}
              field="severity"
              options={SEVERITIES}
              label={(s) => s}
              fallback="SEV3"
            />
          </div>
          <ServicesField />
        </div>
        <IncidentTimes />
      </header>
    </EditableContext.Provider>
  );
}
