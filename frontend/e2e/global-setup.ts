// Starts the real `sweetshop serve` on a fresh SQLite database in a temporary directory, with the demo catalogue
// and an admin, for the end-to-end tests; stops it afterwards. SWEETSHOP_BIN names the binary (default: the
// Release build).
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort, waitUntilReady } from './serve';

declare module 'vitest' {
  export interface ProvidedContext {
    baseURL: string;
    secretKey: string;
    adminPassword: string;
    /// What another `sweetshop serve` on the same database needs: the binary, the data directory, the secret.
    serverEnv: { bin: string; dataDir: string };
  }
}

export default async function setup(project: TestProject) {
  const bin = resolve(process.env.SWEETSHOP_BIN ?? '../build/release/sweetshop');
  const dataDir = mkdtempSync(join(tmpdir(), 'sweetshop-e2e-'));
  const port = await freePort();
  const secretKey = randomBytes(32).toString('hex');
  const adminPassword = `admin-${randomBytes(6).toString('hex')}`;
  const env = {
    ...process.env,
    SWEETSHOP_DATA_DIR: dataDir,
    SWEETSHOP_HOST: '127.0.0.1',
    SWEETSHOP_PORT: String(port),
    SWEETSHOP_SECRET_KEY: secretKey,
    SWEETSHOP_ADMIN_PASSWORD: adminPassword,
    SWEETSHOP_LOG_LEVEL: 'warn',
  };
  execFileSync(bin, ['migrate'], { env, stdio: 'pipe' });
  execFileSync(bin, ['create-admin', 'admin'], { env, stdio: 'pipe' });
  execFileSync(bin, ['seed-demo'], { env, stdio: 'pipe' });
  let output = '';
  const server = spawn(bin, ['serve'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  server.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const baseURL = `http://127.0.0.1:${port}`;
  await waitUntilReady(baseURL, server, () => output);
  project.provide('baseURL', baseURL);
  project.provide('secretKey', secretKey);
  project.provide('adminPassword', adminPassword);
  project.provide('serverEnv', { bin, dataDir });

  return async () => {
    if (server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
}
