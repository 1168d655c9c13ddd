/**
 * Section navigation. The URL fragment holds the access token, so the links scroll and move
 * focus themselves instead of changing the fragment.
 */
import { useEffect, useState, type MouseEvent } from 'react';
import { SECTIONS, type SectionId } from '../../shared/schema/index.ts';

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

/** The eight sections, in order. */
export function SectionNav() {
  const active = useVisibleSection();
  return (
    <nav className="section-nav" aria-label="Sections">
      <p className="section-nav__title" aria-hidden="true">
        Sections
      </p>
      <ol className="section-nav__list">
        {SECTIONS.map((s, i) => (
          <li key={s.id}>
            <a
              href={`#section-${s.id}`}
              className="section-nav__link"
              aria-current={active === s.id ? 'location' : undefined}
              onClick={(e) => goTo(e, s.id)}
            >
              <span className="section-nav__number" aria-hidden="true">
                {i + 1}
              </span>
              {s.title}
            </a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
