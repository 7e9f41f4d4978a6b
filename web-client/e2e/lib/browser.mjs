// Headless Chromium from Debian (/usr/bin/chromium), driven by playwright-core: no browser download.

import { chromium } from 'playwright-core';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
const RESULTS = fileURLToPath(new URL('../results/', import.meta.url));

export function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
}

/**
 * One person in a browser context of their own (own cookies, own storage). Records what a test may
 * check afterwards: dialogs (an XSS would open one), page errors, CSP violations.
 */
export async function person(browser, baseUrl, name, { viewport = { width: 1280, height: 800 }, colorScheme = 'light' } = {}) {
  const context = await browser.newContext({ viewport, colorScheme, baseURL: baseUrl });
  const page = await context.newPage();
  const who = { name, context, page, dialogs: [], errors: [], baseUrl };
  page.on('dialog', (dialog) => {
    who.dialogs.push(dialog.message());
    dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => who.errors.push(error.message));
  page.on('console', (message) => {
    // a violation of the Content-Security-Policy is reported on the console
    if (message.type() === 'error' && /Content Security Policy/i.test(message.text())) who.errors.push(message.text());
  });
  return who;
}

/** Registers through the form (which logs in too) and waits for the chat. */
export async function register(who, username, password = 'password123') {
  const { page } = who;
  await page.goto('/app/');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Email').fill(`${username}@example.com`);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Register' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
  who.username = username;
  who.password = password;
}

export async function logIn(who, username, password = 'password123') {
  const { page } = who;
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByRole('button', { name: 'Log out' }).waitFor();
}

/** Saves a screenshot of each page when a test failed, for whoever reads the CI log. */
export async function keepEvidence(name, people) {
  await mkdir(RESULTS, { recursive: true });
  for (const who of people) {
    if (!who?.page || who.page.isClosed()) continue;
    await who.page.screenshot({ path: `${RESULTS}${name}-${who.name}.png`, fullPage: true }).catch(() => {});
  }
}

export function unique(prefix) {
  return `${prefix}_${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
