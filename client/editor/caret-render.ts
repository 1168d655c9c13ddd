/** How a collaborator's caret is drawn: a thin line in their colour with their name above. */
const COLOR = /^#[0-9a-fA-F]{6}$/;

/** The caret widget for one collaborator (hidden from assistive tech: it is decoration). */
export function renderCaret(user: Record<string, unknown>): HTMLElement {
  const color = typeof user.color === 'string' && COLOR.test(user.color) ? user.color : '#475569';
  const name = typeof user.name === 'string' ? user.name.slice(0, 40) : '';
  const caret = document.createElement('span');
  caret.classList.add('collaboration-carets__caret');
  caret.setAttribute('aria-hidden', 'true');
  caret.style.borderColor = color;
  const label = document.createElement('span');
  label.classList.add('collaboration-carets__label');
  label.style.backgroundColor = color;
  label.textContent = name;
  caret.append(label);
  return caret;
}
