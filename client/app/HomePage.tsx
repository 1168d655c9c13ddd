/** Home: what the product is, a form to start a postmortem, and the ones made in this browser. */
import { useEffect, useState } from 'react';
import { CreateForm } from './CreateForm.tsx';
import { ImportForm } from './ImportForm.tsx';
import { Link } from './router.tsx';
import { appPath, listSavedPostmortems, type SavedLinks } from './saved.ts';

/** The `/` screen. */
export function HomePage() {
  const [saved] = useState<SavedLinks[]>(() => listSavedPostmortems());
  useEffect(() => {
    document.title = 'Second Story — blameless incident postmortems';
  }, []);

  return (
    <div className="home">
      <header className="home__header">
        <p className="brand">Second Story</p>
      </header>
      <main className="home__main">
        <section className="home__intro" aria-labelledby="home-title">
          <h1 id="home-title">Write the second story of an incident, together.</h1>
          <p className="home__lede">
            A live, shared postmortem that keeps the analysis on the system — the controls, defaults and interfaces
            that made the failure possible — not on the people who were there.
          </p>
        </section>
        <section className="card home__create" aria-labelledby="create-title-heading">
          <h2 id="create-title-heading">Start a postmortem</h2>
          <CreateForm />
        </section>
        <section className="card home__create" aria-labelledby="import-heading">
          <h2 id="import-heading">Import a postmortem</h2>
          <p className="muted">A Markdown postmortem from your repository: the template layout, or headings like Timeline, Root Cause and Action Items.</p>
          <ImportForm />
        </section>
        <section className="home__list" aria-labelledby="yours-heading">
          <h2 id="yours-heading">Your postmortems</h2>
          {saved.length === 0 ? (
            <p className="muted">Postmortems you create in this browser appear here, with their facilitator link.</p>
          ) : (
            <ul className="saved-list">
              {saved.map((entry) => (
                <li key={entry.id} className="saved-list__item">
                  <Link to={appPath(entry.links.facilitator)} className="saved-list__link">
                    {entry.title}
                  </Link>
                  <span className={`badge badge--${entry.severity.toLowerCase()}`}>{entry.severity}</span>
                  <span className="muted saved-list__date">
                    Created {new Date(entry.createdAt).toLocaleDateString(undefined, { dateStyle: 'medium' })}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </main>
    </div>
  );
}
