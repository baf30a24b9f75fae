/**
 * The paths under which an instance shows one of its statuses: Mastodon's public page
 * (`/@user/123`, also `/@user@remote/123` for a remote author), its ActivityPub id
 * (`/users/user/statuses/123`), the web app (`/web/statuses/123`, `/web/@user/123`) and
 * Pleroma/Akkoma's `/notice/<id>`.
 */
const STATUS_PATHS = [
  /^\/@[^/]+\/([0-9A-Za-z]+)$/,
  /^\/users\/[^/]+\/statuses\/([0-9A-Za-z]+)$/,
  /^\/web\/statuses\/([0-9A-Za-z]+)$/,
  /^\/web\/@[^/]+\/([0-9A-Za-z]+)$/,
  /^\/notice\/([0-9A-Za-z]+)$/,
];

/**
 * The local status id in a toot URL of the owner's instance, or null when the URL is not one. Ids
 * only mean something on the instance that issued them, so URLs of other hosts give null.
 */
export function tootIdFromUrl(tootUrl: string, instanceBaseUrl: string): string | null {
  let toot: URL;
  let instance: URL;
  try {
    toot = new URL(tootUrl.trim());
    instance = new URL(instanceBaseUrl);
  } catch {
    return null;
  }
  if (toot.host !== instance.host) return null;
  const path = toot.pathname.replace(/%40/gi, '@').replace(/\/+$/, '');
  for (const pattern of STATUS_PATHS) {
    const id = pattern.exec(path)?.[1];
    if (id) return id;
  }
  return null;
}
