// A small popup menu for a message's actions: opened by a button, operated by keyboard
// (arrows, Home, End, Escape, Tab), closed by a click elsewhere; focus returns to its button.

import { h } from './dom.js';

let open = null;

/**
 * Opens a menu beside `trigger`. `groups`: {items, row?}, each item {label, ariaLabel?, onSelect,
 * class?, pressed?}; the items of a `row` group stand side by side (the emoji), groups one under
 * the other.
 */
export function openMenu(trigger, groups, label) {
  closeMenu(false);
  const items = [];
  const menu = h('div', { class: 'menu', role: 'menu', aria: { label } },
    groups.map((group) => h('div', { class: ['menu-group', group.row ? 'row' : null],
      role: 'none' }, group.items.map((item) => {
      const button = h('button', {
        type: 'button', role: 'menuitem', class: item.class, tabindex: '-1',
        aria: { label: item.ariaLabel, checked: item.pressed === undefined ? undefined : String(item.pressed) },
        text: item.label,
      });
      if (item.pressed !== undefined) button.setAttribute('role', 'menuitemcheckbox');
      button.addEventListener('click', () => {
        closeMenu(true);
        item.onSelect();
      });
      items.push(button);
      return button;
    }))));
  document.body.append(menu);
  place(menu, trigger);
  trigger.setAttribute('aria-expanded', 'true');
  const onKey = (event) => {
    const index = items.indexOf(document.activeElement);
    if (event.key === 'Escape') {
      event.preventDefault();
      closeMenu(true);
    } else if (event.key === 'ArrowDown' || event.key === 'ArrowRight') {
      event.preventDefault();
      items[(index + 1) % items.length].focus();
    } else if (event.key === 'ArrowUp' || event.key === 'ArrowLeft') {
      event.preventDefault();
      items[(index - 1 + items.length) % items.length].focus();
    } else if (event.key === 'Home') {
      event.preventDefault();
      items[0].focus();
    } else if (event.key === 'End') {
      event.preventDefault();
      items[items.length - 1].focus();
    } else if (event.key === 'Tab') {
      closeMenu(false);
    }
  };
  const onPointer = (event) => {
    if (!menu.contains(event.target) && event.target !== trigger) closeMenu(false);
  };
  menu.addEventListener('keydown', onKey);
  // after this click has finished bubbling
  setTimeout(() => document.addEventListener('pointerdown', onPointer), 0);
  const onResize = () => closeMenu(false);
  window.addEventListener('resize', onResize);
  open = { menu, trigger, cleanup: () => {
    document.removeEventListener('pointerdown', onPointer);
    window.removeEventListener('resize', onResize);
  } };
  items[0]?.focus();
}

export function closeMenu(refocus) {
  if (!open) return;
  const { menu, trigger, cleanup } = open;
  open = null;
  cleanup();
  menu.remove();
  trigger.setAttribute('aria-expanded', 'false');
  if (refocus && trigger.isConnected) trigger.focus();
}

export function menuOpen() {
  return open !== null;
}

function place(menu, trigger) {
  const rect = trigger.getBoundingClientRect();
  const width = menu.offsetWidth;
  const height = menu.offsetHeight;
  const margin = 8;
  let left = Math.min(rect.right - width, window.innerWidth - width - margin);
  left = Math.max(margin, left);
  let top = rect.bottom + 4;
  if (top + height > window.innerHeight - margin) top = Math.max(margin, rect.top - height - 4);
  // positions through the CSSOM: permitted by style-src 'self', unlike style attributes
  menu.style.left = `${left}px`;
  menu.style.top = `${top}px`;
}
