// The web client against the real service, in headless Chromium: two people (two browser
// contexts, one wide and one narrow) register, find each other and chat; then the connection of
// one drops, the server restarts, and the page recovers with nothing missing or doubled.
// The steps run in order and build on each other, as a conversation does.

import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ChatServer } from '../lib/server.mjs';
import { keepEvidence, launch, person, register, unique } from '../lib/browser.mjs';
import { eventually, expectCount, expectHidden, expectVisible } from '../lib/wait.mjs';

const XSS = '<img src=x onerror=alert(1)>';

let server;
let browser;
let alice;
let bob;

const messageBox = (who) => who.page.getByRole('textbox', { name: 'Message' });
// a message by its own text (not by a quote of it in a reply)
const message = (who, text) => who.page.locator('li.msg').filter({ has: who.page.locator('.text', { hasText: text }) });
const conversationButton = (who, other) => who.page.getByRole('button', { name: other.username, exact: true });
const banner = (who) => who.page.locator('.banner');

/** A step of the story; when it fails, screenshots of both pages go to e2e/results/. */
function step(name, body) {
  test(name, async () => {
    try {
      await body();
    } catch (e) {
      await keepEvidence(name.replace(/[^a-z0-9]+/gi, '-').slice(0, 60), [alice, bob]);
      throw e;
    }
  });
}

async function send(who, text) {
  await messageBox(who).fill(text);
  await who.page.getByRole('button', { name: 'Send', exact: true }).click();
}

async function actions(who, text, item) {
  await message(who, text).getByRole('button', { name: 'More actions' }).click();
  await who.page.getByRole(item.role ?? 'menuitem', { name: item.name, exact: true }).click();
}

/** The tick of my message: Sending, Sent, Delivered or Read. */
async function tickOf(who, text) {
  return message(who, text).locator('.tick').getAttribute('aria-label');
}

