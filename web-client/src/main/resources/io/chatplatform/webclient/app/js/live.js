// The WebSocket to /ws (docs/realtime.md): authenticated by subprotocol, resumed from the
// change positions the client holds after every (re)connect, kept alive by pings, reconnected with
// exponential backoff and jitter.

const PING_EVERY_MS = 30_000;
// no pong this long after a ping: the connection is dead although the browser did not notice
const PONG_WITHIN_MS = 10_000;
const BACKOFF_FIRST_MS = 500;
// the realtime guide suggests 30 s for server clients; a person waiting in front of the page is
// better served by 15, and there are few browser tabs per instance
const BACKOFF_MAX_MS = 15_000;

export class Live extends EventTarget {
  #api;
  #positions;
  #socket = null;
  #state = 'stopped';
  #attempt = 0;
  #retryTimer = null;
  #pingTimer = null;
  #pongTimer = null;
  #nextRetryAt = 0;
  #connectedOnce = false;

  /**
   * @param api the Api (for the token, and to renew it when the server refuses it)
   * @param positions a function answering the change positions to resume from: {peerId: change_seq}
   */
  constructor(api, positions) {
    super();
    this.#api = api;
    this.#positions = positions;
    this.onOnline = () => this.reconnectNow();
    this.onOffline = () => this.#drop('offline');
    this.onVisible = () => {
      if (document.visibilityState === 'visible' && this.#state === 'offline') this.reconnectNow();
    };
  }

  /** 'connecting', 'live', 'offline' (waiting to reconnect) or 'stopped'. */
  get state() { return this.#state; }
  /** When the next attempt is due (ms since the epoch), while offline. */
  get nextRetryAt() { return this.#nextRetryAt; }

  start() {
    if (this.#state !== 'stopped') return;
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    document.addEventListener('visibilitychange', this.onVisible);
    this.#connect();
  }

  stop() {
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    document.removeEventListener('visibilitychange', this.onVisible);
    clearTimeout(this.#retryTimer);
    this.#stopPinging();
    this.#setState('stopped');
    const socket = this.#socket;
    this.#socket = null;
    if (socket) socket.close(1000, 'logged out');
  }

  /** Sends a client message when live; answers whether it went. */
  send(message) {
    if (this.#state !== 'live' || !this.#socket) return false;
    this.#socket.send(JSON.stringify(message));
    return true;
  }

  /** Asks the server again for everything after the positions held (after resync). */
  resume() {
    this.send({ type: 'resume', change_positions: this.#positions() });
  }

  /** Skips the wait of the backoff (the user asked, or the network came back). */
  reconnectNow() {
    if (this.#state === 'stopped' || this.#state === 'live' || this.#state === 'connecting') return;
    clearTimeout(this.#retryTimer);
    this.#attempt = 0;
    this.#connect();
  }

  #connect() {
    if (!this.#api.token) return;
    clearTimeout(this.#retryTimer);
    this.#setState('connecting');
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    let socket;
    try {
      // browsers cannot set headers on a WebSocket: the token rides as a subprotocol, beside chat.v1,
      // which the server selects (so the token is not echoed back)
      socket = new WebSocket(`${scheme}://${location.host}/ws`, ['chat.v1', `bearer.${this.#api.token}`]);
    } catch {
      this.#retryLater();
      return;
    }
    this.#socket = socket;
    socket.addEventListener('message', (event) => {
      if (socket !== this.#socket) return;
      let frame;
      try { frame = JSON.parse(event.data); } catch { return; }
      this.#onFrame(frame);
    });
    socket.addEventListener('close', (event) => {
      if (socket !== this.#socket) return;
      this.#socket = null;
      this.#stopPinging();
      this.#onClose(event);
    });
  }

  #onFrame(frame) {
    this.#armPongWatch(false);
    switch (frame.type) {
      case 'ready': {
        const first = !this.#connectedOnce;
        this.#connectedOnce = true;
        this.#attempt = 0;
        // the resume must be the first message after ready: the server holds live events until then
        this.#socket.send(JSON.stringify({ type: 'resume', change_positions: this.#positions() }));
        this.#setState('live');
        this.#startPinging();
        this.dispatchEvent(new CustomEvent('ready', { detail: { first, userId: frame.user_id } }));
        return;
      }
      case 'resync':
        this.resume();
        return;
      case 'pong':
        return;
      default:
        this.dispatchEvent(new CustomEvent('frame', { detail: frame }));
    }
  }

  async #onClose(event) {
    if (this.#state === 'stopped') return;
    if (event.code === 4401) {
      if (/session ended/i.test(event.reason)) {
        this.#setState('offline');
        this.dispatchEvent(new CustomEvent('session-ended'));
        return;
      }
      // the token expired or was refused: renew it, then connect again at once
      this.#setState('offline');
      try {
        await this.#api.refresh();
        if (this.#state !== 'stopped') this.#connect();
      } catch (e) {
        if (e.transient) this.#retryLater(); // offline or restarting: the token may still be renewed
        else this.dispatchEvent(new CustomEvent('session-ended'));
      }
      return;
    }
    this.#retryLater();
  }

  #drop(reason) {
    if (this.#state === 'stopped') return;
    const socket = this.#socket;
    this.#socket = null;
    this.#stopPinging();
    if (socket) socket.close(1000, reason);
    this.#retryLater();
  }

  #retryLater() {
    if (this.#state === 'stopped') return;
    const ceiling = Math.min(BACKOFF_MAX_MS, BACKOFF_FIRST_MS * 2 ** this.#attempt);
    this.#attempt += 1;
    // jitter: between half and all of the ceiling, so that the tabs of one instance do not return at once
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    this.#nextRetryAt = Date.now() + delay;
    this.#setState('offline');
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #startPinging() {
    this.#stopPinging();
    this.#pingTimer = setInterval(() => {
      if (this.send({ type: 'ping' })) this.#armPongWatch(true);
    }, PING_EVERY_MS);
  }

  #armPongWatch(waiting) {
    clearTimeout(this.#pongTimer);
    if (waiting) this.#pongTimer = setTimeout(() => this.#drop('no pong'), PONG_WITHIN_MS);
  }

  #stopPinging() {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
  }

  #setState(state) {
    if (this.#state === state) return;
    this.#state = state;
    this.dispatchEvent(new CustomEvent('state', { detail: state }));
  }
}
