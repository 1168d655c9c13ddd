/** A centred, full-page message: loading, bad link, unknown postmortem. */
import type { ReactNode } from 'react';
import { Link } from './router.tsx';

interface Props {
  title: string;
  children?: ReactNode;
  /** Shows a spinner and marks the region busy. */
  busy?: boolean;
  /** Offers a way back to the home page. */
  action?: 'home';
  /** Extra content below the message (e.g. the connection indicator). */
  footer?: ReactNode;
}

/** Full-page message with an optional way home. */
export function FullPageMessage({ title, children, busy = false, action, footer }: Props) {
  return (
    <main className="full-page" aria-busy={busy}>
      <div className="full-page__card">
        <p className="full-page__brand">
          <Link to="/">Second Story</Link>
        </p>
        {busy && <span className="spinner" aria-hidden="true" />}
        <h1 className="full-page__title">{title}</h1>
        {children && <div className="full-page__body">{children}</div>}
        {action === 'home' && (
          <p>
            <Link className="button button--primary" to="/">
              Go to the home page
            </Link>
          </p>
        )}
        {footer}
      </div>
    </main>
  );
}
