/** One finding in the popover: what and why, the suggested rewrite, its quick fix, dismissal. */
import { useId, useRef, useState } from 'react';
import type { QuickFix } from '../../shared/checks/types.ts';
import { ApiError } from '../api/client.ts';
import { useChecks } from './ChecksContext.tsx';
import { applyFix, canEdit, type FixOutcome } from './targets.ts';
import { SEVERITY_LABEL, type ShownFinding } from './view.ts';

/** "named-individual" → "Named individual". */
export function ruleName(rule: string): string {
  const words = rule.replaceAll('-', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

const FIX_PROBLEMS: Record<Exclude<FixOutcome, 'applied'>, string> = {
  moved: 'The text changed meanwhile; the check runs again in a moment.',
  unavailable: 'This field cannot be edited here.',
};

function QuickFixButtons({ fix, onApply }: { fix: QuickFix; onApply: (replacement: string) => void }) {
  const labelId = useId();
  if (fix.kind === 'replace') {
    return (
      <div className="check-card__fix">
        <button type="button" className="button button--small button--primary" data-testid="quick-fix-apply" onClick={() => onApply(fix.replacement)}>
          {fix.label || 'Apply the fix'}
        </button>
        <span className="check-card__preview">
          → “{fix.replacement}”
        </span>
      </div>
    );
  }
  return (
    <div className="check-card__fix" role="group" aria-labelledby={labelId}>
      <p id={labelId} className="check-card__fix-label">
        {fix.label || 'Replace with a role'}
      </p>
      <div className="check-card__options">
        {fix.options.map((option) => (
          <button key={option} type="button" className="button button--small" data-testid="quick-fix-option" onClick={() => onApply(option)}>
            {option}
          </button>
        ))}
      </div>
    </div>
  );
}

function DismissForm({ findingId, onDone }: { findingId: string; onDone: () => void }) {
  const { checks } = useChecks();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const textId = useId();
  const errorId = useId();
  const area = useRef<HTMLTextAreaElement>(null);

  if (!asking) {
    return (
      <button
        type="button"
        className="button button--small button--quiet-neutral"
        data-testid="dismiss-finding"
        onClick={() => {
          setAsking(true);
          requestAnimationFrame(() => area.current?.focus());
        }}
      >
        Dismiss as false positive
      </button>
    );
  }
  const submit = async () => {
    if (reason.trim().length < 3) {
      setError('Say why this is a false positive (a few words).');
      area.current?.focus();
      return;
    }
    setBusy(true);
    setError('');
    try {
      await checks.dismiss(findingId, reason.trim());
      onDone();
    } catch (caught) {
      setError(caught instanceof ApiError ? caught.message : 'The dismissal could not be saved.');
      setBusy(false);
    }
  };
  return (
    <form
      className="check-card__dismiss"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <label htmlFor={textId} className="field__label field__label--small">
        Why is this a false positive? (only facilitators see the reason)
      </label>
      <textarea
        id={textId}
        ref={area}
        className="input check-card__reason-input"
        data-testid="dismiss-reason"
        rows={2}
        maxLength={1000}
        value={reason}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? errorId : undefined}
        onChange={(e) => setReason(e.target.value)}
      />
      {error && (
        <p id={errorId} className="form-error" role="alert">
          {error}
        </p>
      )}
      <div className="check-card__actions">
        <button type="button" className="button button--small" onClick={() => setAsking(false)} disabled={busy}>
          Cancel
        </button>
        <button type="submit" className="button button--small button--primary" data-testid="dismiss-confirm" disabled={busy}>
          {busy ? 'Dismissing…' : 'Dismiss'}
        </button>
      </div>
    </form>
  );
}

function RestoreButton({ findingId }: { findingId: string }) {
  const { checks } = useChecks();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  return (
    <>
      <button
        type="button"
        className="button button--small"
        data-testid="restore-finding"
        disabled={busy}
        onClick={() => {
          setBusy(true);
          checks.restore(findingId).then(
            () => setBusy(false),
            (caught: unknown) => {
              setBusy(false);
              setError(caught instanceof ApiError ? caught.message : 'The finding could not be restored.');
            },
          );
        }}
      >
        Restore
      </button>
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
    </>
  );
}

interface CardProps {
  finding: ShownFinding;
  /** The postmortem is published: nothing can change any more. */
  published: boolean;
  /** Called after a fix was applied (the popover closes). */
  onFixed: () => void;
  /** Called after the finding was dismissed (focus moves back to the popover). */
  onDismissed: () => void;
}

/** A finding's details with its actions. */
export function FindingCard({ finding, published, onFixed, onDismissed }: CardProps) {
  const { checks, targets } = useChecks();
  const [problem, setProblem] = useState('');
  const facilitator = checks.role === 'facilitator';
  const dismissed = finding.dismissal !== undefined;
  const editable = !published && !dismissed && canEdit(targets, finding);
  const apply = (replacement: string) => {
    const outcome = applyFix(targets, finding, replacement);
    if (outcome === 'applied') onFixed();
    else setProblem(FIX_PROBLEMS[outcome]);
  };
  return (
    <article className={`check-card check-card--${finding.severity}${dismissed ? ' check-card--dismissed' : ''}`}>
      <h3 className="check-card__head">
        <span className={`sev-tag sev-tag--${finding.severity}`}>{SEVERITY_LABEL[finding.severity]}</span>
        <span className="check-card__rule">{ruleName(finding.rule)}</span>
      </h3>
      <p className="check-card__message">{finding.message}</p>
      {finding.suggestion && (
        <p className="check-card__suggestion">
          <span className="check-card__key">Try: </span>
          {finding.suggestion}
        </p>
      )}
      <p className="check-card__reason">
        <span className="check-card__key">Why: </span>
        {finding.reason}
      </p>
      {finding.fix && editable && <QuickFixButtons fix={finding.fix} onApply={apply} />}
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {dismissed && (
        <div className="check-card__dismissed">
          <p>
            Dismissed as a false positive{finding.dismissal?.reason ? `: “${finding.dismissal.reason}”` : '.'}
          </p>
          {facilitator && !published && <RestoreButton findingId={finding.id} />}
        </div>
      )}
      {facilitator && !dismissed && !published && (
        <div className="check-card__actions check-card__actions--start">
          <DismissForm findingId={finding.id} onDone={onDismissed} />
        </div>
      )}
    </article>
  );
}
