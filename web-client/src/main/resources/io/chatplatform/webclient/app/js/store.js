// What the client knows, and the rules that keep it right while REST answers and WebSocket
// frames arrive in any interleaving:
//
// - Positions. Per conversation, the highest change_seq applied. A frame at or below it was
//   applied already (a replay after a reconnect, or a repeat) and is dropped; the next resume
//   starts after it. Positions start from the conversation list's last_change_seq, read before the
//   socket connects, so the first resume replays exactly what happened since.
// - Frames carry whole messages (state, not diffs), so applying one replaces the copy by id.
// - A REST read (a history page, the answer to an edit) is newer than every frame received before
//   the request was sent (those changes were committed before it), but may be older than a frame
//   that arrives while it is in flight. Each thread counts frames (its clock); a REST answer
//   replaces a message unless a frame touched that message after the request started (the frame
//   of any newer change is still to come and will put it right).
// - Conversation list lines carry the position they reflect (listPos); a frame above it updates
//   the line, one below it is already in it, and a re-read list line older than the one held is
//   ignored. Unread counts that a frame cannot settle (a read on another device, a deletion) are
//   re-read from the server.

const PREVIEW_LENGTH = 100;

export class Store extends EventTarget {
  me = null;
  /** peer id -> conversation line */
  conversations = new Map();
  /** peer id -> thread (messages of the conversation, loaded when opened) */
  threads = new Map();
  /** peer id -> highest change_seq applied */
  positions = new Map();
  online = new Set();
  blocked = new Set();
  /** peer id -> when their typing indication ends (ms) */
  typing = new Map();
  /** user id -> username, from every list and search seen */
  usernames = new Map();
  connection = 'connecting';
  #typingTimers = new Map();
  #pendingNotify = null;

