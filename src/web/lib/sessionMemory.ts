/**
 * What pages remember for the rest of a browser tab's session (the archive list's last filters), kept
 * under one prefix so that signing in or out clears it: the next user of the tab does not find the
 * previous user's searches behind a back arrow.
 */
export const SESSION_MEMORY_PREFIX = 'bangfu.memory.';

const forgetters: (() => void)[] = [];

/** A page's in-memory copy of what it keeps under the prefix, forgotten with it. */
export function onSessionMemoryCleared(forget: () => void): void {
  forgetters.push(forget);
}

export function clearSessionMemory(): void {
  try {
    for (let i = sessionStorage.length - 1; i >= 0; i--) {
      const key = sessionStorage.key(i);
      if (key?.startsWith(SESSION_MEMORY_PREFIX)) sessionStorage.removeItem(key);
    }
  } catch {
    // No storage (private mode): nothing was kept there.
  }
  for (const forget of forgetters) forget();
}
