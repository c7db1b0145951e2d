/**
 * The Slack interactivity endpoint wired to Temporal: a verified click becomes a decision signed with
 * the Slack app's key and is handed to the run as the `decision` signal (Slack wants an answer within
 * 3 seconds; the workflow's checks run after, and their outcome is posted in the request's thread).
 */
import type { Client } from '@temporalio/client';
import type { FastifyInstance } from 'fastify';
import type { SlackSettings } from '../worker-config';
import { decodeApproval } from '../approval/decision';
import { createSlackApp } from './interactivity';

export async function startSlackInteractivity(options: { slack: SlackSettings; client: Client; port?: number; host?: string }): Promise<{ url: string; app: FastifyInstance }> {
  const app = createSlackApp({
    signingSecret: options.slack.signingSecret,
    slackAppKey: options.slack.appKey,
    approverForSlackUser: (slackUserId) => options.slack.users[slackUserId] ?? null,
    submit: async (envelope) => {
      const decoded = decodeApproval(envelope);
      if (!decoded.ok) return { accepted: false, reason: decoded.reason };
      await options.client.workflow.getHandle(decoded.decision.workflowId).signal('decision', { envelope });
      return { accepted: true, reason: 'received; Gatehouse checks it and answers in this thread' };
    },
  });
  const url = await app.listen({ port: options.port ?? options.slack.interactivityPort, host: options.host ?? '127.0.0.1' });
  return { url, app };
}
