// The chat's use cases on top of the API, the socket and the store: what the views call.

import { ApiError, NetworkError } from './api.js';
import { Live } from './live.js';
import { Store } from './store.js';
import { announce, randomId } from './dom.js';

const PAGE = 50;
const ACK_DELAY_MS = 250;
const TYPING_EVERY_MS = 3_000;
// a send that fails for a reason worth retrying is tried again after 1, 2 and 4 seconds, then shown
// as failed (with a button to try again); it is tried again by itself when the connection returns
const SEND_RETRIES_MS = [1_000, 2_000, 4_000];

export class ChatClient extends EventTarget {
  constructor(api) {
    super();
    this.api = api;
    this.store = new Store();
    this.live = new Live(api, () => this.store.positionsObject());
    this.replaying = false;
    this.activePeer = null;
    this.#onFrame = (event) => this.#frame(event.detail);
    this.live.addEventListener('frame', this.#onFrame);
    this.live.addEventListener('ready', (event) => this.#ready(event.detail));
    this.live.addEventListener('state', (event) => {
      this.store.connection = event.detail;
      this.store.notify();
    });
    this.live.addEventListener('session-ended', () => this.dispatchEvent(new CustomEvent('ended',
      { detail: 'This session was ended. Please log in again.' })));
    this.api.addEventListener('network', (event) => {
      if (!event.detail && this.live.state === 'live') this.store.notify();
    });
  }

  #onFrame;
  #acks = new Map();
  #ackTimer = null;
  #listTimer = null;
  #listInFlight = null;
  #listAgain = false;
  #lastTyping = new Map();
  #markTimers = new Map();
  #stopped = false;

  get me() { return this.store.me; }

  /** Loads who I am and my conversations, then connects the socket (positions first, see store.js). */
  async start() {
    this.store.me = await this.api.get('/users/me');
    this.store.usernames.set(this.store.me.id, this.store.me.username);
    await Promise.all([
      this.api.get('/conversations', { limit: 1000 }).then((lines) => this.store.setConversations(lines, true)),
      this.refreshOnline(),
      this.refreshBlocks(),
    ]);
    this.live.start();
  }

  stop() {
    this.#stopped = true;
    this.live.stop();
    clearTimeout(this.#ackTimer);
    clearTimeout(this.#listTimer);
  }

  async refreshOnline() {
    try {
      const users = await this.api.get('/users/online', { limit: 500 });
      this.store.online = new Set(users.map((u) => u.id));
      for (const u of users) this.store.usernames.set(u.id, u.username);
      this.store.notify();
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  async refreshBlocks() {
    try {
      const blocks = await this.api.get('/users/me/blocks');
      this.store.blocked = new Set(blocks.map((b) => b.id));
      this.store.blocksSupported = true;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      // a server without blocking (404): the button is not offered
      this.store.blocksSupported = e.status !== 404 && e.status !== 405 ? this.store.blocksSupported : false;
    }
    this.store.notify();
  }

  /** Re-reads the conversation list soon (many frames in a row cost one read). */
  refreshListSoon(delay = 200) {
    if (this.#listTimer) return;
    this.#listTimer = setTimeout(() => {
      this.#listTimer = null;
      this.#refreshList();
    }, delay);
  }

  async #refreshList() {
    if (this.#listInFlight) {
      this.#listAgain = true;
      return;
    }
    this.#listInFlight = this.api.get('/conversations', { limit: 1000 })
      .then((lines) => {
        const known = new Set(Array.from(this.store.conversations.values())
          .filter((c) => c.lastMessageId !== null).map((c) => c.peerId));
        this.store.setConversations(lines, false);
        // presence goes to conversation partners only: someone who just became one was not told
        if (lines.some((line) => !known.has(line.user_id))) this.refreshOnline();
      })
      .catch(() => { /* the next change or reconnect reads it again */ })
      .finally(() => {
        this.#listInFlight = null;
        if (this.#listAgain) {
          this.#listAgain = false;
          this.refreshListSoon(0);
        }
      });
  }

  #ready({ first }) {
    this.replaying = true;
    if (!first) {
      // presence and typing are not replayed: ask again
      this.refreshOnline();
      this.#retryFailedSends();
    }
  }

  #frame(frame) {
    const store = this.store;
    switch (frame.type) {
      case 'typing':
        if (!store.blocked.has(frame.user_id)) store.setTyping(frame.user_id, frame.expires_at);
        return;
      case 'presence':
        store.setOnline(frame.user_id, frame.online);
        return;
      case 'resume.done':
        this.replaying = false;
        this.refreshListSoon(0);
        if (frame.replayed > 0) announce(`${frame.replayed} new ${frame.replayed === 1 ? 'change' : 'changes'} while you were away`);
        return;
      case 'resume.truncated':
        store.truncated(frame.user_id);
        if (this.activePeer === frame.user_id) this.loadNewest(frame.user_id);
        this.refreshListSoon();
        return;
      case 'error':
        console.warn('server:', frame.code, frame.message);
        return;
      default:
        break;
    }
    if (frame.change_seq === undefined) return;
    const { peer, applied, needsList } = store.applyChange(frame);
    if (!applied) return;
    if (needsList) this.refreshListSoon();
    if (frame.type === 'message.created' && frame.message.sender_id !== this.me.id) {
      this.#ack(peer, frame.message.seq);
      if (!this.replaying) {
        const name = store.usernameOf(frame.message.sender_id) ?? 'Someone';
        announce(`New message from ${name}: ${frame.message.content ?? ''}`);
      }
    }
  }

  /** Delivery receipts: one ack per conversation after a burst, with the newest seq received. */
  #ack(peer, seq) {
    this.#acks.set(peer, Math.max(seq, this.#acks.get(peer) ?? 0));
    if (this.#ackTimer) return;
    this.#ackTimer = setTimeout(() => {
      this.#ackTimer = null;
      for (const [user, upTo] of this.#acks) {
        if (this.live.send({ type: 'ack', user_id: user, seq: upTo })) this.#acks.delete(user);
      }
      // not sent (offline): the history read on reconnect or the resume's replay acks them again
      this.#acks.clear();
    }, ACK_DELAY_MS);
  }

