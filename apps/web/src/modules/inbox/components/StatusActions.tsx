import type { InteractionStatus } from '@chorus/shared';

interface StatusActionsProps {
  status: InteractionStatus;
  onStatus: (status: InteractionStatus) => void;
  onDelete?: () => void;
  compact?: boolean;
}

const ACTIONS: { status: InteractionStatus; label: string; key: string }[] = [
  { status: 'approved', label: 'Approve', key: 'a' },
  { status: 'rejected', label: 'Reject', key: 'r' },
  { status: 'spam', label: 'Spam', key: 's' },
  { status: 'pending', label: 'Back to pending', key: '' },
];

/** The moderation buttons; the one for the current status is left out. */
export function StatusActions({ status, onStatus, onDelete, compact = false }: StatusActionsProps) {
  const actions = ACTIONS.filter((action) => action.status !== status && !(compact && action.status === 'pending'));
  return (
    <div className="actions" role="group" aria-label="Moderate">
      {actions.map((action) => (
        <button
          key={action.status}
          type="button"
          className={`button action-${action.status}`}
          aria-keyshortcuts={action.key || undefined}
          onClick={() => onStatus(action.status)}
        >
          {action.label}
        </button>
      ))}
      {onDelete && (
        <button type="button" className="button action-delete" onClick={onDelete}>
          Delete
        </button>
      )}
    </div>
  );
}
