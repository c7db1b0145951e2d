/**
 * The admin listener's routing endpoints (never on the user port):
 *   POST /admin/v1/routes       { attestation: Envelope } → applied | unchanged | 403 attestation_refused
 *   GET  /admin/v1/routes       the routing table
 *   GET  /admin/v1/promotions   every accepted routing change, in order
 * An envelope carries at most MAX_ATTESTATION_SIGNATURES signatures, each checked only against the
 * pipeline key its keyid names, so junk signatures cost nothing (DESIGN §6, "Admin surface and DoS").
 */
import type { FastifyPluginAsync } from 'fastify';
import { z } from 'zod';
import { envelopeSchema } from '../../signing/dsse';
import { AdmissionRefused, admitAttestation, MAX_ATTESTATION_SIGNATURES } from '../admission';
import { querySchema, ServingError } from '../http';
import { fetchServedModels } from '../served-models';
import type { GatewayContext } from './context';

/**
 * An envelope with no signature still parses here, so that an unsigned attestation is refused as
 * such (403 untrusted_signature) rather than as a malformed request.
 */
const admissionRequestSchema = z.strictObject({
  attestation: envelopeSchema.extend({
    signatures: z.array(envelopeSchema.shape.signatures.element).max(MAX_ATTESTATION_SIGNATURES, `expected at most ${MAX_ATTESTATION_SIGNATURES} signatures`),
  }),
});
/** Any body without an `attestation` is an attempt to change routing unattested (§6 "Pipeline skip"): a 403, not a 400. */
const admissionBodySchema = z.unknown().transform((body, context) => {
  const hasAttestation = typeof body === 'object' && body !== null && 'attestation' in body && (body as { attestation: unknown }).attestation != null;
  if (!hasAttestation) return null;
  const parsed = admissionRequestSchema.safeParse(body);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) context.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  return parsed.data;
});
const noQuery = querySchema({});

export const adminRoutesRoute: FastifyPluginAsync<{ gateway: GatewayContext }> = async (app, { gateway }) => {
  const { state } = gateway;

  app.post<{ Body: z.output<typeof admissionBodySchema> }>('/admin/v1/routes', { schema: { body: admissionBodySchema } }, async (request) => {
    if (request.body === null) {
      throw new ServingError(403, 'attestation_refused', 'routing changes require a deployment attestation signed by the pipeline', 'missing_attestation');
    }
    const { attestation } = request.body;
    const admission = gateway.admissions.run(() =>
      admitAttestation(attestation, {
        policy: gateway.admissionPolicy,
        state,
        now: gateway.now(),
        fetchServedModels: (backendUrl) => fetchServedModels(gateway.backends, backendUrl),
      }),
    );
    try {
      const result = await admission;
      const { model, slot, weight, version, workflowId } = result.route;
      request.log.info({ model, slot, weight, version, workflowId, status: result.status }, 'attestation admitted');
      return result;
    } catch (err) {
      if (err instanceof AdmissionRefused) {
        request.log.warn({ reason: err.reason }, `attestation refused: ${err.message}`);
        throw new ServingError(403, 'attestation_refused', err.message, err.reason);
      }
      throw err;
    }
  });

  app.get('/admin/v1/routes', { schema: { querystring: noQuery } }, async () => ({ routes: state.routingTable.entries() }));

  app.get('/admin/v1/promotions', { schema: { querystring: noQuery } }, async () => ({ promotions: state.promotionLog() }));
};
