// Waiting for what the page will show: the browser and the server work while the test waits, so
// a check is retried until it holds or a generous deadline passes (which fails the test, with the
// last value seen). Nothing here asserts how long anything took.

import assert from 'node:assert/strict';

const DEADLINE_MS = 15_000;

/** Retries `check` (which throws or returns false while not yet) until it passes. */
export async function eventually(check, { timeout = DEADLINE_MS, what = 'condition' } = {}) {
  const until = Date.now() + timeout;
  let last;
  for (;;) {
    try {
      const result = await check();
      if (result !== false) return result;
      last = new Error(`${what} not met`);
    } catch (e) {
      last = e;
    }
    if (Date.now() > until) {
      last.message = `after ${timeout / 1000} s: ${last.message}`;
      throw last;
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** The number of elements `locator` matches becomes `count`. */
export function expectCount(locator, count, what = String(locator)) {
  return eventually(async () => assert.equal(await locator.count(), count, `${what}: count`), { what });
}

export function expectVisible(locator, timeout) {
  return locator.first().waitFor({ state: 'visible', timeout: timeout ?? DEADLINE_MS });
}

export function expectHidden(locator, timeout) {
  return locator.first().waitFor({ state: 'hidden', timeout: timeout ?? DEADLINE_MS });
}
