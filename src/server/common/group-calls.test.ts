import { describe, expect, it } from 'vitest';
import { groupCalls, groupedPer } from './group-calls';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('groupCalls', () => {
  it('runs a lone call at once, and serves calls that arrive meanwhile as one group, in order', async () => {
    const groups: number[][] = [];
    const double = groupCalls(
      async (items: number[]) => {
        groups.push(items);
        await tick();
        return items.map((n) => n * 2);
      },
      { max: 3 },
    );
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => double(n)));
    expect(results).toEqual([2, 4, 6, 8, 10, 12]);
    expect(groups).toEqual([[1], [2, 3, 4], [5, 6]]);
    expect(await double(7)).toBe(14);
    expect(groups.at(-1)).toEqual([7]);
  });

  it('runs at most `parallel` groups at once', async () => {
    let running = 0;
    let most = 0;
    const call = groupCalls(
      async (items: number[]) => {
        running++;
        most = Math.max(most, running);
        await tick();
        running--;
        return items;
      },
      { max: 2, parallel: 2 },
    );
    await Promise.all(Array.from({ length: 20 }, (_, i) => call(i)));
    expect(most).toBe(2);
  });

  it('when a group fails, each item runs again alone: one bad item fails only itself', async () => {
    const groups: number[][] = [];
    const call = groupCalls(
      async (items: number[]) => {
        groups.push(items);
        await tick();
        if (items.includes(3)) throw new Error('bad item 3');
        return items.map((n) => n + 100);
      },
      { max: 10 },
    );
    const results = await Promise.allSettled([1, 2, 3, 4].map((n) => call(n)));
    expect(results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message))).toEqual([
      101,
      102,
      'bad item 3',
      104,
    ]);
    expect(groups).toEqual([[1], [2, 3, 4], [2], [3], [4]]);
  });

  it('a result count that does not match the group is an error, not a wrong answer', async () => {
    const call = groupCalls(async (items: number[]) => items.slice(1), { max: 5 });
    await expect(call(1)).rejects.toThrow('wrong number of results');
  });

  it('keeps one grouped function per key', async () => {
    const seen: string[][] = [];
    const call = groupedPer((key: { name: string }) =>
      groupCalls(
        async (items: string[]) => {
          seen.push(items.map((i) => `${key.name}:${i}`));
          await tick();
          return items;
        },
        { max: 10 },
      ),
    );
    const a = { name: 'a' };
    const b = { name: 'b' };
    await Promise.all([call(a, '1'), call(b, '1'), call(a, '2'), call(a, '3')]);
    expect(seen).toEqual([['a:1'], ['b:1'], ['a:2', 'a:3']]);
  });
});
