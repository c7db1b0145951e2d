/**
 * DESIGN §6, "Admin surface and DoS" (issue 17 item 2): besides its bearer token, the gateway's admin
 * listener can require mutual TLS (`admin.tls: { ca, cert, key }` in gateway.yaml). A client without
 * a certificate from that CA does not get past the handshake, whatever token it holds; one with the
 * certificate but no token is still refused; the workers' admin client presents both. Certificates
 * are made in the test (src/cluster/certs.ts).
 */
import { join } from 'node:path';
import { Agent, request } from 'undici';
import { createCertificateAuthority, createStackCertificates, issueCertificate, StackCertificates, type CertificateFiles } from '../../src/cluster/certs';
import { fetchGatewayAdmin } from '../../src/serving/admin-client';
import { gatewayConfigSchema, GatewayHandle } from '../../src/serving/gateway';
import { readFileSync } from 'node:fs';
import { call, pipelineKey, startGateway, TempDirs, TEST_ADMIN_TOKEN } from '../unit/serving/fixtures';

const temp = new TempDirs();
const pipeline = pipelineKey();
let certs: StackCertificates;
let stranger: CertificateFiles;
let gateway: GatewayHandle;
let userUrl: string;
const agents: Agent[] = [];

beforeAll(async () => {
  const dir = await temp.make();
  certs = createStackCertificates(join(dir, 'admin-tls'));
  // A client certificate from another CA: well formed, but not from the one the gateway names.
  const otherCa = createCertificateAuthority(join(dir, 'other-ca'), 'other-ca');
  stranger = issueCertificate(otherCa, join(dir, 'other-ca'), 'stranger', { commonName: 'gatehouse', usage: 'client' });
  gateway = await startGateway(await temp.make(), [pipeline.publicKeyPem], {
    admin: { port: 0, token: TEST_ADMIN_TOKEN, tls: { ca: certs.ca.certFile, cert: certs.server.certFile, key: certs.server.keyFile } },
  });
  userUrl = await gateway.listen();
});

afterAll(async () => {
  await gateway.close();
  for (const agent of agents) await agent.close();
  await temp.removeAll();
});

/** An admin call over TLS that trusts the gateway's CA, presenting `client` (or no certificate). */
async function adminOver(client: CertificateFiles | null, headers: Record<string, string>) {
  const agent = new Agent({
    connect: { ca: readFileSync(certs.ca.certFile), ...(client ? { cert: readFileSync(client.certFile), key: readFileSync(client.keyFile) } : {}) },
  });
  agents.push(agent);
  const response = await request(`${gateway.adminUrl}/admin/v1/routes`, { dispatcher: agent, headers });
  return { statusCode: response.statusCode, body: await response.body.text() };
}

const withToken = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

test('the admin listener speaks HTTPS only, with the configured certificate', () => {
  expect(gateway.adminUrl).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
});

test('without a client certificate, the token alone does not get past the handshake', async () => {
  await expect(adminOver(null, withToken)).rejects.toThrow();
});

test('a client certificate from another CA is refused, token or not', async () => {
  await expect(adminOver(stranger, withToken)).rejects.toThrow();
});

test('the right certificate without the token is still refused (401)', async () => {
  const refused = await adminOver(certs.clients.worker, {});
  expect(refused.statusCode).toBe(401);
  expect(JSON.parse(refused.body)).toMatchObject({ error: { type: 'admin_unauthorized' } });
});

test('certificate and token: the workers\' admin client reads the routing table', async () => {
  const target = {
    gatewayAdminUrl: gateway.adminUrl,
    gatewayAdminToken: TEST_ADMIN_TOKEN,
    gatewayAdminTls: { ca: readFileSync(certs.ca.certFile), cert: readFileSync(certs.clients.worker.certFile), key: readFileSync(certs.clients.worker.keyFile) },
  };
  const response = await fetchGatewayAdmin(target, '/admin/v1/routes');
  expect(response.status).toBe(200);
  expect(await response.json()).toEqual({ routes: [] });
  // Without the certificate the same client gets nowhere.
  const { gatewayAdminTls: _omitted, ...tokenOnly } = target;
  await expect(fetchGatewayAdmin(tokenOnly, '/admin/v1/routes')).rejects.toThrow();
});

test('the user port is unchanged: plain HTTP, and no admin endpoint there', async () => {
  expect((await call(userUrl, 'GET', '/admin/v1/routes', undefined, withToken)).statusCode).toBe(404);
});

test('admin.tls is parsed strictly: all three files, no unknown key', () => {
  const base = { port: 0, host: '127.0.0.1', environment: 'production', dataDir: '/tmp/x', pipelinePublicKeys: [pipeline.publicKeyPem], requiredGates: ['policy'] };
  const admin = { port: 0, token: TEST_ADMIN_TOKEN };
  expect(gatewayConfigSchema.safeParse({ ...base, admin: { ...admin, tls: { ca: 'ca.pem', cert: 'c.pem' } } }).success).toBe(false);
  expect(gatewayConfigSchema.safeParse({ ...base, admin: { ...admin, tls: { ca: 'ca.pem', cert: 'c.pem', key: 'k.pem', verify: false } } }).success).toBe(false);
  expect(gatewayConfigSchema.safeParse({ ...base, admin: { ...admin, tls: { ca: 'ca.pem', cert: 'c.pem', key: 'k.pem' } } }).success).toBe(true);
});
