// Building the page safely: every piece of data becomes a text node or a property, never markup.
// There is deliberately no way here to set innerHTML or an inline event handler (the page's
// Content-Security-Policy forbids inline script, and a message such as <img src=x onerror=...>
// must show as the text it is).

/**
 * Creates an element. `props`: `class` (string or array), `text` (textContent), `dataset` (object),
 * `aria` (object of aria-* attributes without the prefix), `on` (object of event listeners),
 * properties the element has (`type`, `disabled`, `hidden`, ...), anything else as an attribute.
 * Children: nodes, strings (as text), numbers, or null/false (skipped); arrays are flattened.
 */
export function h(tag, props = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (key === 'class') {
      el.className = Array.isArray(value) ? value.filter(Boolean).join(' ') : value;
    } else if (key === 'text') {
      el.textContent = String(value);
    } else if (key === 'dataset') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.dataset[k] = String(v);
    } else if (key === 'aria') {
      for (const [k, v] of Object.entries(value)) if (v !== undefined && v !== null) el.setAttribute(`aria-${k}`, String(v));
    } else if (key === 'on') {
      for (const [type, listener] of Object.entries(value)) el.addEventListener(type, listener);
    } else if (key.startsWith('on') || key === 'style' || key.endsWith('HTML')) {
      // inline handlers and style attributes are refused by the CSP anyway; markup never goes in
      throw new Error(`h(): ${key} is not allowed`);
    } else if (key in el && typeof el[key] !== 'function' && !key.includes('-')) {
      el[key] = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else if (child instanceof Node) el.append(child);
    else el.append(document.createTextNode(String(child)));
  }
}

/** Replaces every child of `el` with `children`. */
export function replaceChildren(el, ...children) {
  el.replaceChildren();
  append(el, children);
  return el;
}

/**
 * Keeps the children of `container` in the order of `items`, reusing the element of each key:
 * `create(item)` makes a new one, `update(el, item)` refreshes it. Elements are only moved when
 * out of place, and focus inside a moved element is put back.
 */
export function syncKeyed(container, items, keyOf, create, update) {
  const existing = new Map();
  for (const child of Array.from(container.children)) {
    if (child.dataset.key !== undefined) existing.set(child.dataset.key, child);
  }
  const focused = document.activeElement;
  let cursor = container.firstElementChild;
  const seen = new Set();
  for (const item of items) {
    const key = String(keyOf(item));
    seen.add(key);
    let el = existing.get(key);
    if (!el) {
      el = create(item);
      el.dataset.key = key;
    }
    update(el, item);
    if (el !== cursor) container.insertBefore(el, cursor);
    else cursor = cursor.nextElementSibling;
  }
  for (const [key, el] of existing) if (!seen.has(key)) el.remove();
  if (focused && focused !== document.activeElement && focused.isConnected) focused.focus({ preventScroll: true });
}

const announcer = () => document.getElementById('announcer');
let announceTimer = null;

/** Says `message` to screen readers through the page's polite live region. */
export function announce(message) {
  const region = announcer();
  if (!region) return;
  // a fresh text node each time, so that repeating the same words is announced again
  region.textContent = '';
  clearTimeout(announceTimer);
  announceTimer = setTimeout(() => { region.textContent = message; }, 50);
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });
const dayFormat = new Intl.DateTimeFormat(undefined, { weekday: 'long', day: 'numeric', month: 'long' });
const shortDayFormat = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });
const fullFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

export const formatTime = (iso) => timeFormat.format(new Date(iso));
export const formatFull = (iso) => fullFormat.format(new Date(iso));

export function sameDay(a, b) {
  const x = new Date(a), y = new Date(b);
  return x.getFullYear() === y.getFullYear() && x.getMonth() === y.getMonth() && x.getDate() === y.getDate();
}

/** "Today", "Yesterday" or the date, for the separators of a conversation. */
export function formatDay(iso) {
  const now = new Date();
  if (sameDay(iso, now)) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (sameDay(iso, yesterday)) return 'Yesterday';
  return dayFormat.format(new Date(iso));
}

/** A time for the conversation list: the clock time today, the date before. */
export function formatListTime(iso) {
  if (!iso) return '';
  return sameDay(iso, new Date()) ? formatTime(iso) : shortDayFormat.format(new Date(iso));
}

/** A stable hue for a name, so that each person keeps the colour of their avatar. */
export function hueOf(name) {
  let hash = 0;
  for (const ch of String(name)) hash = (hash * 31 + ch.codePointAt(0)) >>> 0;
  return hash % 360;
}

/** The round avatar with a person's first letter (decorative: the name is always next to it). */
export function avatar(name, extraClass) {
  const el = h('span', { class: ['avatar', extraClass], aria: { hidden: 'true' } },
    Array.from(String(name || '?'))[0].toUpperCase());
  // a custom property through the CSSOM: allowed by style-src 'self', unlike a style attribute
  el.style.setProperty('--hue', String(hueOf(name)));
  return el;
}

/** A random id for idempotent sends; crypto.randomUUID exists only in secure contexts. */
export function randomId(prefix = 'w') {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return prefix + '-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
