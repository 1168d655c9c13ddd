/** A count of findings that opens their popover: for whole-field findings, inputs and sections. */
import { useRef } from 'react';
import { useChecks } from './ChecksContext.tsx';
import { pageBox } from './popover.ts';
import { topSeverity, type ShownFinding } from './view.ts';

interface Props {
  findings: readonly ShownFinding[];
  /** What the findings are about, e.g. "Action item 2". */
  context: string;
  className?: string;
}

/** The badge; renders nothing when there are no findings. */
export function CheckBadge({ findings, context, className = '' }: Props) {
  const { popover } = useChecks();
  const ref = useRef<HTMLButtonElement>(null);
  const top = topSeverity(findings);
  if (!top) return null;
  const n = findings.length;
  return (
    <button
      ref={ref}
      type="button"
      className={`check-badge check-badge--${top} ${className}`}
      data-testid="check-badge"
      aria-haspopup="dialog"
      aria-label={`${n} blameless check ${n === 1 ? 'finding' : 'findings'} on ${context}`}
      onClick={() => {
        const el = ref.current;
        if (!el) return;
        popover.set({
          open: {
            ids: findings.map((f) => f.id),
            anchor: pageBox(el.getBoundingClientRect()),
            focus: true,
            returnFocus: () => ref.current?.focus(),
            context,
          },
        });
      }}
    >
      {n}
    </button>
  );
}
