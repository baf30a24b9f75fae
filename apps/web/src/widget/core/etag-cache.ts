/** The last body seen for each URL with its `ETag`, so a refresh can ask `If-None-Match`. */
export class EtagCache {
  private readonly entries = new Map<string, { etag: string; body: unknown }>();

  get(url: string): { etag: string; body: unknown } | undefined {
    return this.entries.get(url);
  }

  set(url: string, etag: string, body: unknown): void {
    this.entries.set(url, { etag, body });
  }
}