describe('two people chat in the browser', { timeout: 110_000 }, () => {
  before(async () => {
    // one at a time, so that after() can close whichever started when the other failed
    browser = await launch();
    server = await ChatServer.start();
    alice = await person(browser, server.baseUrl, 'alice', { viewport: { width: 1440, height: 900 } });
    bob = await person(browser, server.baseUrl, 'bob', { viewport: { width: 360, height: 740 } });
    for (const who of [alice, bob]) who.context.setDefaultTimeout(15_000);
    await Promise.all([register(alice, unique('alice')), register(bob, unique('bob'))]);
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  step('they find each other by search and exchange messages in real time, with typing and ticks', async () => {
    await alice.page.getByRole('searchbox', { name: 'Search users' }).fill(bob.username);
    await conversationButton(alice, bob).click();
    await send(alice, 'Hello Bob');
    // at once, before the server answered, it is on the page
    await expectVisible(message(alice, 'Hello Bob'));

    // Bob has the conversation list open (narrow screen): the conversation appears, unread
    await expectVisible(bob.page.getByRole('img', { name: '1 unread' }));
    await eventually(async () => assert.equal(await tickOf(alice, 'Hello Bob'), 'Delivered'), { what: 'delivered tick' });
    await conversationButton(bob, alice).click();
    await expectVisible(message(bob, 'Hello Bob'));
    await eventually(async () => assert.equal(await tickOf(alice, 'Hello Bob'), 'Read'), { what: 'read tick' });
    await expectHidden(bob.page.getByRole('img', { name: '1 unread' }));

    await messageBox(bob).pressSequentially('Hi Alice', { delay: 20 });
    await expectVisible(alice.page.getByText(`${bob.username} is typing…`));
    await bob.page.getByRole('button', { name: 'Send', exact: true }).click();
    await expectVisible(message(alice, 'Hi Alice'));
    await expectHidden(alice.page.getByText(`${bob.username} is typing…`));
    await expectCount(alice.page.locator('li.msg'), 2);
    await expectCount(bob.page.locator('li.msg'), 2);
  });

  step('a message is edited, answered, reacted to and deleted, and both see it', async () => {
    await actions(alice, 'Hello Bob', { name: 'Edit' });
    await messageBox(alice).fill('Hello Bob, how are you?');
    await alice.page.getByRole('button', { name: 'Save', exact: true }).click();
    await expectVisible(message(bob, 'Hello Bob, how are you?').getByText('edited'));

    await actions(bob, 'Hello Bob, how are you?', { role: 'menuitemcheckbox', name: 'React with 👍' });
    await expectVisible(message(alice, 'Hello Bob, how are you?').getByRole('button', { name: '👍 1' }));

    await actions(bob, 'Hello Bob, how are you?', { name: 'Reply' });
    await send(bob, 'Fine, thanks');
    const reply = message(alice, 'Fine, thanks');
    await expectVisible(reply.locator('.quote', { hasText: 'Hello Bob, how are you?' }));

    await send(alice, 'Oops, wrong chat');
    await expectVisible(message(bob, 'Oops, wrong chat'));
    await actions(alice, 'Oops, wrong chat', { name: 'Delete for everyone' });
    await expectCount(message(bob, 'Oops, wrong chat'), 0);
    await expectCount(bob.page.locator('li.msg.deleted'), 1);
    await expectCount(alice.page.locator('li.msg.deleted'), 1);

    await actions(bob, 'Hi Alice', { name: 'Delete for me' });
    await expectCount(message(bob, 'Hi Alice'), 0);
    // only Bob's own history lost it
    await expectCount(message(alice, 'Hi Alice'), 1);
  });

  step('a message that looks like HTML shows as text and runs nothing', async () => {
    await send(alice, XSS);
    await expectVisible(bob.page.locator('li.msg .text').getByText(XSS, { exact: true }));
    assert.equal(await bob.page.locator('.messages img').count(), 0);
    assert.equal(await alice.page.locator('.messages img').count(), 0);
    assert.deepEqual(alice.dialogs.concat(bob.dialogs), []);
    assert.deepEqual(alice.errors.concat(bob.errors), []);
  });

  step('Bob goes offline, Alice writes, Bob comes back and sees everything once', async () => {
    await bob.context.setOffline(true);
    await expectVisible(banner(bob));
    await send(alice, 'While you were away 1');
    await send(alice, 'While you were away 2');
    await send(alice, 'While you were away 3');
    await actions(alice, 'While you were away 2', { name: 'Edit' });
    await messageBox(alice).fill('While you were away 2, edited');
    await alice.page.getByRole('button', { name: 'Save', exact: true }).click();
    await actions(alice, 'While you were away 1', { role: 'menuitemcheckbox', name: 'React with 🎉' });
    await eventually(async () => assert.equal(await tickOf(alice, 'While you were away 3'), 'Sent'));
    assert.equal(await message(bob, 'While you were away').count(), 0);

    await bob.context.setOffline(false);
    await expectHidden(banner(bob));
    await expectCount(message(bob, 'While you were away 1'), 1);
    await expectCount(message(bob, 'While you were away 2, edited'), 1);
    await expectCount(message(bob, 'While you were away 3'), 1);
    await expectVisible(message(bob, 'While you were away 1').getByRole('button', { name: '🎉 1' }));
    await eventually(async () => assert.equal(await tickOf(alice, 'While you were away 3'), 'Read'), { what: 'read after return' });
    // nothing doubled: the earlier messages are there once too
    await expectCount(message(bob, 'Hello Bob, how are you?'), 1);
    await expectCount(bob.page.locator('li.msg'), 7);
  });

  step('the server restarts mid-conversation and both pages recover', async () => {
    const bannersShown = Promise.all([expectVisible(banner(alice), 60_000), expectVisible(banner(bob), 60_000)]);
    await server.stop();
    await bannersShown;
    // sent while the server is down: shown at once, retried with the same client_message_id
    await send(alice, 'Sent while the server was down');
    await expectVisible(message(alice, 'Sent while the server was down'));
    await server.start();
    await expectHidden(banner(alice), 45_000);
    await expectHidden(banner(bob), 45_000);
    await expectCount(message(bob, 'Sent while the server was down'), 1, 'the message sent during the outage');
    await eventually(async () => assert.notEqual(await tickOf(alice, 'Sent while the server was down'), 'Sending'));

    await send(bob, 'Back again');
    await expectCount(message(alice, 'Back again'), 1);
    await send(alice, 'Welcome back');
    await expectCount(message(bob, 'Welcome back'), 1);
    await expectCount(message(alice, 'Sent while the server was down'), 1);
    assert.deepEqual(alice.errors.concat(bob.errors), []);
  });

  step('scrolling up reads older messages page by page', async () => {
    const carol = { username: unique('carol') };
    await server.api('POST', '/register', { json: { username: carol.username, email: `${carol.username}@example.com`, password: 'password123' } });
    const token = await server.login(carol.username, 'password123');
    const me = await server.api('GET', '/users/me', { token: await server.login(alice.username, alice.password) });
    for (let i = 1; i <= 70; i++) {
      await server.api('POST', '/send', { token, json: { recipient_id: me.id, content: `History ${i}.` } });
    }
    await conversationButton(alice, carol).click();
    await expectVisible(message(alice, 'History 70.'));
    await expectCount(alice.page.locator('li.msg'), 50);
    await eventually(async () => {
      await alice.page.locator('.scroller').evaluate((el) => { el.scrollTop = 0; });
      assert.equal(await alice.page.locator('li.msg').count(), 70);
    }, { what: 'the older page' });
    await expectVisible(alice.page.getByText('This is the beginning of your conversation'));
    for (const n of [1, 20, 21, 70]) await expectCount(message(alice, `History ${n}.`), 1);
  });
});