  /** Coalesces change notifications into one per task. */
  notify() {
    if (this.#pendingNotify) return;
    this.#pendingNotify = Promise.resolve().then(() => {
      this.#pendingNotify = null;
      this.dispatchEvent(new Event('change'));
    });
  }

  positionsObject() {
    const out = {};
    for (const [peer, seq] of this.positions) if (seq > 0) out[String(peer)] = seq;
    return out;
  }

  // ---- conversations ----

  /** Takes a GET /conversations answer; `initial` also takes the positions from it. */
  setConversations(lines, initial) {
    for (const line of lines) {
      const incoming = {
        peerId: line.user_id,
        username: line.username,
        unread: line.unread_count ?? 0,
        lastMessageId: line.last_message_id ?? null,
        lastMessageAt: line.last_message_at ?? null,
        preview: line.last_message_preview ?? null,
        delivered: line.peer_delivered_up_to_seq ?? 0,
        read: line.peer_read_up_to_seq ?? 0,
        listPos: typeof line.last_change_seq === 'number' ? line.last_change_seq : null,
      };
      this.usernames.set(incoming.peerId, incoming.username);
      const held = this.conversations.get(incoming.peerId);
      if (held && held.listPos !== null && incoming.listPos !== null && incoming.listPos < held.listPos) {
        continue; // this read is older than what frames already brought
      }
      this.conversations.set(incoming.peerId, {
        ...incoming,
        lastFromMe: held && held.lastMessageId === incoming.lastMessageId ? held.lastFromMe : undefined,
        delivered: Math.max(incoming.delivered, held?.delivered ?? 0),
        read: Math.max(incoming.read, held?.read ?? 0),
      });
      if (initial && incoming.listPos !== null) {
        this.positions.set(incoming.peerId, Math.max(incoming.listPos, this.positions.get(incoming.peerId) ?? 0));
      }
    }
    this.notify();
  }

  /** A line for a conversation about to start (from a search), shown once it has a message. */
  ensureConversation(peerId, username) {
    if (username) this.usernames.set(peerId, username);
    if (!this.conversations.has(peerId)) {
      this.conversations.set(peerId, {
        peerId, username: username ?? this.usernames.get(peerId) ?? null, unread: 0, lastMessageId: null,
        lastMessageAt: null, preview: null, delivered: 0, read: 0, listPos: null, stub: true,
      });
    }
    this.notify();
    return this.conversations.get(peerId);
  }

  /** Conversations with a message, most recent first. */
  conversationList() {
    return Array.from(this.conversations.values())
      .filter((c) => c.lastMessageId !== null)
      .sort((a, b) => (b.lastMessageAt ?? '').localeCompare(a.lastMessageAt ?? '') || b.peerId - a.peerId);
  }

  totalUnread() {
    let total = 0;
    for (const c of this.conversations.values()) total += c.unread;
    return total;
  }

  usernameOf(id) {
    if (this.me && id === this.me.id) return this.me.username;
    return this.conversations.get(id)?.username ?? this.usernames.get(id) ?? null;
  }

  // ---- threads ----

  thread(peerId) {
    let thread = this.threads.get(peerId);
    if (!thread) {
      thread = {
        peerId,
        messages: new Map(), // id -> message, the ones shown
        pending: new Map(), // client_message_id -> message being sent, or failed
        latest: new Map(), // id -> {message, clock}: the newest frame of each message
        hidden: new Set(), // ids deleted for me
        clock: 0,
        oldestId: null,
        hasMore: true,
        loaded: false,
        loading: false,
        markedUpTo: 0, // newest message of the peer this client marked read
      };
      this.threads.set(peerId, thread);
    }
    return thread;
  }

  /** Merges a REST read into a thread: see the rules at the top. */
  mergeRest(thread, messages, startClock) {
    for (const message of messages) {
      if (thread.hidden.has(message.id)) continue;
      const frame = thread.latest.get(message.id);
      thread.messages.set(message.id, frame && frame.clock > startClock ? frame.message : message);
      this.#settlePending(thread, message);
    }
    this.notify();
  }

  /** The answer to this client's own change (edit, reaction): one message, if shown. */
  mergeOwnResult(thread, message, startClock) {
    if (!thread.messages.has(message.id)) return;
    this.mergeRest(thread, [message], startClock);
  }

  /** Messages in order: stored ones by seq, then those still being sent. */
  orderedMessages(thread) {
    const stored = Array.from(thread.messages.values()).sort((a, b) => a.seq - b.seq);
    const pending = Array.from(thread.pending.values());
    return stored.concat(pending);
  }

  addPending(peerId, pending) {
    this.thread(peerId).pending.set(pending.client_message_id, pending);
    this.notify();
  }

  /** The answer of POST /send: the stored message takes the pending one's place. */
  acceptSent(peerId, message, startClock) {
    const thread = this.thread(peerId);
    thread.pending.delete(message.client_message_id);
    if (!thread.hidden.has(message.id)) {
      const frame = thread.latest.get(message.id);
      thread.messages.set(message.id, frame && frame.clock > startClock ? frame.message : message);
    }
    const conv = this.conversations.get(peerId);
    if (conv && (conv.lastMessageId === null || message.id > conv.lastMessageId)
        && (conv.listPos === null || conv.stub)) {
      // the frame will say the same; until it comes (offline) the list shows the message
      Object.assign(conv, { lastMessageId: message.id, lastMessageAt: message.created_at,
        preview: previewOf(message), lastFromMe: true, stub: false });
    }
    this.notify();
  }

  #settlePending(thread, message) {
    if (this.me && message.sender_id === this.me.id && message.client_message_id) {
      thread.pending.delete(message.client_message_id);
    }
  }

  // ---- frames ----

  peerOf(frame) {
    const me = this.me.id;
    if (frame.message) return frame.message.sender_id === me ? frame.message.recipient_id : frame.message.sender_id;
    if (frame.reader_id !== undefined) return frame.reader_id === me ? frame.peer_id : frame.reader_id;
    if (frame.recipient_id !== undefined) return frame.recipient_id === me ? frame.peer_id : frame.recipient_id;
    return null;
  }

  /**
   * Applies one change of a conversation's stream. Answers {peer, applied, needsList}: applied is
   * false for a change already applied; needsList when the conversation list must be re-read.
   */
  applyChange(frame) {
    const peer = this.peerOf(frame);
    const seq = frame.change_seq;
    if (peer === null || typeof seq !== 'number') return { peer, applied: false, needsList: false };
    if (seq <= (this.positions.get(peer) ?? 0)) return { peer, applied: false, needsList: false };
    this.positions.set(peer, seq);
    const me = this.me.id;
    const thread = this.threads.get(peer);
    const conv = this.conversations.get(peer);
    // the line reflects this change already when its position is at or past it
    const lineFresh = conv !== undefined && (conv.listPos === null || seq > conv.listPos);
    let needsList = conv === undefined || conv.username === null;
    const message = frame.message;

    if (message && thread) {
      thread.clock += 1;
      thread.latest.set(message.id, { message, clock: thread.clock });
    }
    switch (frame.type) {
      case 'message.created': {
        if (thread) {
          // a thread not loaded yet gets the message from its first history page
          if ((thread.loaded || thread.loading) && !thread.hidden.has(message.id)) thread.messages.set(message.id, message);
          this.#settlePending(thread, message);
        }
        if (message.sender_id === peer) this.#endTyping(peer);
        if (conv && lineFresh && (conv.listPos !== null || conv.stub || message.id > (conv.lastMessageId ?? 0))) {
          Object.assign(conv, { lastMessageId: message.id, lastMessageAt: message.created_at,
            preview: previewOf(message), lastFromMe: message.sender_id === me, stub: false });
          if (message.sender_id !== me) conv.unread += 1;
          if (conv.listPos !== null) conv.listPos = seq;
        }
        break;
      }
      case 'message.updated':
      case 'reaction.updated':
        if (thread && thread.messages.has(message.id)) thread.messages.set(message.id, message);
        if (conv && lineFresh && conv.lastMessageId === message.id) conv.preview = previewOf(message);
        break;
      case 'message.deleted':
        if (thread) {
          if (frame.for === 'me') {
            thread.hidden.add(message.id);
            thread.messages.delete(message.id);
          } else if (thread.messages.has(message.id)) {
            thread.messages.set(message.id, message);
          }
        }
        if (conv && lineFresh && conv.lastMessageId === message.id) conv.preview = null;
        needsList = true; // the unread count and the preview may have changed in ways a frame does not say
        break;
      case 'message.read':
        if (frame.reader_id === me && peer !== me) {
          needsList = needsList || lineFresh;
        } else if (conv) {
          conv.read = Math.max(conv.read, frame.up_to_seq);
          conv.delivered = Math.max(conv.delivered, frame.up_to_seq);
        }
        break;
      case 'message.delivered':
        if (conv && frame.recipient_id === peer) conv.delivered = Math.max(conv.delivered, frame.up_to_seq);
        break;
      default:
        break;
    }
    if (conv && lineFresh && conv.listPos !== null && frame.type !== 'message.created') conv.listPos = seq;
    this.notify();
    return { peer, applied: true, needsList };
  }

  /** A resume could not replay everything of one conversation: its thread is read again. */
  truncated(peer) {
    const thread = this.threads.get(peer);
    if (thread) {
      thread.messages.clear();
      thread.loaded = false;
      thread.hasMore = true;
      thread.oldestId = null;
    }
    this.notify();
  }

  setTyping(peer, expiresAt) {
    let ms = Date.parse(expiresAt) - Date.now();
    // clocks differ: trust the server's expiry only when it looks sane
    if (!(ms > 0 && ms <= 10_000)) ms = 6_000;
    this.typing.set(peer, Date.now() + ms);
    clearTimeout(this.#typingTimers.get(peer));
    this.#typingTimers.set(peer, setTimeout(() => this.#endTyping(peer), ms));
    this.notify();
  }

  #endTyping(peer) {
    clearTimeout(this.#typingTimers.get(peer));
    this.#typingTimers.delete(peer);
    if (this.typing.delete(peer)) this.notify();
  }

  isTyping(peer) {
    return (this.typing.get(peer) ?? 0) > Date.now();
  }

  setOnline(userId, online) {
    if (online) this.online.add(userId);
    else this.online.delete(userId);
    this.notify();
  }

  /** The tick of one of my messages: read, delivered or sent. */
  tickOf(message) {
    if (message.pending) return message.state;
    const conv = this.conversations.get(message.recipient_id);
    if (!conv || message.recipient_id === message.sender_id) return 'sent';
    if (message.seq <= conv.read) return 'read';
    if (message.seq <= conv.delivered) return 'delivered';
    return 'sent';
  }
}

export function previewOf(message) {
  if (message.content === null || message.content === undefined) return null;
  return Array.from(message.content).slice(0, PREVIEW_LENGTH).join('');
}
