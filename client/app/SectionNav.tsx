/**
 * Section navigation. The URL fragment holds the access token, so the links scroll and move
 * focus themselves instead of changing the fragment.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import { LABELS, SECTIONS, type SectionId } from '../../shared/schema/index.ts';
import { LockIcon } from '../editor/icons.tsx';
import { readStatus, useModerationMap } from '../editor/moderation.ts';

function useVisibleSection(): SectionId {
  const [active, setActive] = useState<SectionId>(SECTIONS[0].id);
  useEffect(() => {
    const visible = new Map<string, boolean>();
    const observer = new IntersectionObserver(
      (entries) => {
        for (const entry of entries) visible.set(entry.target.id, entry.isIntersecting);
        const first = SECTIONS.find((s) => visible.get(`section-${s.id}`));
        if (first) setActive(first.id);
      },
      { rootMargin: '-80px 0px -55% 0px' },
    );
    for (const s of SECTIONS) {
      const el = document.getElementById(`section-${s.id}`);
      if (el) observer.observe(el);
    }
    return () => observer.disconnect();
  }, []);
  return active;
}

function goTo(event: MouseEvent<HTMLAnchorElement>, id: SectionId): void {
  event.preventDefault();
  const section = document.getElementById(`section-${id}`);
  const heading = document.getElementById(`section-${id}-title`);
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  section?.scrollIntoView({ behavior: reduce ? 'auto' : 'smooth', block: 'start' });
  heading?.focus({ preventScroll: true });
}

/** The eight sections, in order, each with its status dot and, when locked, a padlock. */
export function SectionNav() {
  const active = useVisibleSection();
  const locks = useModerationMap('locks');
  const statuses = useModerationMap('sectionStatus');
  return (
    <nav className="section-nav" aria-label="Sections">
      <p className="section-nav__title" aria-hidden="true">
        Sections
      </p>
      <ol className="section-nav__list">
        {SECTIONS.map((s, i) => {
          const status = readStatus(statuses?.get(s.id));
          const locked = locks?.get(s.id) === true;
          return (
            <li key={s.id}>
              <a
                href={`#section-${s.id}`}
                className="section-nav__link"
                aria-current={active === s.id ? 'location' : undefined}
                data-testid={`nav-${s.id}`}
                data-status={status}
                data-locked={locked}
                onClick={(e) => goTo(e, s.id)}
              >
                <span className="section-nav__number" aria-hidden="true">
                  {i + 1}
                </span>
                <span className="section-nav__text">{s.title}</span>
                <span className="section-nav__marks">
                  {locked && <LockIcon className="icon section-nav__lock" />}
                  <span className={`status-dot section-status--${status}`} title={LABELS[status]} />
                </span>
                <span className="visually-hidden">
                  {`, ${LABELS[status] ?? status}`}
                  {locked ? ', locked' : ''}
                </span>
              </a>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
