/**
 * The findings panel of the side column: counts by severity, what blocks publishing, findings
 * grouped by section in the template's order with each section's count (each finding jumps to its
 * place), and for facilitators
 * the dismissed findings with their reasons and the publish record.
 */
import { useState } from 'react';
import { CHECK_SEVERITIES, type CheckSeverity, type FindingSection } from '../../shared/checks/types.ts';
import { formatInZone } from '../../shared/schema/time.ts';
import { SECTIONS } from '../../shared/schema/sections.ts';
import { useDoc } from '../editor/DocContext.tsx';
import { useYString } from '../editor/hooks.ts';
import { useChecks, useChecksView, usePublishInfo } from './ChecksContext.tsx';
import { ruleName } from './FindingCard.tsx';
import { pageBox } from './popover.ts';
import { revealFinding } from './targets.ts';
import { SEVERITY_LABEL, type ShownFinding } from './view.ts';

const GROUPS: { id: FindingSection; title: string }[] = [{ id: 'header', title: 'Title' }, ...SECTIONS.map((s) => ({ id: s.id, title: s.title }))];
/** Items shown per section before "Show all": a long document can have hundreds. */
const PER_SECTION = 25;

const PLURAL: Record<CheckSeverity, [string, string]> = {
  error: ['error', 'errors'],
  warning: ['warning', 'warnings'],
  info: ['note', 'notes'],
};

function FindingItem({ finding, published }: { finding: ShownFinding; published: boolean }) {
  const { targets, popover } = useChecks();
  const blocks = finding.severity === 'error' && !published;
  return (
    <li>
      <button
        type="button"
        className={`finding finding--${finding.severity}`}
        data-testid="finding-item"
        data-rule={finding.rule}
        onClick={(event) => {
          const button = event.currentTarget;
          revealFinding(targets, finding, (anchor) =>
            popover.set({
              open: {
                ids: [finding.id],
                anchor: pageBox(anchor.getBoundingClientRect()),
                focus: true,
                returnFocus: () => button.focus(),
                context: anchor.closest('[aria-label]')?.getAttribute('aria-label') ?? '',
              },
            }),
          );
        }}
      >
        <span className="finding__tags">
          <span className={`sev-tag sev-tag--${finding.severity}`}>{SEVERITY_LABEL[finding.severity]}</span>
          {blocks && <span className="finding__blocks">Blocks publishing</span>}
        </span>
        <span className="finding__message">{finding.message}</span>
        {/* A whole-section finding's excerpt is the section's name, already the group's title. */}
        {finding.excerpt && finding.location.field && <span className="finding__excerpt">“{finding.excerpt}”</span>}
      </button>
    </li>
  );
}

interface GroupProps {
  id: FindingSection;
  title: string;
  findings: readonly ShownFinding[];
  published: boolean;
}

function SectionGroup({ id, title, findings, published }: GroupProps) {
  const [all, setAll] = useState(false);
  const shown = all ? findings : findings.slice(0, PER_SECTION);
  const n = findings.length;
  return (
    <li className="findings__group" data-testid="findings-group" data-section={id}>
      {/* Seen as "Timeline · 3", heard as "Timeline 3 findings". */}
      <h3 className="findings__section">
        {title}
        <span className="findings__section-count" data-testid="findings-group-count">
          {' '}
          <span aria-hidden="true">·</span> {n}
          <span className="visually-hidden"> {n === 1 ? 'finding' : 'findings'}</span>
        </span>
      </h3>
      <ul className="findings__list">
        {shown.map((f) => (
          <FindingItem key={f.id} finding={f} published={published} />
        ))}
      </ul>
      {shown.length < findings.length && (
        <button type="button" className="button button--small findings__more" onClick={() => setAll(true)}>
          Show all {findings.length}
        </button>
      )}
    </li>
  );
}

function DismissedList({ findings, published }: { findings: readonly ShownFinding[]; published: boolean }) {
  const { checks } = useChecks();
  const [error, setError] = useState('');
  if (findings.length === 0) return null;
  return (
    <details className="findings__dismissed" data-testid="dismissed-findings">
      <summary>Dismissed as false positives ({findings.length})</summary>
      <ul className="findings__list">
        {findings.map((f) => (
          <li key={f.id} className="dismissed-item" data-testid="dismissed-item">
            <span className="dismissed-item__what">
              {ruleName(f.rule)}: “{f.excerpt}”
            </span>
            {f.dismissal?.reason && <span className="dismissed-item__reason">Reason: {f.dismissal.reason}</span>}
            {!published && (
              <button
                type="button"
                className="button button--small"
                data-testid="restore-finding"
                aria-label={`Restore ${ruleName(f.rule)}: ${f.excerpt}`}
                onClick={() => {
                  setError('');
                  checks.restore(f.id).catch(() => setError('The finding could not be restored.'));
                }}
              >
                Restore
              </button>
            )}
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </details>
  );
}

function PublishRecord() {
  const info = usePublishInfo();
  const { zone } = useDoc();
  if (!info) return null;
  return (
    <div className="findings__published" data-testid="publish-info">
      <p>Published {formatInZone(info.at, zone)}.</p>
      {info.overrideReason ? (
        <p>
          Published despite blocking errors. Override reason: <q data-testid="publish-override-reason">{info.overrideReason}</q>
        </p>
      ) : (
        <p>No errors blocked publishing.</p>
      )}
    </div>
  );
}

/** The side panel's checks section. */
export function FindingsPanel() {
  const view = useChecksView();
  const { checks } = useChecks();
  const { roots } = useDoc();
  const published = useYString(roots.moderation, 'status') === 'published';
  const facilitator = checks.role === 'facilitator';
  const groups = GROUPS.map((g) => ({ ...g, findings: view.active.filter((f) => f.section === g.id) })).filter((g) => g.findings.length > 0);
  const blocking = view.blocking.length;

  return (
    <section className="panel findings" aria-labelledby="findings-heading" data-testid="findings-panel">
      <h2 id="findings-heading" className="panel__title">
        Blameless checks
      </h2>
      <ul className="findings__counts" aria-label="Findings by severity">
        {CHECK_SEVERITIES.map((severity) => (
          <li key={severity} className={`findings__count findings__count--${severity}`}>
            <span className="findings__number" data-testid={`finding-count-${severity}`}>
              {view.counts[severity]}
            </span>{' '}
            <span className="findings__kind">{PLURAL[severity][view.counts[severity] === 1 ? 0 : 1]}</span>
          </li>
        ))}
      </ul>
      {facilitator && <PublishRecord />}
      {blocking > 0 && !published && (
        <p className="findings__blocking" data-testid="findings-blocking">
          {blocking === 1 ? '1 error blocks' : `${blocking} errors block`} publishing
          {facilitator ? ' unless you record an override reason.' : '.'}
        </p>
      )}
      {!view.ready ? (
        <p className="panel__note">Checking the writing…</p>
      ) : groups.length === 0 ? (
        <p className="findings__empty">No findings — the writing points at the system.</p>
      ) : (
        <ul className="findings__groups">
          {groups.map((g) => (
            <SectionGroup key={g.id} id={g.id} title={g.title} findings={g.findings} published={published} />
          ))}
        </ul>
      )}
      {facilitator && <DismissedList findings={view.dismissed} published={published} />}
      <p className="panel__note">Keyboard: Alt+Enter on a marked word opens its details.</p>
    </section>
  );
}
