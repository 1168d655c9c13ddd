/**
 * `/dashboard`: the organisation lead's view over every postmortem — learning metrics as charts,
 * the postmortem list and the action-item tracker. Opened with the organisation token, which
 * arrives in the link's fragment (`/dashboard#org=<token>`) or is pasted here once.
 */
import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { ApiError } from '../api/client.ts';
import { navigate } from '../app/router.tsx';
import { ActionTracker } from './ActionTracker.tsx';
import { MetricsPanel } from './MetricsPanel.tsx';
import { forgetOrgToken, loadOrgToken, saveOrgToken, tokenFromFragment } from './org-token.ts';
import { PostmortemList } from './PostmortemList.tsx';
import './dashboard.css';

function TokenForm({ problem, onToken }: { problem: string; onToken: (token: string) => void }) {
  const [value, setValue] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value.trim()) onToken(value.trim());
  };
  return (
    <main className="dashboard dashboard--gate">
      <section className="card dashboard__gate" aria-labelledby="gate-heading">
        <h1 id="gate-heading">Learning dashboard</h1>
        <p>
          The dashboard is for the organisation lead. It opens with the organisation token: the server prints it (with a
          dashboard link) on the start that creates it, and keeps it in <code>DATA_DIR/org-token</code>, or it is the{' '}
          <code>ORG_TOKEN</code> setting.
        </p>
        {problem && (
          <p role="alert" className="form-error">
            {problem}
          </p>
        )}
        <form onSubmit={submit} className="dashboard__gate-form">
          <label className="field">
            <span className="field__label">Organisation token</span>
            <input className="input" type="password" autoComplete="off" value={value} onChange={(e) => setValue(e.target.value)} required />
          </label>
          <button type="submit" className="button button--primary">
            Open the dashboard
          </button>
        </form>
      </section>
    </main>
  );
}

export default function DashboardPage() {
  const [token, setToken] = useState<string | null>(() => tokenFromFragment(location.hash) ?? loadOrgToken());
  const [problem, setProblem] = useState('');

  useEffect(() => {
    document.title = 'Learning dashboard — Second Story';
  }, []);

  // A link with the token (also one pasted into this tab later): keep it, then take it out of the address bar.
  useEffect(() => {
    const take = () => {
      const fromLink = tokenFromFragment(location.hash);
      if (!fromLink) return;
      saveOrgToken(fromLink);
      setProblem('');
      setToken(fromLink);
      navigate('/dashboard', { replace: true });
    };
    take();
    window.addEventListener('hashchange', take);
    return () => window.removeEventListener('hashchange', take);
  }, []);

  const onAuthError = useCallback((error: ApiError) => {
    forgetOrgToken();
    setToken(null);
    setProblem(error.status === 429 ? error.message : 'That is not the organisation token of this server.');
  }, []);

  if (!token) {
    return (
      <TokenForm
        problem={problem}
        onToken={(t) => {
          saveOrgToken(t);
          setProblem('');
          setToken(t);
        }}
      />
    );
  }

  return (
    <div className="dashboard">
      <header className="dashboard__bar">
        <a href="/" className="brand">
          Second Story
        </a>
        <h1>Learning dashboard</h1>
        <button
          type="button"
          className="button button--quiet"
          onClick={() => {
            forgetOrgToken();
            setProblem('');
            setToken(null);
          }}
        >
          Forget the token on this browser
        </button>
      </header>
      <main className="dashboard__main">
        <MetricsPanel token={token} onAuthError={onAuthError} />
        <ActionTracker token={token} onAuthError={onAuthError} />
        <PostmortemList token={token} onAuthError={onAuthError} />
      </main>
    </div>
  );
}
