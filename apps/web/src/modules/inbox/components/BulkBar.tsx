import type { InteractionStatus } from '@chorus/shared';
import { StatusActions } from './StatusActions';

interface BulkBarProps {
  count: number;
  allSelected: boolean;
  onSelectAll: (selected: boolean) => void;
  onStatus: (status: InteractionStatus) => void;
  onDelete: () => void;
}

/** Select-all, and the actions for every selected item; sticks to the bottom on phones. */
export function BulkBar({ count, allSelected, onSelectAll, onStatus, onDelete }: BulkBarProps) {
  return (
    <div className="bulk-bar" data-active={count > 0 || undefined}>
      <label className="select-all">
        <input type="checkbox" checked={allSelected} onChange={(event) => onSelectAll(event.target.checked)} />
        <span>{count > 0 ? `${count} selected` : 'Select all'}</span>
      </label>
      {count > 0 && (
        <div role="group" aria-label="Selected interactions">
          <StatusActions status="deleted" onStatus={onStatus} onDelete={onDelete} compact />
        </div>
      )}
    </div>
  );
}
