import { useState, type FormEvent } from 'react';
import { api } from '../../api/api';
import type { SetupInfo } from '../../api/api-types';
import { errorMessage } from '../../api/api-error';
import { setSignedIn } from '../hooks/useSession';
import { formField } from '../../app/utils/form-field';

interface LoginScreenProps {
  setup: SetupInfo | null;
}

/** Password login, with the first-start explanation of where the password comes from. */
export function LoginScreen({ setup }: LoginScreenProps) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const onSubmit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const password = formField(event.currentTarget, 'password');
    setBusy(true);
    setError(null);
    try {
      await api.login(password);
      setSignedIn();
    } catch (failure) {
      setError(errorMessage(failure));
      setBusy(false);
    }
  };

  return (
    <main id="main" className="login">
      <h1 className="brand">
        <img src="/icons/icon.svg" alt="" width="40" height="40" /> Chorus
      </h1>
      <form className="card login-form" onSubmit={(event) => void onSubmit(event)} aria-describedby="first-start">
        <label htmlFor="password">Admin password</label>
        <input id="password" name="password" type="password" autoComplete="current-password" required autoFocus />
        {error && (
          <p className="form-error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy}>
          {busy ? 'Logging in…' : 'Log in'}
        </button>
      </form>
      <FirstStartHelp setup={setup} />
    </main>
  );
}

function FirstStartHelp({ setup }: LoginScreenProps) {
  return (
    <section id="first-start" className="card help" aria-labelledby="first-start-title">
      <h2 id="first-start-title">Where is the password?</h2>
      {setup?.passwordGenerated ? (
        <p>
          On its first start Chorus generated a password and printed it <strong>once</strong> in the server log (the
          line starting with “admin password”). Only a hash is kept in <code>{setup.dataDir}</code>.
        </p>
      ) : (
        <p>
          The password is the value of <code>CHORUS_ADMIN_PASSWORD</code> in the server’s environment (or{' '}
          <code>chorus.config.json</code>).
        </p>
      )}
      <p>
        To choose your own, set <code>CHORUS_ADMIN_PASSWORD</code> (environment variable, <code>.env</code>, or{' '}
        <code>--admin-password</code>) and restart Chorus.
      </p>
    </section>
  );
}
