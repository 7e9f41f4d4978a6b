// The sessions page: every device logged in to the account, with a way to end each, or all others.

import { h, replaceChildren, announce, formatFull } from './dom.js';
import { ApiError } from './api.js';

export function showSessions(pane, client, onBack) {
  const list = h('ul', { class: 'sessions' });
  const status = h('p', { class: 'sessions-status', role: 'status' });
  const endOthers = h('button', { type: 'button', class: 'danger-button', text: 'Log out other sessions',
    on: { click: async () => {
      endOthers.disabled = true;
      try {
        await client.endOtherSessions();
        announce('Every other session was logged out');
        await load();
      } catch (e) {
        status.textContent = `Could not log out the other sessions: ${e.message}`;
      } finally {
        endOthers.disabled = false;
      }
    } } });
  // shown at every width: on a wide screen too the page has a way back to the empty pane
  const back = h('button', { type: 'button', class: 'icon back always', aria: { label: 'Back to conversations' }, text: '←',
    on: { click: onBack } });
  const title = h('h2', { class: 'peer-name', id: 'sessions-heading', tabindex: '-1', text: 'Sessions' });
  replaceChildren(pane,
    h('section', { class: 'sessions-page', aria: { labelledby: 'sessions-heading' } },
      h('header', { class: 'pane-head' }, back, h('div', { class: 'peer-text' }, title,
        h('p', { class: 'peer-status', text: 'Devices logged in to your account' }))),
      h('div', { class: 'sessions-body' }, status, list, h('div', { class: 'sessions-actions' }, endOthers))));
  title.focus();

  async function load() {
    status.textContent = 'Loading…';
    try {
      const sessions = await client.sessions();
      status.textContent = sessions.length === 1 ? 'Only this device is logged in.' : `${sessions.length} sessions`;
      endOthers.hidden = sessions.length < 2;
      replaceChildren(list, sessions.map((s) => item(s)));
    } catch (e) {
      status.textContent = e instanceof ApiError && e.status === 404
        ? 'This server does not list sessions yet.'
        : `Could not load the sessions: ${e.message}`;
      endOthers.hidden = true;
    }
  }

  function item(session) {
    const device = describe(session.user_agent);
    const end = session.current ? null : h('button', { type: 'button', class: 'ghost small', text: 'End session',
      aria: { label: `End session: ${device}, last active ${formatFull(session.last_used_at)}` },
      on: { click: async () => {
        end.disabled = true;
        try {
          await client.endSession(session.id);
          announce(`Session ended: ${device}`);
          await load();
        } catch (e) {
          end.disabled = false;
          status.textContent = `Could not end that session: ${e.message}`;
        }
      } } });
    return h('li', { class: ['session', session.current ? 'current' : null] },
      h('span', { class: 'session-icon', aria: { hidden: 'true' }, text: /Mobile|Android|iPhone/i.test(session.user_agent ?? '') ? '📱' : '💻' }),
      h('div', { class: 'session-text' },
        h('p', { class: 'session-device' }, h('span', { text: device, title: session.user_agent ?? '' }),
          session.current ? h('span', { class: 'tag', text: 'This device' }) : null),
        h('p', { class: 'session-times', text: `Last active ${formatFull(session.last_used_at)} · signed in ${formatFull(session.created_at)}` })),
      end);
  }

  load();
}

/** "Chrome on Linux" from a User-Agent header; the header itself when it says nothing known. */
export function describe(userAgent) {
  if (!userAgent) return 'Unknown device';
  const browser = /Edg\//.test(userAgent) ? 'Edge'
    : /Firefox\//.test(userAgent) ? 'Firefox'
      : /Chrome\/|Chromium\//.test(userAgent) ? (/HeadlessChrome/.test(userAgent) ? 'Headless Chrome' : 'Chrome')
        : /Safari\//.test(userAgent) ? 'Safari'
          : /curl\//.test(userAgent) ? 'curl' : null;
  const os = /Android/.test(userAgent) ? 'Android'
    : /iPhone|iPad/.test(userAgent) ? 'iOS'
      : /Mac OS X/.test(userAgent) ? 'macOS'
        : /Windows/.test(userAgent) ? 'Windows'
          : /Linux/.test(userAgent) ? 'Linux' : null;
  if (browser && os) return `${browser} on ${os}`;
  return browser ?? os ?? userAgent.slice(0, 60);
}
