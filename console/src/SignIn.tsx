// Sign-in: paste a token (`npm run token`), or in development mint one for chosen scopes through the
// gateway's /console/dev-token, which does not exist in production mode.
import { useEffect, useId, useState } from 'react';
import { SetCheckbox } from './fields';
import { type Session, sessionOf } from './session';

const DEV_TOKEN_URL = `${import.meta.env.BASE_URL}dev-token`;

export function SignIn({ onSignIn }: { onSignIn: (session: Session) => void }) {
  const [token, setToken] = useState('');
  const [problem, setProblem] = useState<string>();
  const tokenId = useId();

  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const session = sessionOf(token);
    if (!session)
      return setProblem('That is not a token: paste the output of npm run token (three parts, dot-separated).');
    if (session.expiresAt && session.expiresAt * 1000 < Date.now()) return setProblem('That token has expired.');
    onSignIn(session);
  };

  return (
    <div className="signin">
      <form onSubmit={submit} aria-labelledby={`${tokenId}-title`}>
        <h2 id={`${tokenId}-title`}>Sign in with a token</h2>
        <label htmlFor={tokenId}>Access token</label>
        <textarea
          id={tokenId}
          value={token}
          onChange={(event) => setToken(event.target.value)}
          rows={4}
          spellCheck={false}
          placeholder="Paste the output of: npm run token -- --scopes marketing:read,orders:read"
        />
        {problem && (
          <p className="state error" role="alert">
            {problem}
          </p>
        )}
        <button type="submit">Sign in</button>
      </form>
      <DevMint onSignIn={onSignIn} />
    </div>
  );
}

/** Shown only when the gateway offers the development mint (GET answers 200 with the scopes). */
function DevMint({ onSignIn }: { onSignIn: (session: Session) => void }) {
  const [scopes, setScopes] = useState<Record<string, string>>();
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [subject, setSubject] = useState('console-user');
  const [problem, setProblem] = useState<string>();
  const subjectId = useId();

  useEffect(() => {
    fetch(DEV_TOKEN_URL)
      .then((response) => (response.ok ? response.json() : undefined))
      .then((body: { scopes?: Record<string, string> } | undefined) => {
        if (!body?.scopes) return;
        setScopes(body.scopes);
        setChosen(new Set(Object.keys(body.scopes).filter((scope) => scope !== 'adhoc')));
      })
      .catch(() => undefined);
  }, []);
  if (!scopes) return null;

  const mint = async (event: React.FormEvent) => {
    event.preventDefault();
    setProblem(undefined);
    const response = await fetch(DEV_TOKEN_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ subject, scopes: [...chosen] }),
    });
    const body = await response.json();
    const session = response.ok ? sessionOf(body.token) : undefined;
    if (!session) return setProblem(body.errors?.[0]?.message ?? `The gateway answered ${response.status}`);
    onSignIn(session);
  };

  return (
    <form onSubmit={mint} className="dev-mint">
      <h2>Development: mint a local token</h2>
      <p className="muted">
        Offered by a gateway in development mode only; production tokens come from your identity provider.
      </p>
      <label htmlFor={subjectId}>Subject</label>
      <input id={subjectId} value={subject} onChange={(event) => setSubject(event.target.value)} />
      <fieldset>
        <legend>Scopes</legend>
        {Object.entries(scopes).map(([scope, grants]) => (
          <SetCheckbox key={scope} value={scope} chosen={chosen} onChange={setChosen}>
            <code>{scope}</code> <span className="muted">{grants}</span>
          </SetCheckbox>
        ))}
      </fieldset>
      {problem && (
        <p className="state error" role="alert">
          {problem}
        </p>
      )}
      <button type="submit">Mint token and sign in</button>
    </form>
  );
}
