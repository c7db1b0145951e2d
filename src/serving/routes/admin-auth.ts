/**
 * The admin listener's authentication (DESIGN §6, "Admin surface and DoS"): every request must carry
 * `authorization: Bearer <token>` with the token from the gateway's own configuration, else 401
 * before its body is even read. Compared in constant time. With `admin.tls` in the configuration, a
 * client certificate from the configured CA is required as well (mutual TLS).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import type { FastifyInstance } from 'fastify';
import { ServingError } from '../http';

const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();

/**
 * Installed on the admin app itself (not as an encapsulated plugin), so it guards every admin route.
 * With `requireClientCertificate` (admin.tls), the TLS handshake already refused clients without a
 * certificate from the configured CA; this re-checks that the connection was authorized.
 */
export function installAdminAuth(app: FastifyInstance, token: string, options: { requireClientCertificate?: boolean } = {}): void {
  const expected = digest(token);
  app.addHook('onRequest', async (request) => {
    if (options.requireClientCertificate && (request.raw.socket as TLSSocket).authorized !== true) {
      request.log.warn({ url: request.url, ip: request.ip }, 'admin request refused: no client certificate from the configured CA');
      throw new ServingError(401, 'admin_unauthorized', 'the admin API needs a client certificate from the CA in the gateway configuration');
    }
    const header = request.headers.authorization;
    const given = typeof header === 'string' && header.startsWith('Bearer ') ? header.slice('Bearer '.length) : '';
    if (given === '' || !timingSafeEqual(digest(given), expected)) {
      request.log.warn({ url: request.url, ip: request.ip }, 'admin request refused: no valid token');
      throw new ServingError(401, 'admin_unauthorized', 'the admin API needs the bearer token from the gateway configuration');
    }
  });
}
