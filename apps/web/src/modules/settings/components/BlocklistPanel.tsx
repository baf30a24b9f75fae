import { useState, type FormEvent } from 'react';
import { api } from '../../api/api';
import { errorMessage } from '../../api/api-error';
import type { BlockAction } from '../../api/api-types';
import { useLoaded } from '../hooks/useLoaded';
import { formField } from '../../app/utils/form-field';

const ACTION_LABELS: Record<BlockAction, string> = { drop: 'dropped', spam: 'marked as spam' };

/** Domains and author URLs whose interactions are dropped or marked spam. */
export function BlocklistPanel() {
  const { value: entries, error: loadError, set } = useLoaded(() => api.listBlocklist());
  const [error, setError] = useState<string | null>(null);

  const run = async (change: () => Promise<unknown>) => {
    setError(null);
    try {
      await change();
      set(await api.listBlocklist());
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    }
  };

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const value = formField(form, 'value');
    const action = formField(form, 'action') === 'spam' ? 'spam' : 'drop';
    if (await run(() => api.addBlocklist({ value, action }))) form.reset();
  };

  return (
    <section className="card" aria-labelledby="blocklist-title">
      <h2 id="blocklist-title">Blocklist</h2>
      {(loadError ?? error) && (
        <p className="form-error" role="alert">
          {loadError ?? error}
        </p>
      )}
      <ul className="editable-list" aria-label="Blocked">
        {entries?.map((entry) => (
          <li key={entry.id}>
            <span>
              <code>{entry.value}</code> <span className="muted">— {ACTION_LABELS[entry.action]}</span>
            </span>
            <button
              type="button"
              className="button subtle"
              aria-label={`Unblock ${entry.value}`}
              onClick={() => void run(() => api.removeBlocklist(entry.id))}
            >
              Unblock
            </button>
          </li>
        ))}
        {entries?.length === 0 && <li className="muted">Nobody is blocked.</li>}
      </ul>
      <form className="grid-form" onSubmit={(event) => void add(event)} aria-label="Block a domain or author">
        <label>
          <span>Domain or author URL</span>
          <input name="value" type="text" required placeholder="spam.example" />
        </label>
        <label>
          <span>Their interactions are</span>
          <select name="action" defaultValue="drop">
            <option value="drop">Dropped</option>
            <option value="spam">Marked as spam</option>
          </select>
        </label>
        <button type="submit" className="button primary">
          Block
        </button>
      </form>
    </section>
  );
}
