// Runs the real service for the browser tests: bootstrap/target/chat-server.jar (built by
// `mvn verify`), on a free port, with a database of its own, and can restart it on the same port
// and data (the "server restarts mid-conversation" test).
//
// Database: PostgreSQL at 127.0.0.1:5432 (database "test", user postgres, as in CI) in a schema of
// its own when that answers, which starts in a few seconds; otherwise the service's embedded
// PostgreSQL in a temporary data directory. CHAT_E2E_EMBEDDED=1 forces the embedded one.
// CHAT_JAR names another jar. CHAT_E2E_APP_FROM_SOURCE=1 serves /app/ from the source tree through
// dev-server.mjs in front of the service (to try client changes without rebuilding the jar).

import { spawn } from 'node:child_process';
import { mkdtemp, rm, access } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { startDevServer } from '../dev-server.mjs';

const REPO = fileURLToPath(new URL('../../../', import.meta.url));
const JAR = process.env.CHAT_JAR ?? join(REPO, 'bootstrap/target/chat-server.jar');
const START_TIMEOUT_MS = 90_000;

export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

function reachable(host, port) {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 1000 });
    socket.once('connect', () => { socket.destroy(); resolve(true); });
    socket.once('timeout', () => { socket.destroy(); resolve(false); });
    socket.once('error', () => resolve(false));
  });
}

export class ChatServer {
  constructor({ port, dataDir, env, logPath }) {
    this.port = port;
    this.dataDir = dataDir;
    this.env = env;
    this.logPath = logPath;
    this.process = null;
    this.front = null;
  }

  /** Where the browser goes: the service itself, or the dev server in front of it. */
  get baseUrl() {
    return this.front ? `http://127.0.0.1:${this.front.address().port}` : this.apiUrl;
  }

  get apiUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  static async start(options = {}) {
    await access(JAR).catch(() => {
      throw new Error(`${JAR} is missing: build it first (mvn verify, or mvn -DskipTests package)`);
    });
    const dataDir = await mkdtemp(join(os.tmpdir(), 'chat-e2e-'));
    const port = await freePort();
    const env = {
      PATH: process.env.PATH,
      HOME: process.env.HOME ?? dataDir,
      LANG: 'C.UTF-8',
      CHAT_DATA_DIR: dataDir,
      CHAT_HTTP_PORT: String(port),
      CHAT_HTTP_HOST: '127.0.0.1',
      CHAT_RATE_LIMITS: 'off',
      CHAT_BCRYPT_COST: '4',
      CHAT_LOG_FORMAT: 'console',
      ...options.env,
    };
    if (process.env.JAVA_HOME) env.JAVA_HOME = process.env.JAVA_HOME;
    if (process.env.CHAT_E2E_EMBEDDED !== '1' && await reachable('127.0.0.1', 5432)) {
      env.CHAT_DATABASE_URL = 'jdbc:postgresql://127.0.0.1:5432/test?user=postgres';
      env.CHAT_DATABASE_SCHEMA = `e2e_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
      env.CHAT_JWT_SECRET = randomBytes(32).toString('hex');
    }
    const server = new ChatServer({ port, dataDir, env, logPath: join(dataDir, 'server.log') });
    await server.start();
    if (process.env.CHAT_E2E_APP_FROM_SOURCE === '1') server.front = await startDevServer({ target: server.apiUrl });
    return server;
  }

  /** Starts the service (again): same port, same database, same secret. */
  async start() {
    const java = process.env.JAVA_HOME ? join(process.env.JAVA_HOME, 'bin/java') : 'java';
    const log = createWriteStream(this.logPath, { flags: 'a' });
    this.process = spawn(java, ['-Xmx512m', '-XX:TieredStopAtLevel=1', '-jar', JAR], {
      env: this.env, stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.process.stdout.pipe(log);
    this.process.stderr.pipe(log);
    const exited = new Promise((resolve) => this.process.once('exit', (code) => resolve(code)));
    this.exited = exited;
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const early = await Promise.race([exited, new Promise((r) => setTimeout(() => r(undefined), 250))]);
      if (early !== undefined) throw new Error(`the server exited with ${early} while starting; see ${this.logPath}`);
      try {
        const response = await fetch(`${this.apiUrl}/health/live`);
        if (response.ok) return;
      } catch { /* not listening yet */ }
    }
    throw new Error(`the server did not start within ${START_TIMEOUT_MS / 1000} s; see ${this.logPath}`);
  }

  /** Stops the service (as an operator would: SIGTERM, a graceful shutdown) and waits for it. */
  async stop() {
    if (!this.process) return;
    const child = this.process;
    this.process = null;
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
      await this.exited;
      clearTimeout(timer);
    }
  }

  async restart() {
    await this.stop();
    await this.start();
  }

  /** Stops it for good and removes its data (and its schema). */
  async close() {
    await this.stop();
    if (this.front) await new Promise((resolve) => this.front.close(resolve));
    if (this.env.CHAT_DATABASE_SCHEMA) {
      await new Promise((resolve) => {
        const psql = spawn('psql', ['-h', '127.0.0.1', '-U', 'postgres', '-d', 'test', '-qc',
          `DROP SCHEMA IF EXISTS "${this.env.CHAT_DATABASE_SCHEMA}" CASCADE`], { stdio: 'ignore' });
        psql.once('error', resolve);
        psql.once('exit', resolve);
      });
    }
    if (!process.env.CHAT_E2E_KEEP) await rm(this.dataDir, { recursive: true, force: true });
  }

  // ---- the API from the test itself, to set a scene quickly ----

  async api(method, path, { token, json, form } = {}) {
    const headers = {};
    let body;
    if (token) headers.Authorization = `Bearer ${token}`;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    } else if (form !== undefined) {
      body = new URLSearchParams(form);
    }
    const response = await fetch(this.apiUrl + path, { method, headers, body });
    const text = await response.text();
    const data = text ? JSON.parse(text) : null;
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    return data;
  }

  async login(username, password) {
    return (await this.api('POST', '/login', { form: { username, password } })).access_token;
  }
}
