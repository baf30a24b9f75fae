import { api } from '../../api/api';
import type { SourceState, SourceStatus } from '../../api/api-types';
import { useLoaded } from '../hooks/useLoaded';
import { formatDetail, humanizeKey } from '../utils/details';

const STATE_LABELS: Record<SourceState, string> = { ok: 'Working', not_configured: 'Not configured', error: 'Needs attention' };

/** Each source's health, with the exact fix when something is wrong. */
export function SourcesPanel() {
  const { value: sources, error, loading } = useLoaded(() => api.sources());
  return (
    <section className="card" aria-labelledby="sources-title">
      <h2 id="sources-title">Sources</h2>
      {loading && <p className="muted">Loading…</p>}
      {error && (
        <p className="form-error" role="alert">
          {error}
        </p>
      )}
      <ul className="sources">{sources?.map((source) => <SourceCard key={source.id} source={source} />)}</ul>
    </section>
  );
}

function SourceCard({ source }: { source: SourceStatus }) {
  return (
    <li className="source" data-state={source.state} aria-labelledby={`source-${source.id}`}>
      <h3 id={`source-${source.id}`}>
        {source.displayName} <span className={`badge state-${source.state}`}>{STATE_LABELS[source.state]}</span>
      </h3>
      {source.message && <p>{source.message}</p>}
      {source.fix && source.state !== 'ok' && (
        <p className="fix">
          <strong>How to fix: </strong>
          {source.fix}
        </p>
      )}
      {Object.keys(source.details).length > 0 && (
        <dl className="facts">
          {Object.entries(source.details).map(([key, value]) => (
            <div key={key}>
              <dt>{humanizeKey(key)}</dt>
              <dd>
                <code>{formatDetail(value)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
