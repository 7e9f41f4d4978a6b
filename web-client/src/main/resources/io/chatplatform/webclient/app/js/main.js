// Starts the web client: continues the session from the refresh cookie when there is one, or
// shows the login form.

import { Api, NetworkError } from './api.js';
import { ChatClient } from './client.js';
import { ChatView } from './chat-view.js';
import { showAuth } from './auth-view.js';
import { h, replaceChildren } from './dom.js';

const root = document.getElementById('app');
const api = new Api();
let client = null;
let view = null;

function stopChat() {
  view?.destroy();
  client?.stop();
  view = null;
  client = null;
}

function toLogin(notice) {
  stopChat();
  api.forget();
  if (location.hash) history.replaceState(null, '', location.pathname);
  showAuth(root, api, startChat, notice);
}

async function startChat() {
  stopChat();
  replaceChildren(root, loading('Loading your conversations…'));
  client = new ChatClient(api);
  client.addEventListener('ended', (event) => toLogin(event.detail));
  try {
    await client.start();
  } catch (e) {
    if (!api.loggedIn) return; // the session ended while loading: the login form is shown
    replaceChildren(root, failure(e));
    return;
  }
  view = new ChatView(root, client, async () => {
    stopChat();
    await api.logout();
    toLogin('You are logged out.');
  });
}

api.addEventListener('lost', (event) => toLogin(event.detail));

function loading(text) {
  return h('div', { class: 'splash', role: 'status' }, h('span', { class: 'spinner', aria: { hidden: 'true' } }), h('p', { text }));
}

function failure(error) {
  const retry = h('button', { type: 'button', class: 'primary', text: 'Try again', on: { click: () => startChat() } });
  const view = h('div', { class: 'splash', role: 'alert' },
    h('p', { text: error instanceof NetworkError ? 'The server cannot be reached.' : `Something went wrong: ${error.message}` }),
    retry);
  queueMicrotask(() => retry.focus());
  return view;
}

async function boot() {
  replaceChildren(root, loading('Loading…'));
  let resumed = false;
  try {
    resumed = await api.resume();
  } catch {
    resumed = false;
  }
  if (resumed) await startChat();
  else showAuth(root, api, startChat);
}

boot();
