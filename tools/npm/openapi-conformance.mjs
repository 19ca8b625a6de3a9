// The OpenAPI document against the server's real answers: starts `sweetshop serve` on a fresh SQLite database,
// puts Stoplight Prism in front of it as a validating proxy with the document `sweetshop openapi` prints, and drives
// every route and every general answer through it as an existing client would. Prism names each answer that the
// document does not describe in an `sl-violations` header; any response violation fails the run (request
// violations are expected: some requests are wrong on purpose). Prism cannot forward a body that is not JSON (it
// never answers), so the malformed bodies go to the server directly and their answers are checked against the
// document's schema for that status with Ajv.
// Usage: node tools/npm/openapi-conformance.mjs <path to sweetshop>
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';

const bin = process.argv[2];
if (!bin) {
  console.error('usage: node openapi-conformance.mjs <sweetshop>');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'sweetshop-openapi-'));
const env = {
  ...process.env,
  SWEETSHOP_DATA_DIR: join(dir, 'data'),
  SWEETSHOP_ARGON2_OPS: '1',
  SWEETSHOP_ARGON2_MEMORY_KIB: '8',
  SWEETSHOP_IDEMPOTENCY_MAX_KEYS: '3',
  SWEETSHOP_LOGIN_MAX_FAILURES: '2',
  SWEETSHOP_LOG_LEVEL: 'info',
  SWEETSHOP_ADMIN_PASSWORD: 'boss-password',
};
const children = [];
const cleanup = () => {
  for (const child of children) child.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
};
process.on('exit', cleanup);
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => process.exit(1));

