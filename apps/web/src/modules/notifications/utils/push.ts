import type { ApiClient } from '../../api/api-client';
import { base64UrlToBytes } from './base64url';

export type PushState = 'unsupported' | 'denied' | 'off' | 'on';

function supported(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function currentSubscription(): Promise<PushSubscription | null> {
  const registration = await navigator.serviceWorker.ready;
  return registration.pushManager.getSubscription();
}

export async function pushState(): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'denied';
  return (await currentSubscription()) ? 'on' : 'off';
}

/** Asks permission, subscribes this browser with the hub's VAPID key and stores the subscription. */
export async function enablePush(api: ApiClient): Promise<PushState> {
  if (!supported()) return 'unsupported';
  if ((await Notification.requestPermission()) !== 'granted') return 'denied';
  const registration = await navigator.serviceWorker.ready;
  const key = await api.pushKey();
  const subscription = await registration.pushManager.subscribe({
    userVisibleOnly: true,
    applicationServerKey: base64UrlToBytes(key),
  });
  await api.addPushSubscription(subscription.toJSON());
  return 'on';
}

export async function disablePush(api: ApiClient): Promise<PushState> {
  const subscription = await currentSubscription();
  if (subscription) {
    await api.removePushSubscription(subscription.endpoint);
    await subscription.unsubscribe();
  }
  return 'off';
}
