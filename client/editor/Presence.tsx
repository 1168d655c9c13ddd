/** The presence list: an avatar with initials in each person's colour, their name and role. */
import { useDoc } from './DocContext.tsx';
import { usePresence } from './usePresence.ts';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  const letters = parts.length > 1 ? [parts[0], parts[parts.length - 1]] : [parts[0]];
  return letters
    .map((p) => (p ? Array.from(p)[0] : ''))
    .join('')
    .toUpperCase();
}

// Dark text on light colours, white on dark ones: whichever reads better.
function textOn(hex: string): string {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  return (1.05 / (luminance + 0.05)) >= ((luminance + 0.05) / 0.05) ? '#ffffff' : '#111827';
}

const ROLE_NAMES = { facilitator: 'Facilitator', participant: 'Participant', viewer: 'Viewer' } as const;

/** Everyone connected right now. */
export function Presence() {
  const { session } = useDoc();
  const people = usePresence(session.provider.awareness);
  return (
    <section className="panel" aria-labelledby="presence-heading">
      <h2 id="presence-heading" className="panel__title">
        Here now <span className="panel__count">{people.length}</span>
      </h2>
      <ul className="presence" data-testid="presence-list">
        {people.map((p) => (
          <li key={p.clientId} className="presence__item" data-testid="presence-item">
            <span className="avatar" style={{ backgroundColor: p.color, color: textOn(p.color) }} aria-hidden="true">
              {initials(p.name)}
            </span>
            <span className="presence__who">
              <span className="presence__name">
                {p.name}
                {p.self && <span className="presence__you"> (you)</span>}
              </span>
              <span className="presence__role">{ROLE_NAMES[p.role]}</span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
