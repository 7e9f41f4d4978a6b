// For working on the client without rebuilding the jar: serves the app's files from the source
// tree at /app/ (with the headers the service sends) and passes everything else, WebSockets
// included, to a running chat server.
//
//   CHAT_SERVER=http://127.0.0.1:8000 npm run dev      # then open http://127.0.0.1:8080/app/

import http from 'node:http';
import net from 'node:net';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const APP_DIR = fileURLToPath(new URL('../src/main/resources/io/chatplatform/webclient/app/', import.meta.url));

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export const APP_HEADERS = {
  'Content-Security-Policy': "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    + "connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'",
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export function startDevServer({ target, port = 0, host = '127.0.0.1' }) {
  const upstream = new URL(target);
  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/app') {
      res.writeHead(302, { Location: '/app/' }).end();
      return;
    }
    if (url.pathname.startsWith('/app/')) {
      const relative = normalize(decodeURIComponent(url.pathname.slice('/app/'.length)) || 'index.html');
      if (relative.startsWith('..')) {
        res.writeHead(404).end();
        return;
      }
      try {
        const body = await readFile(join(APP_DIR, relative));
        res.writeHead(200, { 'Content-Type': TYPES[extname(relative)] ?? 'application/octet-stream',
          'Cache-Control': 'no-cache', ...APP_HEADERS });
        res.end(body);
      } catch {
        res.writeHead(404, { 'Content-Type': 'application/json' }).end('{"detail":"Not Found"}');
      }
      return;
    }
    const proxied = http.request({ host: upstream.hostname, port: upstream.port, method: req.method, path: req.url,
      headers: req.headers }, (answer) => {
      res.writeHead(answer.statusCode, answer.headers);
      answer.pipe(res);
    });
    proxied.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'application/json' });
      res.end('{"detail":"The server is not available"}');
    });
    req.pipe(proxied);
  });
  // WebSocket upgrades go through as bytes
  server.on('upgrade', (req, socket, head) => {
    const to = net.connect(Number(upstream.port), upstream.hostname, () => {
      const lines = [`${req.method} ${req.url} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      to.write(lines.join('\r\n') + '\r\n\r\n');
      if (head.length) to.write(head);
      to.pipe(socket);
      socket.pipe(to);
    });
    const end = () => { socket.destroy(); to.destroy(); };
    to.on('error', end);
    socket.on('error', end);
    to.on('close', end);
    socket.on('close', end);
  });
  return new Promise((resolve) => server.listen(port, host, () => resolve(server)));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const target = process.env.CHAT_SERVER ?? 'http://127.0.0.1:8000';
  const port = Number(process.env.PORT ?? 8080);
  const server = await startDevServer({ target, port });
  console.log(`web client from the source tree: http://127.0.0.1:${server.address().port}/app/ (API: ${target})`);
}
