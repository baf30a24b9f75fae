import { INTERACTION_SOURCES, type InteractionSource } from '@chorus/shared';
import { useEffect, useState } from 'react';
import { api } from '../../api/api';
import { errorMessage } from '../../api/api-error';
import type { NotificationSettings } from '../../api/api-types';
import { SOURCE_LABELS } from '../../inbox/utils/labels';
import { useLoaded } from '../../settings/hooks/useLoaded';
import { disablePush, enablePush, pushState, type PushState } from '../utils/push';

const PUSH_TEXT: Record<PushState, string> = {
  unsupported: 'This browser cannot receive push notifications (on iPhone, add Chorus to the home screen first).',
  denied: 'Notifications are blocked for this site. Allow them in the browser’s site settings, then try again.',
  off: 'This device does not receive notifications.',
  on: 'This device is notified about new pending interactions.',
};

/** Web Push on this device, and which sources notify at all. */
export function NotificationsPanel() {
  const [push, setPush] = useState<PushState | null>(null);
  const [error, setError] = useState<string | null>(null);
  const { value: settings, error: loadError, set } = useLoaded(() => api.getNotifications());
  const devices = useLoaded(() => api.listPushSubscriptions());

  useEffect(() => {
    let current = true;
    pushState().then(
      (state) => current && setPush(state),
      () => current && setPush('unsupported'),
    );
    return () => {
      current = false;
    };
  }, []);

  const run = async (change: () => Promise<void>) => {
    setError(null);
    try {
      await change();
    } catch (failure) {
      setError(errorMessage(failure));
    }
  };

  const toggleSource = (source: InteractionSource, enabled: boolean) =>
    run(async () => {
      if (!settings) return;
      const next: NotificationSettings = { sources: { ...settings.sources, [source]: enabled } };
      set(await api.putNotifications(next));
    });

  return (
    <section className="card" aria-labelledby="notifications-title">
      <h2 id="notifications-title">Notifications</h2>
      <p>{push ? PUSH_TEXT[push] : 'Checking…'}</p>
      {(push === 'off' || push === 'on') && (
        <button
          type="button"
          className="button primary"
          onClick={() =>
            void run(async () => {
              setPush(push === 'on' ? await disablePush(api) : await enablePush(api));
              devices.set(await api.listPushSubscriptions());
            })
          }
        >
          {push === 'on' ? 'Turn off on this device' : 'Notify me on this device'}
        </button>
      )}
      {devices.value && <p>{deviceCount(devices.value.length)}</p>}
      {(error ?? loadError) && (
        <p className="form-error" role="alert">
          {error ?? loadError}
        </p>
      )}
      {settings && (
        <fieldset className="switches">
          <legend>Notify about new pending interactions from</legend>
          {INTERACTION_SOURCES.map((source) => (
            <label key={source} className="switch">
              <input
                type="checkbox"
                role="switch"
                checked={settings.sources[source]}
                onChange={(event) => void toggleSource(source, event.target.checked)}
              />
              <span>{SOURCE_LABELS[source]}</span>
            </label>
          ))}
        </fieldset>
      )}
    </section>
  );
}

function deviceCount(count: number): string {
  if (count === 0) return 'No device receives notifications yet.';
  return `Notifications go to ${count} ${count === 1 ? 'device' : 'devices'}.`;
}
