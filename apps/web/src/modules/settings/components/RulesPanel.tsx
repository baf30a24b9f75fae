import { INTERACTION_KINDS, INTERACTION_SOURCES, type InteractionKind, type InteractionSource } from '@chorus/shared';
import { useState, type FormEvent } from 'react';
import { api } from '../../api/api';
import { errorMessage } from '../../api/api-error';
import type { AutoApproveRule } from '../../api/api-types';
import { KIND_LABELS, SOURCE_LABELS } from '../../inbox/utils/labels';
import { useLoaded } from '../hooks/useLoaded';
import { formField } from '../../app/utils/form-field';
import { LabelledOptions } from '../../inbox/components/LabelledOptions';

function describeRule(rule: AutoApproveRule): string {
  const kind = rule.kind ? `${KIND_LABELS[rule.kind]}s` : 'Everything';
  const source = rule.source ? ` from ${SOURCE_LABELS[rule.source]}` : '';
  const author = rule.author ? ` by ${rule.author}` : '';
  return `${kind}${source}${author}`;
}

/** Auto-approve rules: what skips the pending queue. Saved as a whole list. */
export function RulesPanel() {
  const { value: rules, error: loadError, set } = useLoaded(() => api.getRules());
  const [error, setError] = useState<string | null>(null);

  const save = async (next: AutoApproveRule[]) => {
    setError(null);
    try {
      set(await api.putRules(next));
      return true;
    } catch (failure) {
      setError(errorMessage(failure));
      return false;
    }
  };

  const add = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    const rule: AutoApproveRule = {
      source: (formField(form, 'source') || null) as InteractionSource | null,
      kind: (formField(form, 'kind') || null) as InteractionKind | null,
      author: formField(form, 'author') || null,
      note: null,
    };
    if (await save([...(rules ?? []), rule])) form.reset();
  };

  return (
    <section className="card" aria-labelledby="rules-title">
      <h2 id="rules-title">Auto-approve rules</h2>
      <p className="muted">Interactions that match a rule are approved as they arrive. Empty fields match anything.</p>
      {(loadError ?? error) && (
        <p className="form-error" role="alert">
          {loadError ?? error}
        </p>
      )}
      <ul className="editable-list" aria-label="Rules">
        {rules?.map((rule, index) => (
          <li key={`${index}-${describeRule(rule)}`}>
            <span>{describeRule(rule)}</span>
            <button
              type="button"
              className="button subtle"
              aria-label={`Remove rule: ${describeRule(rule)}`}
              onClick={() => void save(rules.filter((_, other) => other !== index))}
            >
              Remove
            </button>
          </li>
        ))}
        {rules?.length === 0 && <li className="muted">No rules: everything waits for you.</li>}
      </ul>
      <form className="grid-form" onSubmit={(event) => void add(event)} aria-label="Add a rule">
        <label>
          <span>Kind</span>
          <select name="kind" defaultValue="">
            <option value="">Any kind</option>
            <LabelledOptions values={INTERACTION_KINDS} labels={KIND_LABELS} />
          </select>
        </label>
        <label>
          <span>Source</span>
          <select name="source" defaultValue="">
            <option value="">Any source</option>
            <LabelledOptions values={INTERACTION_SOURCES} labels={SOURCE_LABELS} />
          </select>
        </label>
        <label>
          <span>Trusted author (domain or URL)</span>
          <input name="author" type="text" placeholder="alice.example" />
        </label>
        <button type="submit" className="button primary">
          Add rule
        </button>
      </form>
    </section>
  );
}
