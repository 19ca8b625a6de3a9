// Starting `sweetshop serve` and waiting until it answers: the e2e server of global-setup, and the short-lived
// servers a test starts beside it on the same database (another time zone's view of the same shop).
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';

export function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? ok(address.port) : fail(new Error('no port'))));
    });
  });
}

export async function waitUntilReady(url: string, server: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`sweetshop serve exited with ${server.exitCode}:\n${log()}`);
    try {
      const r = await fetch(`${url}/api/health/`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`sweetshop serve did not answer within 20 s:\n${log()}`);
}

/// `sweetshop serve` with `env` on a free port, once it answers; stop() ends it.
export async function startServer(
  bin: string,
  env: NodeJS.ProcessEnv,
): Promise<{ url: string; stop(): Promise<void> }> {
  const port = await freePort();
  let output = '';
  const server = spawn(bin, ['serve'], {
    env: { ...env, SWEETSHOP_HOST: '127.0.0.1', SWEETSHOP_PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}`;
  await waitUntilReady(url, server, () => output);
  return {
    url,
    stop: async () => {
      if (server.exitCode !== null) return;
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    },
  };
}
