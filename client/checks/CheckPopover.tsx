/**
 * The popover of a marked range or a field's badge: a non-modal dialog next to its anchor with
 * each finding's details and actions. Escape or a click elsewhere closes it.
 */
import { useEffect, useLayoutEffect, useRef } from 'react';
import { createPortal } from 'react-dom';
import { useDoc } from '../editor/DocContext.tsx';
import { useYString } from '../editor/hooks.ts';
import { useChecks, useChecksView, usePopover } from './ChecksContext.tsx';
import { FindingCard } from './FindingCard.tsx';
import type { PopoverRequest } from './popover.ts';
import type { ShownFinding } from './view.ts';

const GAP = 6;
const MARGIN = 8;

function place(anchor: PopoverRequest['anchor'], box: { width: number; height: number }): { top: number; left: number } {
  const viewportTop = scrollY;
  const viewportBottom = scrollY + innerHeight;
  let top = anchor.bottom + GAP;
  // Above the anchor when it does not fit below but does above.
  if (top + box.height > viewportBottom - MARGIN && anchor.top - GAP - box.height >= viewportTop + MARGIN) {
    top = anchor.top - GAP - box.height;
  }
  const maxLeft = scrollX + document.documentElement.clientWidth - box.width - MARGIN;
  const left = Math.max(scrollX + MARGIN, Math.min(anchor.left, maxLeft));
  return { top, left };
}

function OpenPopover({ request, findings }: { request: PopoverRequest; findings: ShownFinding[] }) {
  const { popover } = useChecks();
  const { roots } = useDoc();
  const published = useYString(roots.moderation, 'status') === 'published';
  const ref = useRef<HTMLDivElement>(null);

  const close = (restore: boolean) => {
    popover.set({ open: null });
    if (restore) request.returnFocus?.();
  };

  // Placed before it is painted, and again whenever its size changes (a form opens).
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = () => {
      const { top, left } = place(request.anchor, { width: el.offsetWidth, height: el.offsetHeight });
      el.style.top = `${top}px`;
      el.style.left = `${left}px`;
    };
    update();
    const observer = new ResizeObserver(update);
    observer.observe(el);
    return () => observer.disconnect();
  }, [request]);

  useEffect(() => {
    if (request.focus) ref.current?.focus();
  }, [request]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const el = ref.current;
      const inside = el?.contains(document.activeElement) ?? false;
      event.preventDefault();
      event.stopPropagation();
      popover.set({ open: null });
      // Back to where it was opened from, unless focus has gone somewhere else meanwhile.
      if (inside || document.activeElement === document.body || request.focus === false) request.returnFocus?.();
    };
    const onPointer = (event: PointerEvent) => {
      if (event.target instanceof Node && ref.current?.contains(event.target)) return;
      popover.set({ open: null });
    };
    document.addEventListener('keydown', onKey, true);
    document.addEventListener('pointerdown', onPointer, true);
    return () => {
      document.removeEventListener('keydown', onKey, true);
      document.removeEventListener('pointerdown', onPointer, true);
    };
  }, [popover, request]);

  const title = findings.length === 1 ? 'Blameless check' : `${findings.length} blameless checks`;
  return createPortal(
    <div
      ref={ref}
      role="dialog"
      aria-label={request.context ? `${title}: ${request.context}` : title}
      tabIndex={-1}
      className="check-popover"
      data-testid="check-popover"
    >
      <div className="check-popover__head">
        <p className="check-popover__title">{title}</p>
        <button type="button" className="check-popover__close" aria-label="Close" onClick={() => close(true)}>
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div className="check-popover__body">
        {findings.map((finding) => (
          <FindingCard
            key={finding.id}
            finding={finding}
            published={published}
            onFixed={() => popover.set({ open: null })}
            onDismissed={() => ref.current?.focus()}
          />
        ))}
      </div>
    </div>,
    document.body,
  );
}

/** Renders the open popover, if any; closes it when its findings are gone (the text changed). */
export function CheckPopover() {
  const { popover } = useChecks();
  const request = usePopover();
  const view = useChecksView();
  const findings = request ? request.ids.map((id) => view.byId.get(id)).filter((f): f is ShownFinding => f !== undefined) : [];
  const empty = request !== null && findings.length === 0;
  useEffect(() => {
    if (empty) popover.set({ open: null });
  }, [empty, popover]);
  if (!request || empty) return null;
  return <OpenPopover request={request} findings={findings} />;
}
