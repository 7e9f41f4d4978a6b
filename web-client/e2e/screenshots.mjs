// Takes the screenshots of docs/screenshots/: the login form and a conversation, light and dark,
// at 360 and 1440 px wide, from the real service (started here, as in the browser tests) with a
// small scene made through the API.
//
//   npm run screenshots        (after mvn verify, or mvn -DskipTests package, has built the jar)

import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ChatServer } from './lib/server.mjs';
import { launch, logIn } from './lib/browser.mjs';

const OUT = fileURLToPath(new URL('../../docs/screenshots/', import.meta.url));
const PASSWORD = 'password123';

async function scene(server) {
  const people = {};
  for (const name of ['alice', 'bob', 'carol', 'dave']) {
    const user = await server.api('POST', '/register', { json: { username: name, email: `${name}@example.com`, password: PASSWORD } });
    people[name] = { id: user.id, token: await server.login(name, PASSWORD) };
  }
  const say = (from, to, content, extra = {}) => server.api('POST', '/send',
    { token: people[from].token, json: { recipient_id: people[to].id, content, ...extra } });
  await say('dave', 'alice', 'The slides are in the shared folder 📎');
  await say('alice', 'dave', 'Thanks, looking now');
  const plans = await say('bob', 'alice', 'Are we still on for Friday?');
  await say('alice', 'bob', 'Yes! 7 pm at the usual place?', { reply_to_message_id: plans.id });
  const place = await say('bob', 'alice', 'Perfect. I will book a table for four');
  await server.api('PUT', `/messages/${place.id}/reactions/${encodeURIComponent('🎉')}`, { token: people.alice.token });
  await say('alice', 'bob', 'Great, Carol and Dave are coming too');
  const late = await say('alice', 'bob', 'Could we make it 7:30? My train gets in at 7');
  await server.api('PATCH', `/messages/${late.id}`, { token: people.alice.token,
    json: { content: 'Could we make it 7:30? My train gets in at 7:10' } });
  await server.api('PUT', `/messages/${late.id}/reactions/${encodeURIComponent('👍')}`, { token: people.bob.token });
  await server.api('POST', `/conversations/${people.alice.id}/read`, { token: people.bob.token });
  await say('bob', 'alice', 'Sure, 7:30 works. See you there!');
  await say('carol', 'alice', 'Did you see the new design?');
  await say('carol', 'alice', 'I think the dark mode looks great 🌙');
  return people;
}

async function main() {
  await mkdir(OUT, { recursive: true });
  const server = await ChatServer.start();
  const browser = await launch();
  try {
    await scene(server);
    for (const colorScheme of ['light', 'dark']) {
      for (const width of [360, 1440]) {
        const viewport = width === 360 ? { width: 360, height: 740 } : { width: 1440, height: 900 };
        const context = await browser.newContext({ viewport, colorScheme, baseURL: server.baseUrl, deviceScaleFactor: 1 });
        const page = await context.newPage();
        await page.emulateMedia({ colorScheme });
        await page.goto('/app/');
        await page.getByLabel('Username').fill('alice');
        await page.getByRole('button', { name: 'Log in' }).waitFor();
        await page.screenshot({ path: `${OUT}login-${colorScheme}-${width}.png` });
        await logIn({ page }, 'alice', PASSWORD);
        if (width === 360) {
          await page.getByRole('img', { name: '2 unread' }).waitFor();
          await page.locator('.me-status', { hasText: 'Online' }).waitFor();
          await page.screenshot({ path: `${OUT}conversations-${colorScheme}-${width}.png` });
        }
        await page.getByRole('button', { name: 'bob', exact: true }).click();
        await page.locator('li.msg .text', { hasText: 'See you there!' }).waitFor();
        await page.locator('.tick[aria-label="Read"]').first().waitFor();
        // opening it marks it read
        await page.getByRole('img', { name: '1 unread' }).waitFor({ state: 'hidden' });
        await page.getByRole('textbox', { name: 'Message' }).fill('On my way 🚆');
        await page.mouse.move(0, 0);
        await page.screenshot({ path: `${OUT}conversation-${colorScheme}-${width}.png` });
        await context.close();
      }
    }
    console.log(`screenshots written to ${OUT}`);
  } finally {
    await browser.close();
    await server.close();
  }
}

await main();