/** Starts a command and resolves with its output once `ready` matches it. */
function start(command, args, ready) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let output = '';
    const timer = setTimeout(() => reject(new Error(`${command} did not start:\n${output}`)), 60000);
    const onData = (data) => {
      output += data;
      const match = output.match(ready);
      if (match) {
        clearTimeout(timer);
        resolve(match);
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${command} exited with ${code}:\n${output}`)));
  });
}

execFileSync(bin, ['create-admin', 'boss'], { env, stdio: 'ignore' });
const spec = join(dir, 'openapi.json');
writeFileSync(spec, execFileSync(bin, ['openapi']));
const [, serverPort] = await start(bin, ['serve', '--port', '0'], /listening on http:\/\/127\.0\.0\.1:(\d+)/);
const prism = join(here, 'node_modules', '.bin', 'prism');
const proxyPort = 20000 + Math.floor(Math.random() * 10000);
await start(prism, ['proxy', spec, `http://127.0.0.1:${serverPort}`, '--port', String(proxyPort), '--host', '127.0.0.1'],
  /Prism is listening/);
const base = `http://127.0.0.1:${proxyPort}`;

const failures = [];
const seen = new Set(); // "METHOD /pattern/ status" of every answer checked
const documentText = readFileSync(spec, 'utf8');
const document = JSON.parse(documentText);
const ajv = new Ajv({ strict: false, allErrors: true });
ajv.addSchema(document, 'openapi.json');
const pointer = (...parts) => parts.map((p) => String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('/');

/** A malformed body straight to the server (see above); its answer must match the document's schema. */
async function direct(method, path, raw, expect, token) {
  const headers = { 'Content-Type': 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`http://127.0.0.1:${serverPort}${path}`, { method, headers, body: raw });
  const text = await response.text();
  const label = `${method} ${path} (malformed body) -> ${response.status}`;
  seen.add(`${method} ${path} ${response.status}`);
  if (response.status !== expect) failures.push(`${label}: expected ${expect}`);
  const documented = document.paths[path]?.[method.toLowerCase()]?.responses?.[String(response.status)];
  if (!documented) return failures.push(`${label}: status not in the document`);
  const where = pointer('paths', path, method.toLowerCase(), 'responses', response.status, 'content',
    'application/json', 'schema');
  const validate = ajv.getSchema(`openapi.json#/${where}`);
  if (!validate) return failures.push(`${label}: no JSON schema for it in the document`);
  if (!validate(JSON.parse(text))) failures.push(`${label}: ${ajv.errorsText(validate.errors)} (${text})`);
}
/** A file as the body (Prism forwards only JSON), straight to the server: its JSON answer must match the
 * document's schema for `pattern` (the document's path) and that status. */
async function upload(method, path, pattern, bytes, expect, token, type = 'image/png') {
  const headers = { 'Content-Type': type };
  if (token) headers.Authorization = `Bearer ${token}`;
  const response = await fetch(`http://127.0.0.1:${serverPort}${path}`, { method, headers, body: bytes });
  const text = await response.text();
  const label = `${method} ${path} (a file) -> ${response.status}`;
  seen.add(`${method} ${pattern.replace(/\{[^}]+\}/g, '{id}')} ${response.status}`);
  if (response.status !== expect) failures.push(`${label}: expected ${expect} (${text.slice(0, 200)})`);
  const documented = document.paths[pattern]?.[method.toLowerCase()]?.responses?.[String(response.status)];
  if (!documented) return failures.push(`${label}: status not in the document`);
  const where = pointer('paths', pattern, method.toLowerCase(), 'responses', response.status, 'content',
    'application/json', 'schema');
  const validate = ajv.getSchema(`openapi.json#/${where}`);
  if (!validate) return failures.push(`${label}: no JSON schema for it in the document`);
  const json = JSON.parse(text);
  if (!validate(json)) failures.push(`${label}: ${ajv.errorsText(validate.errors)} (${text})`);
  return json;
}
/** One request through the proxy; records any response violation. */
async function call(method, path, { body, raw, headers = {}, token, expect } = {}) {
  const h = { ...headers };
  if (token) h.Authorization = `Bearer ${token}`;
  let payload = raw;
  if (body !== undefined) {
    payload = JSON.stringify(body);
    h['Content-Type'] ??= 'application/json';
  } else if (raw !== undefined) {
    h['Content-Type'] ??= 'application/json';
  }
  const response = await fetch(base + path, { method, headers: h, body: payload });
  const text = await response.text();
  const violations = JSON.parse(response.headers.get('sl-violations') ?? '[]').filter(
    (v) => v.location?.[0] === 'response',
  );
  const label = `${method} ${path} -> ${response.status}`;
  seen.add(`${method} ${path.split('?')[0].replace(/\/\d+\//g, '/{id}/')} ${response.status}`);
  if (expect !== undefined && response.status !== expect)
    failures.push(`${label}: expected ${expect} (${text.slice(0, 200)})`);
  for (const v of violations) failures.push(`${label}: ${v.message} ${JSON.stringify(v.location)}`);
  let json = null;
  try {
    json = JSON.parse(text);
  } catch {
    // not JSON (metrics, docs)
  }
  return { status: response.status, json, text, headers: response.headers };
}

const login = async (username, password) =>
  (await call('POST', '/api/auth/login/', { body: { username, password }, expect: 200 })).json;

// Accounts.
await call('GET', '/api/', { expect: 200 });
await call('GET', '/api/', { token: 'not-a-token', expect: 401 });
await call('POST', '/api/auth/register/', { body: { username: 'ann', password: 'ann-password' }, expect: 201 });
await call('POST', '/api/auth/register/', { body: { username: 'ann', password: 'short' }, expect: 400 });
await direct('POST', '/api/auth/register/', '{"username":', 400);
await direct('POST', '/api/auth/register/', '['.repeat(100000), 400);
await direct('POST', '/api/auth/login/', '{"username":1e99999}', 400);
await direct('POST', '/api/auth/token/refresh/', '{', 400);
await call('POST', '/api/auth/register/', { raw: '[1,2]', expect: 400 });
await call('POST', '/api/auth/register/', { raw: 'x', headers: { 'Content-Type': 'text/plain' }, expect: 415 });
await call('POST', '/api/auth/register/', { raw: `{"username":"${'a'.repeat(1100000)}"}`, expect: 413 });
await call('POST', '/api/auth/register/', { body: { username: 'cat', password: 'cat-password' }, token: 'bad', expect: 401 });
const ann = await login('ann', 'ann-password');
const boss = await login('boss', 'boss-password');
await call('POST', '/api/auth/login/', { body: { username: 'ann' }, expect: 400 });
await call('POST', '/api/auth/login/', { body: { username: 'nobody', password: 'wrong-password' }, expect: 401 });
await call('POST', '/api/auth/login/', { body: { username: 'nobody', password: 'wrong-password' }, expect: 401 });
await call('POST', '/api/auth/login/', { body: { username: 'nobody', password: 'wrong-password' }, expect: 429 });
await call('POST', '/api/auth/token/refresh/', { body: { refresh: ann.refresh }, expect: 200 });
await call('POST', '/api/auth/token/refresh/', { body: {}, expect: 400 });
await call('POST', '/api/auth/token/refresh/', { body: { refresh: 'nope' }, expect: 401 });
await call('GET', '/api/auth/me/', { token: ann.access, expect: 200 });
await call('GET', '/api/auth/me/', { expect: 401 });

// Catalogue.
const sweet = { name: 'Mint', category: 'Mints', price: '1.50', quantity: 3, description: 'Cool.' };
const created = await call('POST', '/api/sweets/', { body: sweet, token: boss.access, expect: 201 });
const id = created.json?.id ?? 1;
await call('POST', '/api/sweets/', { body: sweet, token: boss.access, expect: 400 });
await call('POST', '/api/sweets/', { body: sweet, token: ann.access, expect: 403 });
await direct('POST', '/api/sweets/', '{"name": "x",', 400, boss.access);
await call('POST', '/api/sweets/', { body: sweet, expect: 401 });
await call('GET', '/api/sweets/', { token: ann.access, expect: 200 });
await call('GET', '/api/sweets/?min_price=abc', { token: ann.access, expect: 400 });
await call('GET', '/api/sweets/?page=9', { token: ann.access, expect: 404 });
await call('GET', '/api/sweets/', { expect: 401 });
await call('GET', '/api/sweets/search/?name=mi&ordering=-price', { token: ann.access, expect: 200 });
await call('GET', '/api/sweets/search/?ordering=colour', { token: ann.access, expect: 400 });
await call('GET', '/api/sweets/?q=min&ordering=alphabetical', { token: ann.access, expect: 200 });
await call('GET', '/api/storefront/sweets/?q=min', { expect: 200 });
await call('GET', '/api/storefront/sweets/?min_price=x', { expect: 400 });
await call('GET', `/api/storefront/sweets/${id}/`, { expect: 200 });
await call('GET', '/api/storefront/sweets/999/', { expect: 404 });
await call('GET', `/api/sweets/${id}/`, { token: ann.access, expect: 200 });
await call('GET', '/api/sweets/999/', { token: ann.access, expect: 404 });
await call('PUT', `/api/sweets/${id}/`, { body: { ...sweet, price: '2.00' }, token: boss.access, expect: 200 });
await call('PUT', `/api/sweets/${id}/`, { body: { name: 'Mint' }, token: boss.access, expect: 400 });
await call('PUT', '/api/sweets/999/', { body: sweet, token: boss.access, expect: 404 });
await call('PATCH', `/api/sweets/${id}/`, { body: { quantity: 5 }, token: boss.access, expect: 200 });
await call('PATCH', `/api/sweets/${id}/`, { body: { price: 'x' }, token: boss.access, expect: 400 });
await call('PATCH', `/api/sweets/${id}/`, { body: { price: '1.00' }, token: ann.access, expect: 403 });

// Stock.
const purchase = `/api/sweets/${id}/purchase/`;
await call('POST', purchase, { body: { amount: 1 }, token: ann.access, expect: 200 });
await call('POST', purchase, { body: { amount: 100 }, token: ann.access, expect: 400 });
await call('POST', purchase, { body: { amount: 0 }, token: ann.access, expect: 400 });
await call('POST', '/api/sweets/999/purchase/', { body: { amount: 1 }, token: ann.access, expect: 404 });
await call('POST', purchase, { body: { amount: 1 }, headers: { 'Idempotency-Key': 'a' }, token: ann.access, expect: 200 });
await call('POST', purchase, { body: { amount: 1 }, headers: { 'Idempotency-Key': 'a' }, token: ann.access, expect: 200 });
await call('POST', purchase, { body: { amount: 2 }, headers: { 'Idempotency-Key': 'a' }, token: ann.access, expect: 422 });
await call('POST', purchase, { body: { amount: 1 }, headers: { 'Idempotency-Key': 'b' }, token: ann.access, expect: 200 });
await call('POST', purchase, { body: { amount: 1 }, headers: { 'Idempotency-Key': 'c' }, token: ann.access, expect: 200 });
await call('POST', purchase, { body: { amount: 1 }, headers: { 'Idempotency-Key': 'd' }, token: ann.access, expect: 429 });
await call('POST', purchase, { body: { amount: 1 }, headers: { 'Idempotency-Key': '\u00e9' }, token: ann.access, expect: 400 });
await call('POST', `/api/sweets/${id}/restock/`, { body: { amount: 10 }, token: boss.access, expect: 200 });
await call('POST', `/api/sweets/${id}/restock/`, { body: { amount: 2147483647 }, token: boss.access, expect: 400 });
await call('POST', `/api/sweets/${id}/restock/`, { body: { amount: 1 }, token: ann.access, expect: 403 });
// Stock control.
await call('PATCH', `/api/sweets/${id}/`, { body: { reorder_level: 50, reorder_quantity: 20, cost: '0.40' }, token: boss.access, expect: 200 });
await call('GET', `/api/sweets/${id}/`, { token: boss.access, expect: 200 });
await call('GET', '/api/sweets/?stock=low&active=true&ordering=reorder_level', { token: boss.access, expect: 200 });
await call('POST', `/api/sweets/${id}/adjust/`, { body: { delta: -1, reason: 'damaged', note: 'dropped' }, token: boss.access, expect: 200 });
await call('POST', `/api/sweets/${id}/adjust/`, { body: { reason: 'count' }, token: boss.access, expect: 400 });
await call('POST', '/api/sweets/999/adjust/', { body: { counted: 1, reason: 'count' }, token: boss.access, expect: 404 });
await call('POST', `/api/sweets/${id}/adjust/`, { body: { counted: 1, reason: 'count' }, token: ann.access, expect: 403 });
await call('POST', '/api/stock/count/', { body: { counts: [{ sweet: id, counted: 12 }], dry_run: true }, token: boss.access, expect: 200 });
await call('POST', '/api/stock/count/', { body: { counts: [{ sweet: 999, counted: 1 }] }, token: boss.access, expect: 400 });
await call('POST', '/api/stock/count/', { body: { counts: [{ sweet: id, counted: 1 }] }, token: ann.access, expect: 403 });
await call('GET', `/api/sweets/${id}/history/?page_size=2`, { token: boss.access, expect: 200 });
await call('GET', `/api/sweets/${id}/history/?page_size=0`, { token: boss.access, expect: 400 });
await call('GET', '/api/sweets/999/history/', { token: boss.access, expect: 404 });
await call('GET', `/api/sweets/${id}/history/`, { token: ann.access, expect: 403 });
await call('GET', '/api/stock/low/', { token: boss.access, expect: 200 });
await call('GET', '/api/stock/low/', { token: ann.access, expect: 403 });
// Perishables: a dated batch, the sweet's batches, the expiring list and a write-off.
const soon = new Date(Date.now() + 3 * 86400000).toISOString().slice(0, 10);
await call('POST', `/api/sweets/${id}/restock/`, { body: { amount: 4, best_before: soon, lot: 'L1' }, token: boss.access, expect: 200 });
await call('POST', `/api/sweets/${id}/restock/`, { body: { amount: 4, best_before: '2001-01-01' }, token: boss.access, expect: 400 });
const batches = await call('GET', `/api/sweets/${id}/batches/`, { token: boss.access, expect: 200 });
await call('GET', '/api/sweets/999/batches/', { token: boss.access, expect: 404 });
await call('GET', `/api/sweets/${id}/batches/`, { token: ann.access, expect: 403 });
await call('GET', '/api/stock/expiring/?days=5', { token: boss.access, expect: 200 });
await call('GET', '/api/stock/expiring/?days=-1', { token: boss.access, expect: 400 });
await call('GET', '/api/stock/expiring/', { token: ann.access, expect: 403 });
const dated = batches.json.results.find((b) => b.best_before === soon);
await call('POST', `/api/stock/batches/${dated.id}/write-off/`, { body: { note: 'dropped' }, token: boss.access, expect: 200 });
await call('POST', `/api/stock/batches/${dated.id}/write-off/`, { body: {}, token: boss.access, expect: 400 });
await call('POST', '/api/stock/batches/999999/write-off/', { body: {}, token: boss.access, expect: 404 });
await call('POST', `/api/stock/batches/${dated.id}/write-off/`, { body: {}, token: ann.access, expect: 403 });
await call('GET', '/api/stock/alerts/?status=all', { token: boss.access, expect: 200 });
await call('GET', '/api/stock/alerts/?status=x', { token: boss.access, expect: 400 });
await call('GET', '/api/stock/alerts/', { token: ann.access, expect: 403 });
await call('PATCH', `/api/sweets/${id}/`, { body: { reorder_level: 0 }, token: boss.access, expect: 200 });
// Reports.
await call('GET', '/api/reports/sales/', { token: boss.access, expect: 200 });
await call('GET', '/api/reports/sales/?group=sweet', { token: boss.access, expect: 200 });
await call('GET', '/api/reports/sales/?group=category&from=2026-01-01&to=2026-12-31', { token: boss.access, expect: 200 });
await call('GET', '/api/reports/sales/?group=year', { token: boss.access, expect: 400 });
await call('GET', '/api/reports/sales/', { token: ann.access, expect: 403 });
await call('GET', '/api/reports/best-sellers/?by=revenue&limit=5', { token: boss.access, expect: 200 });
await call('GET', '/api/reports/best-sellers/?limit=0', { token: boss.access, expect: 400 });
await call('GET', '/api/reports/best-sellers/', { token: ann.access, expect: 403 });
await call('GET', '/api/reports/stock/', { token: boss.access, expect: 200 });
await call('GET', '/api/reports/stock/', { token: ann.access, expect: 403 });
const annId = (await call('GET', '/api/auth/me/', { token: ann.access, expect: 200 })).json.id;
await call('GET', '/api/users/?search=an&role=customer&active=true', { token: boss.access, expect: 200 });
await call('GET', '/api/users/?role=king', { token: boss.access, expect: 400 });
await call('GET', '/api/users/', { token: ann.access, expect: 403 });
await call('GET', `/api/users/${annId}/`, { token: boss.access, expect: 200 });
await call('GET', '/api/users/999/', { token: boss.access, expect: 404 });
await call('PATCH', `/api/users/${annId}/`, { body: { role: 'customer', is_active: true }, token: boss.access, expect: 200 });
await call('PATCH', `/api/users/${annId}/`, { body: { role: 'king' }, token: boss.access, expect: 400 });
await call('PATCH', '/api/users/999/', { body: { role: 'staff' }, token: boss.access, expect: 404 });
await call('POST', '/api/users/999/password/', { token: boss.access, expect: 404 });
await call('GET', '/api/audit/?action=sweet.&page_size=2', { token: boss.access, expect: 200 });
await call('GET', '/api/audit/?from=nope', { token: boss.access, expect: 400 });

const bossId = (await call('GET', '/api/auth/me/', { token: boss.access, expect: 200 })).json.id;
await call('PATCH', `/api/users/${bossId}/`, { body: { role: 'staff' }, token: boss.access, expect: 409 });
// Exports (CSV).
for (const path of ['/api/exports/orders/', '/api/exports/order-lines/', '/api/exports/ledger/', '/api/exports/stock/']) {
  await call('GET', path, { token: boss.access, expect: 200 });
  await call('GET', `${path}?format=xlsx`, { token: boss.access, expect: 400 });
  await call('GET', path, { token: ann.access, expect: 403 });
}
await call('GET', '/api/exports/orders/?from=2026-01-01&to=2026-12-31&format=csv', { token: boss.access, expect: 200 });
// Orders.
const line = [{ sweet: id, amount: 1 }];
const order = (await call('POST', '/api/orders/', { body: { lines: line, note: 'gift' }, token: ann.access, expect: 201 }))
  .json;
await call('POST', '/api/orders/', { body: { lines: [] }, token: ann.access, expect: 400 });
await call('POST', '/api/orders/', { body: { lines: [{ sweet: id, amount: 0 }, 'x'] }, token: ann.access, expect: 400 });
await call('POST', '/api/orders/', { body: { lines: [{ sweet: 999, amount: 1 }] }, token: ann.access, expect: 400 });
await call('POST', '/api/orders/', { body: { lines: [{ sweet: id, amount: 1000 }] }, token: ann.access, expect: 400 });
await call('POST', '/api/orders/', { body: { lines: line, customer: null }, token: ann.access, expect: 403 });
await call('POST', '/api/orders/', { body: { lines: line }, expect: 401 });
const walkIn = { lines: line, customer: null, payment: { method: 'cash', tendered: '100.00' } };
await call('POST', '/api/orders/', { body: walkIn, headers: { 'Idempotency-Key': 'o1' }, token: boss.access, expect: 201 });
await call('POST', '/api/orders/', { body: walkIn, headers: { 'Idempotency-Key': 'o1' }, token: boss.access, expect: 201 });
await call('POST', '/api/orders/', { body: line, headers: { 'Idempotency-Key': 'o1' }, token: boss.access, expect: 400 });
await call('POST', '/api/orders/', {
  body: { lines: line, customer: 'ann', payment: { method: 'card', tendered: '1.00' } },
  token: boss.access,
  expect: 400,
});
await call('GET', '/api/orders/', { token: ann.access, expect: 200 });
await call('GET', '/api/orders/?status=paid&from=2020-01-01&to=2999-12-31', { token: boss.access, expect: 200 });
await call('GET', '/api/orders/?from=yesterday', { token: boss.access, expect: 400 });
await call('GET', '/api/orders/?page=9', { token: ann.access, expect: 404 });
await call('GET', `/api/orders/${order.number}/`, { token: ann.access, expect: 200 });
await call('GET', '/api/orders/1/', { token: ann.access, expect: 404 });
await call('GET', `/api/orders/${order.number}/receipt/`, { token: ann.access, expect: 200 });
const refund = { lines: line, restock: true, reason: 'crushed' };
await call('POST', `/api/orders/${order.number}/refund/`, { body: refund, token: ann.access, expect: 403 });
await call('POST', `/api/orders/${order.number}/refund/`, { body: refund, token: boss.access, expect: 200 });
await call('POST', `/api/orders/${order.number}/refund/`, { body: refund, token: boss.access, expect: 400 });
await call('POST', '/api/orders/99999/refund/', { body: refund, token: boss.access, expect: 404 });
await call('GET', '/api/admin/stock/verify/', { token: boss.access, expect: 200 });
await call('GET', '/api/admin/stock/verify/', { token: ann.access, expect: 403 });
// Photos: the file itself is the body (a 1 x 1 PNG).
const png = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');
const imagePattern = '/api/sweets/{id}/image/';
const withPhoto = await upload('PUT', `/api/sweets/${id}/image/`, imagePattern, png, 200, boss.access);
await upload('PUT', `/api/sweets/${id}/image/`, imagePattern, Buffer.from('not an image'), 400, boss.access);
await upload('PUT', '/api/sweets/999/image/', imagePattern, png, 404, boss.access);
await upload('PUT', `/api/sweets/${id}/image/`, imagePattern, png, 403, ann.access);
await upload('PUT', `/api/sweets/${id}/image/`, imagePattern, Buffer.alloc(5 * 1024 * 1024 + 1024), 413, boss.access);
for (const file of [withPhoto?.image, withPhoto?.thumbnail]) {
  const got = await call('GET', file ?? '/api/images/none/', { expect: 200 });
  seen.add('GET /api/images/{id}/ 200');
  await call('GET', file ?? '/api/images/none/', { headers: { 'If-None-Match': got.headers.get('etag') }, expect: 304 });
}
await call('GET', '/api/images/0123456789abcdef0123456789abcdef-card.webp', { expect: 404 });
await call('DELETE', `/api/sweets/${id}/image/`, { token: boss.access, expect: 200 });
// The catalogue as CSV: the export, and the import's dry run, apply, refusals.
const catalogue = await call('GET', '/api/exports/catalogue/', { token: boss.access, expect: 200 });
await call('GET', '/api/exports/catalogue/', { token: ann.access, expect: 403 });
const importPattern = '/api/sweets/import/';
await upload('POST', importPattern, importPattern, catalogue.text, 200, boss.access, 'text/csv');
await upload('POST', '/api/sweets/import/?apply=true', importPattern, 'name,category,price\nCsv Drop,Gummies,0.50\n', 200,
  boss.access, 'text/csv');
await upload('POST', '/api/sweets/import/?apply=true', importPattern, 'name,category,price\nBad,Gummies,x\n', 400,
  boss.access, 'text/csv');
await upload('POST', importPattern, importPattern, 'colour\nred\n', 400, boss.access, 'text/csv');
await upload('POST', importPattern, importPattern, 'name\nX\n', 403, ann.access, 'text/csv');
await call('DELETE', '/api/sweets/999/image/', { token: boss.access, expect: 404 });
await call('GET', `/api/sweets/?barcode=4006381333931`, { token: boss.access, expect: 200 });
await call('GET', `/api/sweets/?barcode=4006381333932`, { token: boss.access, expect: 400 });
await call('PATCH', `/api/sweets/${id}/`, { body: { sku: 'MIN-1', barcode: '4006381333931' }, token: boss.access, expect: 200 });

await call('DELETE', `/api/sweets/${id}/`, { token: ann.access, expect: 403 });
await call('DELETE', `/api/sweets/${id}/`, { token: boss.access, expect: 204 });
await call('DELETE', `/api/sweets/${id}/`, { token: boss.access, expect: 404 });

// Sessions and the account.
const web = await call('POST', '/api/auth/session/', { body: { username: 'ann', password: 'ann-password' }, expect: 200 });
const cookie = (web.headers.get('set-cookie') ?? '').split(';')[0];
await call('POST', '/api/auth/session/', { body: { username: 'ann' }, expect: 400 });
const rotated = await call('POST', '/api/auth/session/refresh/', { headers: { Cookie: cookie }, expect: 200 });
await call('POST', '/api/auth/session/refresh/', { expect: 401 });
await call('GET', '/api/auth/sessions/', { token: web.json.access, expect: 200 });
await call('PATCH', '/api/auth/me/', { body: { email: 'ann@example.com' }, token: web.json.access, expect: 200 });
await call('PATCH', '/api/auth/me/', { body: { email: 'not an email' }, token: web.json.access, expect: 400 });
await call('POST', '/api/auth/password/', {
  body: { current_password: 'wrong-password', new_password: 'ann-password-2' },
  token: web.json.access,
  expect: 400,
});
const spare = await login('ann', 'ann-password');
await call('DELETE', '/api/auth/sessions/999999/', { token: web.json.access, expect: 404 });
await call('POST', '/api/auth/sessions/end-others/', { token: web.json.access, expect: 200 });
await call('POST', '/api/auth/logout/', { body: { refresh: spare.refresh }, expect: 204 });
await call('POST', '/api/auth/logout/', { body: {}, expect: 400 });
await call('POST', '/api/auth/logout/', {
  headers: { Cookie: (rotated.headers.get('set-cookie') ?? '').split(';')[0] },
  body: {},
  expect: 204,
});

// Observability and documents.
await call('GET', '/api/health/', { expect: 200 });
await call('GET', '/api/shop/', { expect: 200 });
await call('GET', '/api/metrics/sweets/', { expect: 200 });
await call('GET', '/metrics/', { expect: 200 });
await call('GET', '/api/schema/', { expect: 200 });
await call('GET', '/api/schema/?format=yaml', { expect: 200 });
await call('GET', '/api/docs/', { expect: 200 });

// Every operation of the document was driven at least once.
for (const [path, item] of Object.entries(document.paths)) {
  for (const method of Object.keys(item)) {
    if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
    const key = `${method.toUpperCase()} ${path.replace(/\{[^}]+\}/g, '{id}')}`;
    if (![...seen].some((k) => k.startsWith(`${key} `)))
      failures.push(`${key}: not driven by this pass (add a request for it)`);
  }
}

if (failures.length) {
  console.error(`OpenAPI conformance: ${failures.length} problem(s):\n  ${failures.join('\n  ')}`);
  process.exit(1);
}
console.log(`OpenAPI conformance: ${seen.size} distinct answers through Prism, no response violation`);
process.exit(0);
