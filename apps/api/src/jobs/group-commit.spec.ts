import { describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';

describe(GroupCommit.name, () => {
  it('should write what arrives while a write runs as one next batch, and answer each item with its own result', async () => {
    // Arrange
    const batches: number[][] = [];
    let finishFirst: () => void = () => undefined;
    const commit = new GroupCommit<number, string>(async (items) => {
      batches.push(items);
      if (batches.length === 1) await new Promise<void>((resolve) => (finishFirst = resolve));
      return items.map((item) => `#${item}`);
    }, 100);

    // Act
    const first = commit.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((item) => commit.submit(item));
    finishFirst();
    const results = await Promise.all([first, ...later]);

    // Assert
    expect(batches).toEqual([[1], [2, 3, 4]]);
    expect(results).toEqual(['#1', '#2', '#3', '#4']);
  });

  it('should split a backlog into batches of at most the maximum size', async () => {
    const batches: number[][] = [];
    const commit = new GroupCommit<number, number>((items) => Promise.resolve(void batches.push(items)).then(() => items), 2);
    await Promise.all([1, 2, 3, 4, 5].map((item) => commit.submit(item)));
    expect(batches).toEqual([[1, 2], [3, 4], [5]]);
  });

  it('should fail every item of a batch whose write fails, and still write the next batch', async () => {
    // Arrange
    let calls = 0;
    const commit = new GroupCommit<number, number>((items) => (++calls === 1 ? Promise.reject(new Error('disk full')) : Promise.resolve(items)), 10);

    // Act
    const failed = await Promise.allSettled([commit.submit(1), commit.submit(2)]);
    const next = await commit.submit(3);

    // Assert
    expect(failed.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect((failed[0] as PromiseRejectedResult).reason).toEqual(new Error('disk full'));
    expect(next).toBe(3);
  });
});
