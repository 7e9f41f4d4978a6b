// The REST API, with the access token kept in memory only and renewed silently.
//
// Token storage (docs/decisions/0028-web-client-plain-modules.md): the access token lives in this
// module's memory, never in localStorage or sessionStorage, where any script running on the page
// (an XSS) could read it and take it elsewhere. The refresh token is an HttpOnly, SameSite=Strict
// cookie scoped to /token/refresh that the server sets when the client logs in with cookie=true:
// no script can read it, other sites cannot send it, and a reload restores the session through it.
// Against a server that answers with the refresh token in the body instead, it is kept in memory.

/** An answer other than 2xx: `status`, and `detail` as the server worded it. */
export class ApiError extends Error {
  constructor(status, detail, retryAfter) {
    super(ApiError.describe(status, detail));
    this.status = status;
    this.detail = detail;
    this.retryAfter = retryAfter;
  }

  /** Validation errors are FastAPI's list; everything else a sentence. */
  static describe(status, detail) {
    if (Array.isArray(detail)) return detail.map((d) => d.msg ?? String(d)).join('; ');
    if (typeof detail === 'string') return detail;
    return `The server answered ${status}`;
  }

  /** Worth trying again later: the server or the network was in the way, not the request. */
  get transient() {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** A request that never reached the server (offline, server down): status 0. */
export class NetworkError extends ApiError {
  constructor(cause) {
    super(0, 'The server cannot be reached');
    this.cause = cause;
  }
}

// renew this long before the access token expires, so that a request never carries an expired one
const REFRESH_MARGIN_MS = 60_000;

export class Api extends EventTarget {
  #token = null;
  #expiresAt = 0;
  #refreshToken = null; // only when the server gave it in the body (no cookie support)
  #refreshTimer = null;
  #refreshing = null;
  sessionId = null;

  get token() { return this.#token; }
  get loggedIn() { return this.#token !== null; }

  /** Logs in; asks the server to keep the refresh token in an HttpOnly cookie. */
  async login(username, password) {
    const grant = await this.#call('POST', '/login', { form: { username, password, cookie: 'true' } });
    this.#accept(grant);
    return grant;
  }

  register(username, email, password) {
    return this.#call('POST', '/register', { json: { username, email, password } });
  }

  /**
   * Tries to continue a session without a password, from the refresh cookie (after a reload).
   * Resolves true when it did; false when there is no session to continue.
   */
  async resume() {
    try {
      // one try: without a cookie (never logged in here) the answer is no, at once
      await this.#exchange();
      return true;
    } catch (e) {
      if (e instanceof NetworkError) throw e;
      return false;
    }
  }

  /** Exchanges the refresh token (cookie or memory) for a new access token; one at a time. */
  refresh() {
    if (!this.#refreshing) {
      this.#refreshing = this.#exchange()
        .catch(async (e) => {
          // two tabs share the cookie: when both refreshed at once, the server refused the second
          // (a token spent a moment ago) and the first has since put the next token in the cookie
          if (!(e instanceof ApiError) || e.status !== 401 || this.#refreshToken) throw e;
          await new Promise((resolve) => setTimeout(resolve, 1_000));
          return this.#exchange();
        })
        .finally(() => { this.#refreshing = null; });
    }
    return this.#refreshing;
  }

  async #exchange() {
    const form = this.#refreshToken ? { refresh_token: this.#refreshToken } : { cookie: 'true' };
    const grant = await this.#call('POST', '/token/refresh', { form });
    this.#accept(grant);
    return grant;
  }

  /** Ends this session on the server (best effort) and forgets every token. */
  async logout() {
    try {
      if (this.#token) await this.#call('POST', '/logout', { auth: true });
    } catch { /* logged out locally all the same */ }
    this.forget();
  }

  forget() {
    this.#token = null;
    this.#refreshToken = null;
    this.#expiresAt = 0;
    this.sessionId = null;
    clearTimeout(this.#refreshTimer);
  }

  get(path, query) { return this.request('GET', path, { query }); }
  post(path, json) { return this.request('POST', path, { json }); }
  patch(path, json) { return this.request('PATCH', path, { json }); }
  put(path) { return this.request('PUT', path, {}); }
  delete(path, query) { return this.request('DELETE', path, { query }); }

  /** An authenticated request; a 401 renews the token once and tries again. */
  async request(method, path, options) {
    if (!this.#token) throw new ApiError(401, 'Not authenticated');
    try {
      return await this.#call(method, path, { ...options, auth: true });
    } catch (e) {
      if (!(e instanceof ApiError) || e.status !== 401) throw e;
      try {
        await this.refresh();
      } catch (refreshError) {
        if (!(refreshError instanceof NetworkError)) this.#lost('This session was ended. Please log in again.');
        throw e;
      }
      try {
        return await this.#call(method, path, { ...options, auth: true });
      } catch (again) {
        if (again instanceof ApiError && again.status === 401) this.#lost('This session was ended. Please log in again.');
        throw again;
      }
    }
  }

  #accept(grant) {
    this.#token = grant.access_token;
    if (grant.refresh_token) this.#refreshToken = grant.refresh_token;
    if (grant.session_id !== undefined) this.sessionId = grant.session_id;
    const lifetime = (grant.expires_in ?? 900) * 1000;
    this.#expiresAt = Date.now() + lifetime;
    clearTimeout(this.#refreshTimer);
    // a minute before it expires; a short-lived token (configured so for tests) at four fifths of its life
    const wait = Math.max(5_000, lifetime >= 5 * REFRESH_MARGIN_MS ? lifetime - REFRESH_MARGIN_MS : lifetime * 0.8);
    this.#refreshTimer = setTimeout(() => this.#renewQuietly(), wait);
    this.dispatchEvent(new Event('token'));
  }

  async #renewQuietly() {
    try {
      await this.refresh();
    } catch (e) {
      if (e instanceof NetworkError || (e instanceof ApiError && e.transient)) {
        // offline or restarting: try again soon, while the current token still serves
        clearTimeout(this.#refreshTimer);
        this.#refreshTimer = setTimeout(() => this.#renewQuietly(), 10_000);
      } else if (Date.now() >= this.#expiresAt - 5_000) {
        this.#lost('This session was ended. Please log in again.');
      }
      // a server without token renewal (404): the token serves until it expires, then a 401 ends it
    }
  }

  #lost(reason) {
    if (!this.#token) return;
    this.forget();
    this.dispatchEvent(new CustomEvent('lost', { detail: reason }));
  }

  async #call(method, path, { json, form, query, auth = false } = {}) {
    let url = path;
    if (query) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null) params.set(k, String(v));
      const text = params.toString();
      if (text) url += '?' + text;
    }
    const headers = { Accept: 'application/json' };
    let body;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      body = new URLSearchParams(form);
    }
    if (auth) headers.Authorization = `Bearer ${this.#token}`;
    let response;
    try {
      response = await fetch(url, { method, headers, body, credentials: 'same-origin', cache: 'no-store' });
    } catch (e) {
      const error = new NetworkError(e);
      this.dispatchEvent(new CustomEvent('network', { detail: false }));
      throw error;
    }
    this.dispatchEvent(new CustomEvent('network', { detail: true }));
    if (response.status === 204) return null;
    const text = await response.text();
    let data = null;
    if (text) {
      try { data = JSON.parse(text); } catch { data = null; }
    }
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('Retry-After')) || undefined;
      throw new ApiError(response.status, data?.detail ?? (response.status === 502 || response.status === 503
        ? 'The server is not available' : undefined), retryAfter);
    }
    return data;
  }
}
