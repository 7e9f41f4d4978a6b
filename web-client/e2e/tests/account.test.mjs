// The web client's account features against the real service: the session kept across a reload by
// the HttpOnly refresh cookie and renewed silently, the sessions page, blocking, and logging out.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer } from '../lib/server.mjs';
import { keepEvidence, launch, logIn, person, register, unique } from '../lib/browser.mjs';
import { eventually, expectCount, expectHidden, expectVisible } from '../lib/wait.mjs';

let server;
let browser;
const people = [];

async function someone(name, options) {
  const who = await person(browser, server.baseUrl, name, options);
  who.context.setDefaultTimeout(15_000);
  people.push(who);
  return who;
}

function step(name, body) {
  test(name, async () => {
    try {
      await body();
    } catch (e) {
      await keepEvidence(name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60), people);
      throw e;
    }
  });
}

const loggedIn = (who) => who.page.getByRole('button', { name: 'Log out' });
const loginForm = (who) => who.page.getByRole('button', { name: 'Log in', exact: true });

describe('account, sessions and blocking in the browser', { timeout: 100_000 }, () => {
  before(async () => {
    // one at a time, so that after() can close whichever started when the other failed
    browser = await launch();
    server = await ChatServer.start();
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  step('a reload keeps the session through the HttpOnly cookie; tokens are renewed silently, and after a 401', async () => {
    const dana = await someone('dana');
    // fake timers from the start, so that the renewal (a minute before the access token's 15 minutes
    // end) can be brought forward instead of waited for
    await dana.page.clock.install();
    await register(dana, unique('dana'));

    const cookies = await dana.context.cookies();
    const refresh = cookies.find((c) => c.name === 'chat_refresh');
    assert.ok(refresh, 'the refresh cookie is set');
    assert.equal(refresh.httpOnly, true);
    assert.equal(refresh.sameSite, 'Strict');
    assert.equal(refresh.path, '/token/refresh');
    assert.equal(await dana.page.evaluate(() => document.cookie), '', 'no script can read it');

    await dana.page.reload();
    await expectVisible(loggedIn(dana));
    assert.equal(await loginForm(dana).count(), 0);

    const refreshCookie = async () => (await dana.context.cookies()).find((c) => c.name === 'chat_refresh')?.value;
    const searched = (query) => Promise.all([
      dana.page.waitForResponse((r) => r.url().includes('/users/search') && r.status() === 200),
      dana.page.getByRole('searchbox', { name: 'Search users' }).fill(query),
    ]);
    await searched('nobody_at_all');
    const before = await refreshCookie();
    const renewed = dana.page.waitForResponse((r) => r.url().endsWith('/token/refresh') && r.status() === 200);
    await dana.page.clock.fastForward('14:30');
    await renewed;
    // the refresh token rotated (the cookie holds the next one), and requests go on being answered
    assert.notEqual(await refreshCookie(), before);
    await searched('nobody_else');

    // a 401 (as for a token that expired while the page slept): renewed once, the request tried again
    let refused = 0;
    await dana.page.route('**/users/search?**', async (route) => {
      if (refused++ === 0) {
        await route.fulfill({ status: 401, contentType: 'application/json', body: '{"detail":"Could not validate credentials"}',
          headers: { 'WWW-Authenticate': 'Bearer' } });
      } else {
        await route.continue();
      }
    });
    const again = dana.page.waitForResponse((r) => r.url().endsWith('/token/refresh') && r.status() === 200);
    await dana.page.getByRole('searchbox', { name: 'Search users' }).fill(dana.username);
    await again;
    await expectVisible(dana.page.locator('.results-section').getByText('No one found.'));
    assert.equal(refused, 2);
    await expectVisible(loggedIn(dana));
    assert.deepEqual(dana.errors, []);
  });

  step('the sessions page lists the devices and logs the others out', async () => {
    const here = await someone('erin-laptop');
    const phone = await someone('erin-phone', { viewport: { width: 360, height: 740 } });
    await register(here, unique('erin'));
    await phone.page.goto('/app/');
    await logIn(phone, here.username);

    await here.page.getByRole('button', { name: 'Sessions' }).click();
    await expectCount(here.page.locator('li.session'), 2);
    await expectVisible(here.page.locator('li.session.current').getByText('This device'));
    await here.page.getByRole('button', { name: /^End session/ }).click();
    await expectVisible(phone.page.getByText('This session was ended'));
    await expectVisible(loginForm(phone));
    await expectCount(here.page.locator('li.session'), 1);

    await logIn(phone, here.username);
    const third = await someone('erin-tablet');
    await third.page.goto('/app/');
    await logIn(third, here.username);
    // asking for the page again reads the list again
    await here.page.getByRole('button', { name: 'Sessions' }).click();
    await expectCount(here.page.locator('li.session'), 3);
    await here.page.getByRole('button', { name: 'Log out other sessions' }).click();
    await expectVisible(loginForm(phone));
    await expectVisible(loginForm(third));
    await expectCount(here.page.locator('li.session'), 1);
    await expectVisible(loggedIn(here));
  });

  step('blocking from the conversation header stops messages both ways, unblocking lets them through', async () => {
    const frank = await someone('frank');
    const gina = await someone('gina');
    await Promise.all([register(frank, unique('frank')), register(gina, unique('gina'))]);
    await frank.page.getByRole('searchbox', { name: 'Search users' }).fill(gina.username);
    await frank.page.getByRole('button', { name: gina.username, exact: true }).click();
    await frank.page.getByRole('textbox', { name: 'Message' }).fill('Hi Gina');
    await frank.page.getByRole('button', { name: 'Send', exact: true }).click();
    await gina.page.getByRole('button', { name: frank.username, exact: true }).click();
    await expectVisible(gina.page.locator('li.msg .text', { hasText: 'Hi Gina' }));

    await gina.page.getByRole('button', { name: 'Block', exact: true }).click();
    await expectVisible(gina.page.getByRole('button', { name: 'Unblock', exact: true }));
    assert.equal(await gina.page.getByRole('textbox', { name: 'Message' }).isDisabled(), true);

    await frank.page.getByRole('textbox', { name: 'Message' }).fill('Are you there?');
    await frank.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expectVisible(frank.page.locator('.failed-row', { hasText: 'Not sent: You cannot message this user' }));
    assert.equal(await gina.page.locator('li.msg .text', { hasText: 'Are you there?' }).count(), 0);

    await gina.page.getByRole('button', { name: 'Unblock', exact: true }).click();
    await expectVisible(gina.page.getByRole('button', { name: 'Block', exact: true }));
    await frank.page.getByRole('button', { name: 'Retry' }).click();
    await expectCount(gina.page.locator('li.msg .text', { hasText: 'Are you there?' }), 1);
    await expectCount(frank.page.locator('.failed-row'), 0);
  });

  step('logging out ends the session: a reload shows the login form', async () => {
    const hugo = await someone('hugo');
    await register(hugo, unique('hugo'));
    await hugo.page.getByRole('button', { name: 'Log out' }).click();
    await expectVisible(loginForm(hugo));
    await hugo.page.reload();
    await expectVisible(loginForm(hugo));
    await eventually(async () => assert.equal((await hugo.context.cookies()).some((c) => c.name === 'chat_refresh'), false));
  });
});
