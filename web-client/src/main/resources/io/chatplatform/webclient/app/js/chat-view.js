// The chat screen: the conversation list (with search) beside the open conversation, or the
// sessions page. Narrow screens show one of the two at a time. Routes are the URL's fragment
// (#/c/<user id>, #/sessions), so that the browser's Back button works.

import { h, replaceChildren, syncKeyed, announce, avatar, formatTime, formatFull, formatDay, formatListTime,
  sameDay } from './dom.js';
import { ApiError } from './api.js';
import { openMenu, closeMenu } from './menu.js';
import { showSessions } from './sessions-view.js';

export const EMOJI = ['👍', '❤️', '😂', '😮', '😢', '🎉'];
const SEARCH_DELAY_MS = 250;
const BANNER_GRACE_MS = 1_500;
const MAX_LENGTH = 4000;

export class ChatView {
  constructor(root, client, onLogout) {
    this.root = root;
    this.client = client;
    this.store = client.store;
    this.onLogout = onLogout;
    this.peer = null; // the open conversation
    this.pane = 'none';
    this.conversation = null; // the open conversation's elements
    this.composerMode = null; // {kind: 'reply'|'edit', message}
    this.searchTimer = null;
    this.searchSeq = 0;
    this.results = null;
    this.offlineSince = null;
    this.build();
    this.onChange = () => this.render();
    this.store.addEventListener('change', this.onChange);
    this.onHash = () => this.route();
    window.addEventListener('hashchange', this.onHash);
    this.onVisibility = () => this.render();
    document.addEventListener('visibilitychange', this.onVisibility);
    window.addEventListener('focus', this.onVisibility);
    this.bannerTimer = setInterval(() => this.renderBanner(), 1000);
    this.route();
    this.render();
  }

  destroy() {
    closeMenu(false);
    this.store.removeEventListener('change', this.onChange);
    window.removeEventListener('hashchange', this.onHash);
    document.removeEventListener('visibilitychange', this.onVisibility);
    window.removeEventListener('focus', this.onVisibility);
    clearInterval(this.bannerTimer);
    this.observer?.disconnect();
  }

  // ---- the frame of the page ----