  // ---- history ----

  async openThread(peer) {
    this.activePeer = peer;
    const thread = this.store.thread(peer);
    if (!thread.loaded && !thread.loading) await this.loadNewest(peer);
  }

  async loadNewest(peer) {
    const thread = this.store.thread(peer);
    thread.loading = true;
    this.store.notify();
    const start = thread.clock;
    try {
      const page = await this.api.get('/messages', { with_user_id: peer, limit: PAGE });
      this.store.mergeRest(thread, page, start);
      thread.oldestId = page.length ? Math.min(...page.map((m) => m.id)) : null;
      thread.hasMore = page.length === PAGE;
      thread.loaded = true;
      const conv = this.store.conversations.get(peer);
      if (conv && conv.unread === 0) thread.markedUpTo = newestFrom(thread, peer);
    } finally {
      thread.loading = false;
      this.store.notify();
    }
  }

  async loadOlder(peer) {
    const thread = this.store.thread(peer);
    if (thread.loading || !thread.hasMore || thread.oldestId === null) return;
    thread.loading = true;
    this.store.notify();
    const start = thread.clock;
    try {
      const page = await this.api.get('/messages', { with_user_id: peer, limit: PAGE, before_id: thread.oldestId });
      this.store.mergeRest(thread, page, start);
      if (page.length) thread.oldestId = Math.min(thread.oldestId, ...page.map((m) => m.id));
      thread.hasMore = page.length === PAGE;
    } finally {
      thread.loading = false;
      this.store.notify();
    }
  }

