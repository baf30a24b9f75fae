import { describe, expect, it } from 'vitest';
import type { ChorusConfig } from '../config/config';
import type { ClusterBus } from '../events/cluster-bus.service';
import { hostTag, postTag, ReadCache } from './read-cache.service';

function cache(bytes: number) {
  return new ReadCache({ cacheBytes: bytes } as ChorusConfig, { on: () => () => undefined } as unknown as ClusterBus);
}

const answer = (body: string) => () => Promise.resolve({ body, contentType: 'application/json' });

describe(ReadCache.name, () => {
  it('should compute once and answer later calls from memory with a stable ETag', async () => {
    const reads = cache(1000);
    let computed = 0;
    const compute = () => Promise.resolve({ body: `{"n":${++computed}}`, contentType: 'application/json' });
    const first = await reads.get('a', [postTag('blog.example/a')], compute);
    const second = await reads.get('a', [postTag('blog.example/a')], compute);
    expect(second.body.toString()).toBe('{"n":1}');
    expect(second.etag).toBe(first.etag);
    expect(computed).toBe(1);
  });

  it('should drop the entries of a changed post and of its host, and keep the others', async () => {
    const reads = cache(1000);
    await reads.get('post-a', [postTag('blog.example/a')], answer('a'));
    await reads.get('post-b', [postTag('blog.example/b')], answer('b'));
    await reads.get('domain', [hostTag('blog.example')], answer('all'));
    reads.invalidate(['blog.example/a']);
    expect((await reads.get('post-a', [], answer('a2'))).body.toString()).toBe('a2');
    expect((await reads.get('domain', [], answer('all2'))).body.toString()).toBe('all2');
    expect((await reads.get('post-b', [], answer('b2'))).body.toString()).toBe('b');
  });

  it('should not cache an answer computed while a write invalidated it', async () => {
    const reads = cache(1000);
    await reads.get('a', [postTag('k')], () => {
      reads.invalidate(['k']);
      return Promise.resolve({ body: 'stale', contentType: 'text/plain' });
    });
    expect((await reads.get('a', [postTag('k')], answer('fresh'))).body.toString()).toBe('fresh');
  });

  it('should evict the least recently used entries to stay within its byte budget', async () => {
    const reads = cache(30);
    await reads.get('a', [], answer('a'.repeat(7)));
    await reads.get('b', [], answer('b'.repeat(7)));
    await reads.get('c', [], answer('c'.repeat(7)));
    await reads.get('a', [], answer('new a'));
    await reads.get('d', [], answer('d'.repeat(7)));
    await reads.get('e', [], answer('e'.repeat(7)));
    expect((await reads.get('a', [], answer('miss'))).body.toString()).toBe('a'.repeat(7));
    expect((await reads.get('b', [], answer('miss'))).body.toString()).toBe('miss');
  });
});
