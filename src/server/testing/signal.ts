/**
 * A promise another part of a test resolves, for tests that hold a transaction open while another runs:
 * one side waits (`await held.promise`), the other says go (`held.resolve()`).
 */
export function signal() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
