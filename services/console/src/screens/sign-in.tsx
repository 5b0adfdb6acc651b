import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState, type FormEvent } from 'react';
import { useSession } from '../auth/session-context';
import { TokenError, readToken } from '../auth/session';
import { Field } from '../components/field';

/**
 * Development sign-in: paste a token (the one `npm start` prints, or `npm run token -- --role analyst`).
 * Production signs in with the deployment's OpenID Connect provider instead (docs/console.md).
 */
export function SignIn() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const { next } = useSearch({ from: '/sign-in' });
  const [token, setToken] = useState('');
  const [error, setError] = useState<string>();

  function submit(event: FormEvent) {
    event.preventDefault();
    try {
      signIn(readToken(token));
    } catch (problem) {
      setError(problem instanceof TokenError ? problem.message : 'This token cannot be used.');
      return;
    }
    // Only a path on this site: `next` comes from the URL and must not send the user elsewhere.
    const target = next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
    void navigate({ href: target });
  }

  return (
    <section className="sign-in" aria-labelledby="sign-in-title">
      <h1 id="sign-in-title">Sign in to the Crosswalk console</h1>
      <p>
        Paste an API token. <code>npm start</code> prints a network admin token; <code>npm run token -- --role analyst</code> or{' '}
        <code>--role city_operator --city &lt;cityId&gt;</code> prints others.
      </p>
      <form onSubmit={submit} noValidate>
        <Field label="Token" errors={error ? [error] : undefined}>
          {(props) => (
            <textarea
              {...props}
              name="token"
              rows={4}
              value={token}
              onChange={(e) => setToken(e.target.value)}
              autoComplete="off"
              spellCheck={false}
              required
            />
          )}
        </Field>
        <button type="submit" className="primary">
          Sign in
        </button>
      </form>
    </section>
  );
}
