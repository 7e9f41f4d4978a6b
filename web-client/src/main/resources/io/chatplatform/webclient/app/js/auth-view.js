// Log in or register: one form. Username and password log in; with an email as well, the same
// fields create an account (which then logs in). Both buttons are always there, so that neither
// needs a mode switch first.

import { h, replaceChildren } from './dom.js';
import { ApiError } from './api.js';

const USERNAME = /^[A-Za-z0-9_]{3,50}$/;

/**
 * Shows the form in `root`; calls `onLoggedIn()` once a login succeeded. `notice`: why the user
 * is here again (the session ended), shown above the form.
 */
export function showAuth(root, api, onLoggedIn, notice) {
  const username = h('input', { id: 'auth-username', name: 'username', autocomplete: 'username', required: true,
    maxlength: '50', autocapitalize: 'none' });
  const password = h('input', { id: 'auth-password', name: 'password', type: 'password', required: true,
    autocomplete: 'current-password', maxlength: '1024' });
  const email = h('input', { id: 'auth-email', name: 'email', type: 'email', autocomplete: 'email', maxlength: '254',
    aria: { describedby: 'auth-email-hint' } });
  const error = h('p', { class: 'form-error', role: 'alert' });
  const logInButton = h('button', { type: 'submit', class: 'primary wide', text: 'Log in', value: 'login' });
  const registerButton = h('button', { type: 'submit', class: 'secondary wide', text: 'Register', value: 'register' });

  const form = h('form', { class: 'auth-form', novalidate: true, aria: { labelledby: 'auth-heading' } },
    notice ? h('p', { class: 'notice', role: 'status', text: notice }) : null,
    error,
    h('div', { class: 'field' }, h('label', { for: 'auth-username', text: 'Username' }), username),
    h('div', { class: 'field' }, h('label', { for: 'auth-password', text: 'Password' }), password),
    logInButton,
    h('div', { class: 'divider', role: 'presentation' }, h('span', { text: 'New here? Add your email' })),
    h('div', { class: 'field' }, h('label', { for: 'auth-email', text: 'Email' }), email,
      h('p', { class: 'hint', id: 'auth-email-hint',
        text: 'Only to register. Usernames have 3 to 50 letters, digits or underscores; passwords at least 8 characters.' })),
    registerButton);

  // Enter in the email field registers; elsewhere it logs in (the form's first button)
  email.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault();
      form.requestSubmit(registerButton);
    }
  });

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const registering = event.submitter === registerButton;
    error.textContent = '';
    for (const input of [username, email, password]) input.removeAttribute('aria-invalid');
    const problem = check(registering);
    if (problem) {
      error.textContent = problem.message;
      problem.field.setAttribute('aria-invalid', 'true');
      problem.field.focus();
      return;
    }
    logInButton.disabled = true;
    registerButton.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      if (registering) await api.register(username.value, email.value.trim(), password.value);
      await api.login(username.value, password.value);
      onLoggedIn();
    } catch (e) {
      error.textContent = e instanceof ApiError ? friendly(e) : 'Something went wrong. Please try again.';
      logInButton.disabled = false;
      registerButton.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });

  function check(registering) {
    if (!username.value) return { field: username, message: 'Enter your username.' };
    if (!registering) {
      if (!password.value) return { field: password, message: 'Enter your password.' };
      return null;
    }
    if (!USERNAME.test(username.value)) {
      return { field: username, message: 'A username has 3 to 50 letters, digits or underscores.' };
    }
    if (password.value.length < 8) return { field: password, message: 'The password needs at least 8 characters.' };
    if (!email.value.trim() || !email.checkValidity()) {
      return { field: email, message: 'Enter your email address to register.' };
    }
    return null;
  }

  replaceChildren(root,
    h('main', { class: 'auth' },
      h('div', { class: 'auth-card' },
        h('div', { class: 'brand' },
          h('span', { class: 'brand-mark', aria: { hidden: 'true' } }),
          h('h1', { id: 'auth-heading', text: 'Chat Platform' })),
        h('p', { class: 'tagline', text: 'Direct messages, in real time. Log in, or register with an email.' }),
        form)));
  document.title = 'Log in · Chat Platform';
  username.focus();
}

function friendly(error) {
  if (error.status === 0) return 'The server cannot be reached. Check your connection and try again.';
  if (error.status === 429) return 'Too many attempts. Please wait a moment and try again.';
  return error.message;
}
