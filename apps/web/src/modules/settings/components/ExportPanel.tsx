import { api } from '../../api/api';

/** Download links for a full export. */
export function ExportPanel() {
  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Export</h2>
      <p>All interactions, every status, with their moderation state.</p>
      <p className="button-row">
        <a className="button" href={api.exportUrl('json')} download="chorus-interactions.json">
          Download JSON
        </a>
        <a className="button" href={api.exportUrl('jf2')} download="chorus-interactions.jf2.json">
          Download JF2
        </a>
      </p>
    </section>
  );
}