  /** Marks what is shown of a conversation read, soon (called whenever it is on screen). */
  markReadSoon(peer) {
    const thread = this.store.threads.get(peer);
    const conv = this.store.conversations.get(peer);
    if (!thread || !thread.loaded || !conv) return;
    const newest = newestFrom(thread, peer);
    if (conv.unread === 0 && newest <= thread.markedUpTo) return;
    if (this.#markTimers.has(peer)) return;
    this.#markTimers.set(peer, setTimeout(async () => {
      this.#markTimers.delete(peer);
      const upTo = newestFrom(thread, peer);
      const body = upTo > 0 ? { up_to_message_id: upTo } : undefined;
      try {
        const marked = await this.api.post(`/conversations/${peer}/read`, body);
        thread.markedUpTo = Math.max(thread.markedUpTo, upTo);
        const line = this.store.conversations.get(peer);
        if (line) line.unread = marked?.unread_count ?? 0;
        this.store.notify();
      } catch { /* tried again with the next render */ }
    }, 300));
  }

  // ---- sending and changing ----

  send(peer, content, replyTo) {
    const pending = {
      pending: true,
      client_message_id: randomId('web'),
      sender_id: this.me.id,
      recipient_id: peer,
      content,
      created_at: new Date().toISOString(),
      reply_to_message_id: replyTo ?? null,
      reactions: [],
      state: 'sending',
      attempts: 0,
      error: null,
    };
    this.store.ensureConversation(peer);
    this.store.addPending(peer, pending);
    this.#attempt(peer, pending);
    return pending;
  }

  retry(peer, clientMessageId) {
    const pending = this.store.thread(peer).pending.get(clientMessageId);
    if (!pending || pending.state === 'sending') return;
    pending.attempts = 0;
    this.#attempt(peer, pending);
  }

  discard(peer, clientMessageId) {
    this.store.thread(peer).pending.delete(clientMessageId);
    this.store.notify();
  }

  async #attempt(peer, pending) {
    pending.state = 'sending';
    pending.error = null;
    this.store.notify();
    const thread = this.store.thread(peer);
    const start = thread.clock;
    try {
      // the same client_message_id on every attempt: the server stores the message once
      const message = await this.api.post('/send', {
        recipient_id: peer, content: pending.content, client_message_id: pending.client_message_id,
        reply_to_message_id: pending.reply_to_message_id ?? undefined,
      });
      this.store.acceptSent(peer, message, start);
    } catch (e) {
      if (!thread.pending.has(pending.client_message_id)) return; // the frame came first
      const transient = !(e instanceof ApiError) || e.transient || e.status === 401;
      if (transient && pending.attempts < SEND_RETRIES_MS.length && !this.#stopped) {
        const wait = Math.max(SEND_RETRIES_MS[pending.attempts], (e.retryAfter ?? 0) * 1000);
        pending.attempts += 1;
        setTimeout(() => { if (thread.pending.has(pending.client_message_id)) this.#attempt(peer, pending); }, wait);
        return;
      }
      pending.state = 'failed';
      pending.transient = transient;
      pending.error = e instanceof NetworkError ? 'Not sent: you are offline' : `Not sent: ${e.message}`;
      this.store.notify();
      announce(pending.error);
    }
  }

  #retryFailedSends() {
    for (const [peer, thread] of this.store.threads) {
      for (const pending of thread.pending.values()) {
        if (pending.state === 'failed' && pending.transient) {
          pending.attempts = 0;
          this.#attempt(peer, pending);
        }
      }
    }
  }

  async edit(peer, id, content) {
    const thread = this.store.thread(peer);
    const start = thread.clock;
    const message = await this.api.patch(`/messages/${id}`, { content });
    this.store.mergeOwnResult(thread, message, start);
  }

  /** scope: 'me' hides it from my history; 'everyone' (its sender) leaves a tombstone for both. */
  async deleteMessage(peer, id, scope) {
    const thread = this.store.thread(peer);
    const start = thread.clock;
    await this.api.delete(`/messages/${id}`, { for: scope });
    if (scope === 'me') {
      thread.hidden.add(id);
      thread.messages.delete(id);
    } else {
      const held = thread.messages.get(id);
      if (held && (thread.latest.get(id)?.clock ?? 0) <= start) {
        thread.messages.set(id, { ...held, content: null, edited_at: null, deleted_at: new Date().toISOString(), reactions: [] });
      }
    }
    this.store.notify();
    this.refreshListSoon();
  }

  async react(peer, id, emoji, add) {
    const thread = this.store.thread(peer);
    const start = thread.clock;
    // one percent-encoded path segment (a keycap's # would otherwise start a fragment)
    const path = `/messages/${id}/reactions/${encodeURIComponent(emoji)}`;
    const message = add ? await this.api.put(path) : await this.api.delete(path);
    if (message) this.store.mergeOwnResult(thread, message, start);
  }

  /** Tells the peer I am typing: at most one indication every few seconds. */
  typing(peer) {
    const conv = this.store.conversations.get(peer);
    if (!conv || conv.stub || peer === this.me.id || this.store.blocked.has(peer)) return;
    const last = this.#lastTyping.get(peer) ?? 0;
    if (Date.now() - last < TYPING_EVERY_MS) return;
    if (this.live.send({ type: 'typing', user_id: peer })) this.#lastTyping.set(peer, Date.now());
  }

  /** A message was sent: the next keystroke may say "typing" again at once. */
  typingEnded(peer) {
    this.#lastTyping.delete(peer);
  }

  // ---- people ----

  async search(query) {
    const results = await this.api.get('/users/search', { query, limit: 20 });
    for (const r of results) this.store.usernames.set(r.id, r.username);
    return results;
  }

  /** Learns the username of someone known only by id (a conversation opened by its address). */
  async lookUp(id) {
    try {
      const user = await this.api.get(`/users/${id}`);
      this.store.usernames.set(id, user.username);
      const conv = this.store.conversations.get(id);
      if (conv && conv.username === null) conv.username = user.username;
      this.store.notify();
    } catch { /* shown as "…" */ }
  }

  async block(peer) {
    await this.api.put(`/users/${peer}/block`);
    this.store.blocked.add(peer);
    this.store.typing.delete(peer);
    this.store.notify();
  }

  async unblock(peer) {
    await this.api.delete(`/users/${peer}/block`);
    this.store.blocked.delete(peer);
    this.store.notify();
  }

  // ---- sessions ----

  sessions() { return this.api.get('/sessions'); }
  endSession(id) { return this.api.delete(`/sessions/${id}`); }
  endOtherSessions() { return this.api.delete('/sessions'); }
}

/** The newest message of the peer shown in a thread (what "read" means here). */
function newestFrom(thread, peer) {
  let newest = 0;
  for (const m of thread.messages.values()) if (m.sender_id === peer && m.id > newest) newest = m.id;
  return newest;
}
