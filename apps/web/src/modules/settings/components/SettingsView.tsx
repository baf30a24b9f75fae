import { NotificationsPanel } from '../../notifications/components/NotificationsPanel';
import { BlocklistPanel } from './BlocklistPanel';
import { ExportPanel } from './ExportPanel';
import { RulesPanel } from './RulesPanel';
import { SourcesPanel } from './SourcesPanel';

/** Sources, moderation rules, blocklist, notifications and export on one page. */
export function SettingsView() {
  return (
    <div className="settings">
      <h1>Settings</h1>
      <SourcesPanel />
      <RulesPanel />
      <BlocklistPanel />
      <NotificationsPanel />
      <ExportPanel />
    </div>
  );
}
