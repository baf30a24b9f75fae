import type { RefObject } from 'react';

const SHORTCUTS: [string, string][] = [
  ['j / k', 'Next / previous interaction'],
  ['Enter', 'Open the focused interaction'],
  ['a', 'Approve'],
  ['r', 'Reject'],
  ['s', 'Mark as spam'],
  ['x', 'Select or unselect'],
  ['/', 'Search'],
  ['?', 'This help'],
];

/** The `?` dialog. A native `<dialog>` gives focus trapping and Escape for free. */
export function KeyboardHelp({ dialogRef }: { dialogRef: RefObject<HTMLDialogElement | null> }) {
  return (
    <dialog ref={dialogRef} className="card help-dialog" aria-labelledby="shortcuts-title">
      <h2 id="shortcuts-title">Keyboard shortcuts</h2>
      <p>a, r and s act on the selected interactions, or on the focused one when none is selected.</p>
      <dl className="shortcuts">
        {SHORTCUTS.map(([keys, what]) => (
          <div key={keys}>
            <dt>
              <kbd>{keys}</kbd>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
      <form method="dialog">
        <button type="submit" className="button primary">
          Close
        </button>
      </form>
    </dialog>
  );
}
