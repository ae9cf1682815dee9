import { type FormEvent, useId, useState } from 'react';
import { errorText } from '../../../lib/api-error';
import type { SessionUser } from '../../../lib/token';
import { login } from '../api/login';
import { useAuth } from '../auth-provider';

/**
 * ID and password (contract 7.B); the button stays disabled until both are filled and the
 * server's `message` is shown on failure. Plain elements styled by login.css: this form is the
 * first thing anyone downloads, and MUI would triple its weight.
 */
export function LoginForm({ onSuccess }: { onSuccess: (user: SessionUser) => void }) {
  const { signIn } = useAuth();
  const ids = { id: useId(), password: useId(), error: useId() };
  const [id, setId] = useState('');
  const [password, setPassword] = useState('');
  const [shown, setShown] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (id.trim() === '' || password === '' || pending) return;
    setError(null);
    setPending(true);
    try {
      const data = await login({ id: id.trim(), password });
      const user = typeof data?.access_token === 'string' ? signIn(data.access_token) : null;
      if (user === null) setError('The server sent a token this app cannot read.');
      else onSuccess(user);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <form className="cp-form" onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
      {error !== null && (
        <div className="cp-alert cp-alert-error" role="alert" id={ids.error}>
          {error}
        </div>
      )}
      <div className="cp-field">
        <label htmlFor={ids.id}>ID</label>
        <input
          id={ids.id}
          name="id"
          value={id}
          onChange={(e) => setId(e.target.value)}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          required
          // biome-ignore lint/a11y/noAutofocus: the login form is the page's only task
          autoFocus
          aria-describedby={error !== null ? ids.error : undefined}
        />
      </div>
      <div className="cp-field">
        <label htmlFor={ids.password}>Password</label>
        <span className="cp-password">
          <input
            id={ids.password}
            name="password"
            type={shown ? 'text' : 'password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            autoComplete="current-password"
            required
          />
          <button
            type="button"
            className="cp-text-button"
            onClick={() => setShown((s) => !s)}
            aria-pressed={shown}
            aria-label={shown ? 'Hide password' : 'Show password'}
          >
            {shown ? 'Hide' : 'Show'}
          </button>
        </span>
      </div>
      <button type="submit" className="cp-button" disabled={id.trim() === '' || password === '' || pending}>
        {pending ? 'Signing in…' : 'Sign In'}
      </button>
    </form>
  );
}