  build() {
    const me = this.store.me;
    this.meStatus = h('span', { class: 'me-status' });
    this.meAvatar = h('span', { class: 'avatar-wrap' }, avatar(me.username), h('span', { class: 'presence' }));
    const sessionsButton = h('button', { type: 'button', class: 'ghost small', text: 'Sessions',
      on: { click: () => {
        // already there: read the list again
        if (location.hash === '#/sessions') this.route();
        else location.hash = '#/sessions';
      } } });
    const logoutButton = h('button', { type: 'button', class: 'ghost small', text: 'Log out',
      on: { click: () => this.onLogout() } });
    this.search = h('input', { type: 'search', class: 'search-input', placeholder: 'Search users',
      aria: { label: 'Search users', controls: 'search-results' }, autocomplete: 'off', maxlength: '50' });
    this.search.addEventListener('input', () => this.searchSoon());
    this.search.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') {
        this.clearSearch();
      } else if (event.key === 'ArrowDown') {
        const first = this.resultsList.querySelector('button');
        if (first) {
          event.preventDefault();
          first.focus();
        }
      } else if (event.key === 'Enter') {
        event.preventDefault();
        this.resultsList.querySelector('button')?.click();
      }
    });
    this.convList = h('ul', { class: 'conv-list', aria: { labelledby: 'conv-heading' } });
    this.convEmpty = h('p', { class: 'empty-note', text: 'No conversations yet. Search for someone to start one.' });
    this.listSection = h('section', { class: 'list-section' },
      h('h2', { class: 'vh', id: 'conv-heading', text: 'Conversations' }), this.convList, this.convEmpty);
    this.resultsList = h('ul', { class: 'conv-list results', id: 'search-results', aria: { labelledby: 'results-heading' } });
    this.resultsList.addEventListener('keydown', (event) => this.arrowKeys(event, this.resultsList, this.search));
    this.convList.addEventListener('keydown', (event) => this.arrowKeys(event, this.convList, this.search));
    this.resultsNote = h('p', { class: 'empty-note', role: 'status' });
    this.resultsSection = h('section', { class: 'results-section', hidden: true },
      h('h2', { class: 'section-title', id: 'results-heading', text: 'People' }), this.resultsList, this.resultsNote);
    this.banner = h('div', { class: 'banner', role: 'status', hidden: true });
    this.paneEl = h('main', { class: 'pane', id: 'pane' });
    this.shell = h('div', { class: 'shell' },
      h('aside', { class: 'sidebar', aria: { label: 'Conversations' } },
        h('header', { class: 'me' }, this.meAvatar,
          h('div', { class: 'me-text' }, h('span', { class: 'me-name', text: me.username }), this.meStatus),
          h('div', { class: 'me-actions' }, sessionsButton, logoutButton)),
        h('div', { class: 'search' }, this.search),
        this.listSection, this.resultsSection),
      this.paneEl);
    replaceChildren(this.root, this.banner, this.shell);
  }

  /** Up and down between the buttons of a list; up from the first goes back to `before`. */
  arrowKeys(event, list, before) {
    if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
    const buttons = Array.from(list.querySelectorAll('li > button'));
    const index = buttons.indexOf(document.activeElement);
    if (index < 0) return;
    event.preventDefault();
    if (event.key === 'ArrowDown') buttons[Math.min(index + 1, buttons.length - 1)].focus();
    else if (index === 0) before.focus();
    else buttons[index - 1].focus();
  }

  route() {
    closeMenu(false);
    const hash = location.hash;
    const conversation = /^#\/c\/(\d+)$/.exec(hash);
    if (conversation) {
      this.openConversation(Number(conversation[1]));
    } else if (hash === '#/sessions') {
      this.peer = null;
      this.client.activePeer = null;
      this.pane = 'sessions';
      this.conversation = null;
      showSessions(this.paneEl, this.client, () => { location.hash = ''; });
    } else {
      this.peer = null;
      this.client.activePeer = null;
      this.pane = 'none';
      this.conversation = null;
      replaceChildren(this.paneEl, h('div', { class: 'pane-empty' },
        h('div', { class: 'pane-empty-art', aria: { hidden: 'true' } }),
        h('h2', { text: 'Your messages' }),
        h('p', { text: 'Pick a conversation, or search for someone to start one.' })));
    }
    this.shell.dataset.pane = this.pane;
    this.render();
  }

  // ---- rendering ----

  render() {
    const unread = this.store.totalUnread();
    if (this.pane === 'conversation') {
      const name = this.store.usernameOf(this.peer) ?? 'Conversation';
      document.title = `${unread ? `(${unread}) ` : ''}${name} · Chat Platform`;
    } else {
      document.title = `${unread ? `(${unread}) ` : ''}Chat Platform`;
    }
    this.renderMe();
    this.renderBanner();
    this.renderList();
    if (this.results) this.renderResults();
    if (this.pane === 'conversation') this.renderConversation();
  }

  renderMe() {
    const state = this.store.connection;
    this.meStatus.textContent = state === 'live' ? 'Online' : state === 'connecting' ? 'Connecting…' : 'Offline';
    this.meAvatar.classList.toggle('online', state === 'live');
  }

  renderBanner() {
    const state = this.store.connection;
    if (state === 'live' || state === 'stopped') {
      this.offlineSince = null;
      if (!this.banner.hidden) {
        this.banner.hidden = true;
        this.shell.classList.remove('with-banner');
        announce('Back online');
      }
      return;
    }
    this.offlineSince ??= Date.now();
    const offline = navigator.onLine === false;
    if (!offline && Date.now() - this.offlineSince < BANNER_GRACE_MS) return;
    let text;
    if (offline) text = 'You are offline. Messages you send will go when the connection is back.';
    else if (state === 'connecting') text = 'Reconnecting…';
    else {
      const seconds = Math.max(1, Math.ceil((this.client.live.nextRetryAt - Date.now()) / 1000));
      text = `Connection lost. Reconnecting in ${seconds} s…`;
    }
    if (this.banner.hidden || this.banner.dataset.text !== text) {
      this.banner.dataset.text = text;
      const retry = state === 'offline' && !offline
        ? h('button', { type: 'button', class: 'banner-action', text: 'Retry now',
          on: { click: () => this.client.live.reconnectNow() } })
        : null;
      replaceChildren(this.banner, h('span', { class: 'banner-dot', aria: { hidden: 'true' } }),
        h('span', { text }), retry);
      this.banner.hidden = false;
      this.shell.classList.add('with-banner');
    }
  }

  renderList() {
    const list = this.store.conversationList();
    this.convEmpty.hidden = list.length > 0;
    syncKeyed(this.convList, list, (c) => c.peerId,
      (c) => this.createConversationItem(c),
      (el, c) => this.updateConversationItem(el, c));
  }

  createConversationItem(c) {
    const id = `conv-${c.peerId}`;
    const li = h('li', { class: 'conv' });
    li.refs = {
      name: h('span', { class: 'conv-name', id: `${id}-name` }),
      time: h('time', { class: 'conv-time' }),
      preview: h('span', { class: 'conv-preview', id: `${id}-preview` }),
      extra: h('span', { class: 'vh', id: `${id}-extra` }),
      avatarWrap: h('span', { class: 'avatar-wrap' }),
      badge: h('span', { class: 'badge', role: 'img' }),
    };
    const r = li.refs;
    const button = h('button', { type: 'button', class: 'conv-button',
      aria: { labelledby: `${id}-name`, describedby: `${id}-extra ${id}-preview` },
      on: { click: () => this.go(c.peerId) } },
    r.avatarWrap,
    h('span', { class: 'conv-main' },
      h('span', { class: 'conv-top' }, r.name, r.time),
      h('span', { class: 'conv-bottom' }, r.preview, r.extra)));
    li.append(button, r.badge);
    li.refs.button = button;
    return li;
  }

  updateConversationItem(li, c) {
    const r = li.refs;
    const name = c.username ?? '…';
    const typing = this.store.isTyping(c.peerId);
    const online = this.store.online.has(c.peerId);
    const meId = this.store.me.id;
    const lastMine = c.lastMessageId !== null && this.lastSenderIsMe(c);
    const preview = typing ? 'typing…' : c.preview === null ? 'Message deleted' : `${lastMine ? 'You: ' : ''}${c.preview}`;
    const sig = JSON.stringify([name, c.lastMessageAt, preview, c.unread, online, typing, this.peer === c.peerId, c.peerId === meId]);
    if (li.dataset.sig === sig) return;
    li.dataset.sig = sig;
    li.dataset.peer = String(c.peerId);
    r.name.textContent = c.peerId === meId ? `${name}` : name;
    r.time.textContent = formatListTime(c.lastMessageAt);
    if (c.lastMessageAt) r.time.dateTime = c.lastMessageAt;
    r.preview.textContent = preview;
    r.preview.classList.toggle('typing', typing);
    r.preview.classList.toggle('deleted', !typing && c.preview === null);
    r.extra.textContent = [online ? 'online' : null, c.unread ? `${c.unread} unread` : null].filter(Boolean).join(', ');
    replaceChildren(r.avatarWrap, avatar(name), h('span', { class: 'presence' }));
    r.avatarWrap.classList.toggle('online', online);
    r.badge.hidden = c.unread === 0;
    r.badge.textContent = c.unread > 99 ? '99+' : String(c.unread);
    r.badge.setAttribute('aria-label', `${c.unread} unread`);
    li.classList.toggle('unread', c.unread > 0);
    li.classList.toggle('active', this.peer === c.peerId);
    if (this.peer === c.peerId) r.button.setAttribute('aria-current', 'true');
    else r.button.removeAttribute('aria-current');
  }

  lastSenderIsMe(c) {
    const thread = this.store.threads.get(c.peerId);
    const last = thread?.messages.get(c.lastMessageId);
    if (last) return last.sender_id === this.store.me.id;
    return c.lastFromMe ?? false;
  }

  go(peerId) {
    location.hash = `#/c/${peerId}`;
  }

  // ---- search ----

  searchSoon() {
    clearTimeout(this.searchTimer);
    const query = this.search.value.trim();
    if (!query) {
      this.showResults(null);
      return;
    }
    this.searchTimer = setTimeout(async () => {
      const seq = ++this.searchSeq;
      try {
        const results = await this.client.search(query);
        if (seq === this.searchSeq && this.search.value.trim()) this.showResults(results);
      } catch (e) {
        if (seq === this.searchSeq) this.showResults([], e instanceof ApiError ? e.message : 'Search failed');
      }
    }, SEARCH_DELAY_MS);
  }

  showResults(results, error) {
    this.results = results;
    this.resultsError = error;
    this.resultsSection.hidden = results === null;
    this.listSection.hidden = results !== null;
    if (results !== null) this.renderResults();
  }

  renderResults() {
    const results = this.results;
    this.resultsNote.textContent = this.resultsError ?? (results.length ? `${results.length} found` : 'No one found.');
    this.resultsNote.classList.toggle('vh', !this.resultsError && results.length > 0);
    syncKeyed(this.resultsList, results, (r) => r.id, (r) => {
      const id = `result-${r.id}`;
      const li = h('li', { class: 'conv' });
      li.refs = { avatarWrap: h('span', { class: 'avatar-wrap' }), sub: h('span', { class: 'conv-preview', id: `${id}-sub` }) };
      li.append(h('button', { type: 'button', class: 'conv-button', aria: { labelledby: `${id}-name`, describedby: `${id}-sub` },
        on: { click: () => this.startConversation(r) } },
      li.refs.avatarWrap,
      h('span', { class: 'conv-main' },
        h('span', { class: 'conv-top' }, h('span', { class: 'conv-name', id: `${id}-name`, text: r.username })),
        h('span', { class: 'conv-bottom' }, li.refs.sub))));
      return li;
    }, (li, r) => {
      const online = this.store.online.has(r.id) || r.is_online;
      replaceChildren(li.refs.avatarWrap, avatar(r.username), h('span', { class: 'presence' }));
      li.refs.avatarWrap.classList.toggle('online', online);
      li.refs.sub.textContent = [r.display_name, online ? 'online' : 'offline'].filter(Boolean).join(' · ');
    });
  }

  startConversation(user) {
    this.store.ensureConversation(user.id, user.username);
    if (user.is_online) this.store.setOnline(user.id, true);
    this.clearSearch();
    this.go(user.id);
  }

  clearSearch() {
    this.search.value = '';
    clearTimeout(this.searchTimer);
    this.searchSeq += 1;
    this.showResults(null);
  }

  // ---- the open conversation ----

  async openConversation(peer) {
    if (this.pane === 'conversation' && this.peer === peer) return;
    this.peer = peer;
    this.pane = 'conversation';
    this.composerMode = null;
    this.stickToBottom = true;
    if (!this.store.conversations.has(peer)) this.store.ensureConversation(peer);
    if (this.store.usernameOf(peer) === null) this.client.lookUp(peer);
    this.buildConversation(peer);
    this.shell.dataset.pane = 'conversation';
    this.render();
    if (window.matchMedia('(min-width: 760px)').matches) this.conversation.input.focus();
    else this.conversation.title.focus();
    try {
      await this.client.openThread(peer);
    } catch (e) {
      if (this.peer === peer) this.conversation.loadError.textContent = `Could not load the messages: ${e.message}`;
    }
  }

  buildConversation(peer) {
    this.observer?.disconnect();
    const c = {};
    c.title = h('h2', { class: 'peer-name', id: 'peer-name', tabindex: '-1' });
    c.status = h('p', { class: 'peer-status' });
    c.avatarWrap = h('span', { class: 'avatar-wrap' });
    c.blockButton = h('button', { type: 'button', class: 'ghost small', on: { click: () => this.toggleBlock() } });
    c.blockNote = h('div', { class: 'block-note', role: 'status', hidden: true });
    c.messages = h('ol', { class: 'messages' });
    c.older = h('button', { type: 'button', class: 'ghost small', text: 'Load older messages',
      on: { click: () => this.loadOlder() } });
    c.beginning = h('p', { class: 'beginning' });
    c.loadError = h('p', { class: 'load-error', role: 'alert' });
    c.olderRow = h('div', { class: 'older' }, c.older, c.beginning, c.loadError);
    c.scroller = h('div', { class: 'scroller', tabindex: '0', aria: { label: 'Conversation history' } }, c.olderRow, c.messages);
    c.jump = h('button', { type: 'button', class: 'jump', hidden: true, text: 'New messages ↓',
      on: { click: () => { this.stickToBottom = true; this.scrollToBottom(); } } });
    c.typing = h('p', { class: 'typing-line', aria: { live: 'polite' } });
    c.contextLabel = h('strong');
    c.contextText = h('span', { class: 'context-text' });
    c.contextCancel = h('button', { type: 'button', class: 'icon', text: '✕', on: { click: () => this.setComposerMode(null) } });
    c.context = h('div', { class: 'composer-context', hidden: true },
      h('div', { class: 'context-body' }, c.contextLabel, c.contextText), c.contextCancel);
    c.input = h('textarea', { class: 'composer-input', rows: 1, placeholder: 'Write a message…', maxlength: String(MAX_LENGTH),
      aria: { label: 'Message' } });
    c.send = h('button', { type: 'submit', class: 'primary send', text: 'Send' });
    c.form = h('form', { class: 'composer' }, c.context, h('div', { class: 'composer-row' }, c.input, c.send));
    c.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.submit();
    });
    c.input.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
        event.preventDefault();
        this.submit();
      } else if (event.key === 'Escape' && this.composerMode) {
        event.preventDefault();
        this.setComposerMode(null);
      } else if (event.key === 'ArrowUp' && !c.input.value) {
        // the common shortcut: up in an empty composer edits my last message
        const mine = this.store.orderedMessages(this.store.thread(this.peer))
          .filter((m) => !m.pending && m.sender_id === this.store.me.id && m.deleted_at === null);
        if (mine.length) {
          event.preventDefault();
          this.setComposerMode({ kind: 'edit', message: mine[mine.length - 1] });
        }
      }
    });
    c.input.addEventListener('input', () => {
      this.autosize();
      if (c.input.value.trim() && (!this.composerMode || this.composerMode.kind === 'reply')) this.client.typing(this.peer);
    });
    c.scroller.addEventListener('scroll', () => {
      const atBottom = this.atBottom();
      this.stickToBottom = atBottom;
      if (atBottom) c.jump.hidden = true;
    }, { passive: true });
    const back = h('button', { type: 'button', class: 'icon back', aria: { label: 'Back to conversations' }, text: '←',
      on: { click: () => { location.hash = ''; } } });
    c.section = h('section', { class: 'conversation', aria: { labelledby: 'peer-name' } },
      h('header', { class: 'pane-head' }, back, c.avatarWrap,
        h('div', { class: 'peer-text' }, c.title, c.status), c.blockButton),
      c.blockNote, c.scroller, c.jump, c.typing, c.form);
    replaceChildren(this.paneEl, c.section);
    this.conversation = c;
    // scrolling back: the row above the first message comes into view, the page before is read
    this.observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) this.loadOlder();
    }, { root: c.scroller, rootMargin: '200px 0px 0px 0px' });
    this.observer.observe(c.olderRow);
  }

  async loadOlder() {
    const thread = this.store.thread(this.peer);
    if (!thread.loaded || thread.loading || !thread.hasMore) return;
    try {
      await this.client.loadOlder(this.peer);
    } catch (e) {
      this.conversation.loadError.textContent = `Could not load older messages: ${e.message}`;
    }
  }

  renderConversation() {
    const c = this.conversation;
    const peer = this.peer;
    const store = this.store;
    const meId = store.me.id;
    const conv = store.conversations.get(peer);
    const name = store.usernameOf(peer) ?? '…';
    const thread = store.thread(peer);
    const online = store.online.has(peer);
    const typing = store.isTyping(peer);
    const blocked = store.blocked.has(peer);
    const self = peer === meId;

    c.title.textContent = self ? `${name} (you)` : name;
    c.status.textContent = self ? 'Notes to self' : typing ? 'typing…' : online ? 'online' : 'offline';
    c.status.classList.toggle('typing', typing);
    if (c.avatarName !== name) {
      c.avatarName = name;
      replaceChildren(c.avatarWrap, avatar(name), h('span', { class: 'presence' }));
    }
    c.avatarWrap.classList.toggle('online', online);
    c.blockButton.hidden = self || store.blocksSupported === false;
    c.blockButton.textContent = blocked ? 'Unblock' : 'Block';
    c.blockButton.setAttribute('aria-pressed', String(blocked));
    c.blockNote.hidden = !blocked;
    if (blocked) {
      replaceChildren(c.blockNote, h('span', { text: `You blocked ${name}. They cannot message you, and you cannot message them.` }));
    }
    const typingText = typing && !blocked ? `${name} is typing…` : '';
    if (c.typing.textContent !== typingText) c.typing.textContent = typingText;
    c.input.disabled = blocked;
    c.send.disabled = blocked;
    c.input.placeholder = blocked ? `Unblock ${name} to send a message` : 'Write a message…';

    c.older.hidden = !thread.loaded || !thread.hasMore;
    c.older.disabled = thread.loading;
    c.older.textContent = thread.loading && thread.loaded ? 'Loading…' : 'Load older messages';
    c.beginning.hidden = !thread.loaded || thread.hasMore;
    c.beginning.textContent = self ? 'Your notes: only you see them.' : `This is the beginning of your conversation with ${name}.`;
    if (!thread.loaded && thread.loading) c.beginning.hidden = true;

    // scrolling: stay at the bottom when there, keep the view still when older messages come in above
    const scroller = c.scroller;
    const wasAtBottom = this.stickToBottom;
    const beforeHeight = scroller.scrollHeight;
    const beforeTop = scroller.scrollTop;
    const firstBefore = c.messages.firstElementChild?.dataset.key;
    const lastBefore = c.messages.lastElementChild?.dataset.key;

    const messages = store.orderedMessages(thread);
    let previous = null;
    const items = messages.map((m) => {
      const item = { m, newDay: !previous || !sameDay(previous.created_at, m.created_at) };
      previous = m;
      return item;
    });
    syncKeyed(c.messages, items, ({ m }) => keyOf(m, meId),
      () => h('li', { class: 'msg' }),
      (li, item) => this.updateMessage(li, item, thread, name));

    const firstAfter = c.messages.firstElementChild?.dataset.key;
    const lastAfter = c.messages.lastElementChild?.dataset.key;
    if (wasAtBottom) {
      this.scrollToBottom();
    } else if (firstBefore && firstAfter !== firstBefore) {
      scroller.scrollTop = beforeTop + (scroller.scrollHeight - beforeHeight);
    } else if (lastAfter !== lastBefore && lastAfter) {
      c.jump.hidden = false;
    }

    if (thread.loaded && document.visibilityState === 'visible' && !blocked) this.client.markReadSoon(peer);
    if (conv && conv.stub && !thread.loading && thread.loaded && messages.length === 0 && !self) {
      c.beginning.textContent = `Say hello to ${name}.`;
    }
  }

  updateMessage(li, { m, newDay }, thread, peerName) {
    const meId = this.store.me.id;
    const mine = m.sender_id === meId;
    const tick = mine ? this.store.tickOf(m) : null;
    const replied = m.reply_to_message_id ? thread.messages.get(m.reply_to_message_id) : null;
    const sig = JSON.stringify([m.id, m.content, m.edited_at, m.deleted_at, m.reactions, tick, m.state, m.error,
      m.reply_to_message_id, replied?.content, replied?.deleted_at, newDay, peerName]);
    if (li.dataset.sig === sig) return;
    const hadFocus = li.contains(document.activeElement) ? document.activeElement.dataset.focusKey : null;
    li.dataset.sig = sig;
    const deleted = m.deleted_at !== null && m.deleted_at !== undefined;
    li.className = ['msg', mine ? 'mine' : 'theirs', deleted ? 'deleted' : null, m.pending ? m.state : null].filter(Boolean).join(' ');
    if (m.id !== undefined) li.dataset.messageId = String(m.id);
    li.dataset.state = tick ?? 'received';
    const sender = mine ? 'You' : peerName;

    const parts = [];
    if (newDay) parts.push(h('div', { class: 'day', role: 'separator' }, h('span', { text: formatDay(m.created_at) })));

    const bubbleChildren = [h('span', { class: 'vh', text: `${sender}: ` })];
    if (m.reply_to_message_id) {
      const quoteName = replied ? (replied.sender_id === meId ? 'You' : peerName) : '';
      const quoteText = !replied ? 'an earlier message' : replied.deleted_at ? 'Message deleted' : replied.content;
      // named by its text (no aria-label: a label would carry the quoted words into label look-ups)
      const quote = h('button', { type: 'button', class: 'quote', dataset: { focusKey: 'quote' },
        title: 'Show the message this answers', on: { click: () => this.showMessage(m.reply_to_message_id) } },
      h('span', { class: 'vh', text: 'In reply to ' }),
      quoteName ? h('strong', { text: quoteName }) : null, h('span', { class: 'quote-text', text: quoteText }));
      bubbleChildren.push(quote);
    }
    bubbleChildren.push(deleted
      ? h('p', { class: 'text tombstone', text: 'Message deleted' })
      : h('p', { class: 'text', text: m.content }));
    const meta = [h('time', { dateTime: m.created_at, title: formatFull(m.created_at), text: formatTime(m.created_at) })];
    if (m.edited_at) meta.push(h('span', { class: 'edited', title: `Edited ${formatFull(m.edited_at)}`, text: 'edited' }));
    if (mine) meta.push(tickElement(tick));
    bubbleChildren.push(h('span', { class: 'meta' }, meta));
    const row = h('div', { class: 'msg-row' }, h('div', { class: 'bubble' }, bubbleChildren));
    if (!m.pending) {
      row.append(h('button', { type: 'button', class: 'more', dataset: { focusKey: 'more' },
        aria: { label: 'More actions', haspopup: 'menu', expanded: 'false' }, text: '⋯',
        on: { click: (event) => this.openActions(event.currentTarget, m) } }));
    }
    parts.push(row);

    if (m.reactions && m.reactions.length) {
      parts.push(h('div', { class: 'reactions' }, m.reactions.map((r) => {
        const minePressed = r.user_ids.includes(meId);
        return h('button', { type: 'button', class: 'chip', dataset: { focusKey: `chip-${r.emoji}` },
          aria: { pressed: String(minePressed), label: `${r.emoji} ${r.user_ids.length}${minePressed ? ', yours' : ''}` },
          title: minePressed ? 'Take your reaction back' : 'React with this too',
          on: { click: () => this.react(m, r.emoji, !minePressed) } },
        h('span', { text: r.emoji }), h('span', { class: 'count', text: String(r.user_ids.length) }));
      })));
    }
    if (m.pending && m.state === 'failed') {
      parts.push(h('div', { class: 'failed-row', role: 'alert' },
        h('span', { text: m.error ?? 'Not sent' }),
        h('button', { type: 'button', class: 'link', text: 'Retry', dataset: { focusKey: 'retry' },
          on: { click: () => this.client.retry(this.peer, m.client_message_id) } }),
        h('button', { type: 'button', class: 'link', text: 'Discard', dataset: { focusKey: 'discard' },
          on: { click: () => this.client.discard(this.peer, m.client_message_id) } })));
    }
    replaceChildren(li, parts);
    if (hadFocus) li.querySelector(`[data-focus-key="${CSS.escape(hadFocus)}"]`)?.focus({ preventScroll: true });
  }

  showMessage(id) {
    const el = this.conversation.messages.querySelector(`[data-message-id="${id}"]`);
    if (!el) {
      announce('That message is further back: load older messages to see it.');
      return;
    }
    el.scrollIntoView({ block: 'center', behavior: 'smooth' });
    el.classList.add('flash');
    setTimeout(() => el.classList.remove('flash'), 1600);
    el.querySelector('.more')?.focus({ preventScroll: true });
  }

  openActions(trigger, m) {
    const meId = this.store.me.id;
    const mine = m.sender_id === meId;
    const deleted = m.deleted_at !== null && m.deleted_at !== undefined;
    const groups = [];
    if (!deleted) {
      groups.push({ items: [{ label: 'Reply', onSelect: () => this.setComposerMode({ kind: 'reply', message: m }) }] });
      groups.push({
        row: true,
        items: EMOJI.map((emoji) => {
          const pressed = (m.reactions ?? []).some((r) => r.emoji === emoji && r.user_ids.includes(meId));
          return { label: emoji, class: 'emoji', ariaLabel: `React with ${emoji}`, pressed,
            onSelect: () => this.react(m, emoji, !pressed) };
        }),
      });
      if (mine) groups.push({ items: [{ label: 'Edit', onSelect: () => this.setComposerMode({ kind: 'edit', message: m }) }] });
      if (navigator.clipboard) {
        groups.push({ items: [{ label: 'Copy text', onSelect: () => navigator.clipboard.writeText(m.content).then(
          () => announce('Copied'), () => announce('Could not copy')) }] });
      }
    }
    const deletions = [{ label: 'Delete for me', class: 'danger', onSelect: () => this.deleteMessage(m, 'me') }];
    if (mine && !deleted) deletions.push({ label: 'Delete for everyone', class: 'danger', onSelect: () => this.deleteMessage(m, 'everyone') });
    groups.push({ items: deletions });
    openMenu(trigger, groups, 'Actions');
  }

  async react(m, emoji, add) {
    try {
      await this.client.react(this.peer, m.id, emoji, add);
    } catch (e) {
      announce(`Could not react: ${e.message}`);
    }
  }

  async deleteMessage(m, scope) {
    try {
      await this.client.deleteMessage(this.peer, m.id, scope);
      announce(scope === 'me' ? 'Message removed from your history' : 'Message deleted for everyone');
      this.conversation?.input.focus();
    } catch (e) {
      announce(`Could not delete: ${e.message}`);
    }
  }

  setComposerMode(mode) {
    const c = this.conversation;
    if (!c) return;
    const leavingEdit = this.composerMode?.kind === 'edit';
    this.composerMode = mode;
    c.context.hidden = mode === null;
    c.form.classList.toggle('editing', mode?.kind === 'edit');
    if (mode === null) {
      if (leavingEdit) c.input.value = '';
      c.send.textContent = 'Send';
    } else if (mode.kind === 'reply') {
      const who = mode.message.sender_id === this.store.me.id ? 'yourself' : this.store.usernameOf(this.peer);
      c.contextLabel.textContent = `Replying to ${who}`;
      c.contextText.textContent = mode.message.content ?? '';
      c.contextCancel.setAttribute('aria-label', 'Cancel reply');
      c.send.textContent = 'Send';
      if (leavingEdit) c.input.value = '';
    } else {
      c.contextLabel.textContent = 'Editing message';
      c.contextText.textContent = mode.message.content ?? '';
      c.contextCancel.setAttribute('aria-label', 'Cancel editing');
      c.input.value = mode.message.content ?? '';
      c.send.textContent = 'Save';
    }
    this.autosize();
    c.input.focus();
    const end = c.input.value.length;
    c.input.setSelectionRange(end, end);
  }

  async submit() {
    const c = this.conversation;
    const content = c.input.value;
    if (!content.trim() || this.store.blocked.has(this.peer)) return;
    const mode = this.composerMode;
    if (mode?.kind === 'edit') {
      c.send.disabled = true;
      try {
        await this.client.edit(this.peer, mode.message.id, content);
        this.setComposerMode(null);
        announce('Message edited');
      } catch (e) {
        announce(`Could not edit: ${e.message}`);
        c.contextText.textContent = `Not saved: ${e.message}`;
      } finally {
        c.send.disabled = false;
      }
      return;
    }
    this.client.send(this.peer, content, mode?.kind === 'reply' ? mode.message.id : undefined);
    this.client.typingEnded(this.peer);
    c.input.value = '';
    this.setComposerMode(null);
    this.stickToBottom = true;
    this.scrollToBottom();
  }

  async toggleBlock() {
    const peer = this.peer;
    const name = this.store.usernameOf(peer);
    try {
      if (this.store.blocked.has(peer)) {
        await this.client.unblock(peer);
        announce(`${name} unblocked`);
      } else {
        await this.client.block(peer);
        announce(`${name} blocked`);
      }
    } catch (e) {
      announce(`Could not change the block: ${e.message}`);
    }
  }

  autosize() {
    const input = this.conversation.input;
    input.style.height = 'auto';
    input.style.height = `${Math.min(input.scrollHeight, 160)}px`;
  }

  atBottom() {
    const s = this.conversation.scroller;
    return s.scrollHeight - s.scrollTop - s.clientHeight < 48;
  }

  scrollToBottom() {
    const s = this.conversation?.scroller;
    if (!s) return;
    s.scrollTop = s.scrollHeight;
    this.conversation.jump.hidden = true;
  }
}

/** My messages sent from here are known by their client id before they have an id. */
function keyOf(m, meId) {
  if (m.client_message_id && m.sender_id === meId) return `c:${m.client_message_id}`;
  return `m:${m.id}`;
}

function tickElement(state) {
  const labels = { sending: 'Sending', failed: 'Not sent', sent: 'Sent', delivered: 'Delivered', read: 'Read' };
  const marks = { sending: '◷', failed: '!', sent: '✓', delivered: '✓✓', read: '✓✓' };
  return h('span', { class: ['tick', state], role: 'img', aria: { label: labels[state] }, title: labels[state],
    text: marks[state] });
}
