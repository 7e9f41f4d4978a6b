// Log in and register: one form, two modes.

import { h, replaceChildren } from './dom.js';
import { ApiError } from './api.js';

const USERNAME = /^[A-Za-z0-9_]{3,50}$/;

/**
 * Shows the form in `root`; calls `onLoggedIn()` once a login succeeded. `notice`: why the user
 * is here again (the session ended), shown above the form.
 */
export function showAuth(root, api, onLoggedIn, notice) {
  let mode = 'login';

  const username = h('input', { id: 'auth-username', name: 'username', autocomplete: 'username', required: true,
    maxlength: '50', autocapitalize: 'none' });
  const email = h('input', { id: 'auth-email', name: 'email', type: 'email', autocomplete: 'email', maxlength: '254' });
  const password = h('input', { id: 'auth-password', name: 'password', type: 'password', required: true,
    autocomplete: 'current-password', maxlength: '1024' });
  const emailField = h('div', { class: 'field', hidden: true },
    h('label', { for: 'auth-email', text: 'Email' }), email);
  const hint = h('p', { class: 'hint', id: 'auth-password-hint', hidden: true, text: 'At least 8 characters.' });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const submit = h('button', { type: 'submit', class: 'primary wide', text: 'Log in' });
  const switchText = h('span', { text: 'New here?' });
  const switchButton = h('button', { type: 'button', class: 'link', text: 'Create an account' });
  const title = h('h2', { class: 'auth-title', text: 'Log in' });

  const form = h('form', { class: 'auth-form', novalidate: true, aria: { labelledby: 'auth-heading' } },
    title,
    notice ? h('p', { class: 'notice', role: 'status', text: notice }) : null,
    h('div', { class: 'field' }, h('label', { for: 'auth-username', text: 'Username' }), username),
    emailField,
    h('div', { class: 'field' }, h('label', { for: 'auth-password', text: 'Password' }), password, hint),
    error,
    submit,
    h('p', { class: 'switch' }, switchText, ' ', switchButton));

  function setMode(next) {
    mode = next;
    const registering = mode === 'register';
    emailField.hidden = !registering;
    email.required = registering;
    hint.hidden = !registering;
    password.autocomplete = registering ? 'new-password' : 'current-password';
    if (registering) password.setAttribute('aria-describedby', 'auth-password-hint');
    else password.removeAttribute('aria-describedby');
    submit.textContent = registering ? 'Register' : 'Log in';
    title.textContent = registering ? 'Create an account' : 'Log in';
    switchText.textContent = registering ? 'Have an account?' : 'New here?';
    switchButton.textContent = registering ? 'Log in instead' : 'Create an account';
    error.textContent = '';
    document.title = registering ? 'Register · Chat Platform' : 'Log in · Chat Platform';
  }

  switchButton.addEventListener('click', () => {
    setMode(mode === 'login' ? 'register' : 'login');
    username.focus();
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.textContent = '';
    const problem = check();
    if (problem) {
      error.textContent = problem.message;
      problem.field.setAttribute('aria-invalid', 'true');
      problem.field.focus();
      return;
    }
    for (const input of [username, email, password]) input.removeAttribute('aria-invalid');
    submit.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      if (mode === 'register') await api.register(username.value, email.value.trim(), password.value);
      await api.login(username.value, password.value);
      onLoggedIn();
    } catch (e) {
      error.textContent = e instanceof ApiError ? friendly(e) : 'Something went wrong. Please try again.';
      submit.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  function check() {
    if (!username.value) return { field: username, message: 'Enter your username.' };
    if (mode === 'register') {
      if (!USERNAME.test(username.value)) {
        return { field: username, message: 'A username has 3 to 50 letters, digits or underscores.' };
      }
      if (!email.value.trim() || !email.checkValidity()) return { field: email, message: 'Enter a valid email address.' };
      if (password.value.length < 8) return { field: password, message: 'The password needs at least 8 characters.' };
    } else if (!password.value) {
      return { field: password, message: 'Enter your password.' };
    }
    return null;
  }

  replaceChildren(root,
    h('main', { class: 'auth' },
      h('div', { class: 'auth-card' },
        h('div', { class: 'brand' },
          h('span', { class: 'brand-mark', aria: { hidden: 'true' } }),
          h('h1', { id: 'auth-heading', text: 'Chat Platform' })),
        h('p', { class: 'tagline', text: 'Direct messages, in real time.' }),
        form)));
  setMode('login');
  username.focus();
}

function friendly(error) {
  if (error.status === 0) return 'The server cannot be reached. Check your connection and try again.';
  if (error.status === 429) return 'Too many attempts. Please wait a moment and try again.';
  return error.message;
}
