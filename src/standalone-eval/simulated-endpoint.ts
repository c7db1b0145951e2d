/**
 * A bundled example model (examples/models/<name>/model.json) served on its own, so `gatehouse eval`
 * has an endpoint to try without the stack: the OpenAI chat route (SSE when asked, else JSON) for a
 * simulated chat model, KServe V1 predict for a classifier, and `GET /v1/models`. The answers and
 * service times come from the same functions the model host uses; it verifies nothing and is for
 * trying Gatehouse, never for serving users.
 */
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { parseWith } from '../errors';
import { classifierSpecSchema, predictClassifier, predictTarget, type ClassifierSpec } from '../serving/classifier-model';
import { respondChat, simulatedChatSpecSchema, SIMULATED_CHAT_SPEC_FILE, type ChatTurn, type SimulatedChatSpec } from '../serving/simulated-chat-model';
import { readYamlOrJson } from '../yaml-file';

export interface SimulatedEndpoint {
  url: string;
  model: string;
  close(): Promise<void>;
}

type Spec = SimulatedChatSpec | ClassifierSpec;

export function loadExampleSpec(modelPath: string): Spec {
  const path = modelPath.endsWith('.json') ? resolve(modelPath) : join(resolve(modelPath), SIMULATED_CHAT_SPEC_FILE);
  const json = readYamlOrJson(path, 'model spec');
  const isClassifier = typeof json === 'object' && json !== null && (json as { kind?: unknown }).kind === 'logistic-regression';
  return isClassifier ? parseWith(classifierSpecSchema, json, path) : parseWith(simulatedChatSpecSchema, json, path);
}

const chatBodySchema = z.looseObject({
  messages: z.array(z.looseObject({ role: z.enum(['system', 'user', 'assistant']), content: z.string() })).min(1),
  stream: z.boolean().optional(),
});
const predictBodySchema = z.looseObject({ instances: z.array(z.unknown()) });

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}

export async function serveSimulatedModel(spec: Spec, options: { port?: number; host?: string } = {}): Promise<SimulatedEndpoint> {
  const created = Math.floor(Date.now() / 1000);
  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = (request.url ?? '/').split('?')[0]!;
    if (request.method === 'GET' && path === '/v1/models') {
      send(response, 200, { object: 'list', data: [{ id: spec.name, object: 'model', created, owned_by: 'gatehouse-simulated' }] });
      return;
    }
    if (request.method === 'POST' && path === '/v1/chat/completions' && spec.kind === 'simulated-chat') {
      const body = chatBodySchema.safeParse(await readJson(request));
      if (!body.success) return send(response, 400, { error: { message: 'expected { messages: [{ role, content }] }' } });
      const { text, latencyMs } = respondChat(spec, body.data.messages as ChatTurn[]);
      if (latencyMs > 0) await sleep(latencyMs);
      const identity = { id: `chatcmpl-${Math.random().toString(36).slice(2)}`, created, model: spec.name };
      if (!body.data.stream) {
        send(response, 200, { ...identity, object: 'chat.completion', choices: [{ index: 0, message: { role: 'assistant', content: text }, finish_reason: 'stop' }] });
        return;
      }
      const chunk = (delta: Record<string, string>, finish: string | null) =>
        `data: ${JSON.stringify({ ...identity, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`;
      response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache' });
      response.end(chunk({ role: 'assistant', content: text }, null) + chunk({}, 'stop') + 'data: [DONE]\n\n');
      return;
    }
    const target = path.startsWith('/v1/models/') ? predictTarget(path.slice('/v1/models/'.length)) : null;
    if (request.method === 'POST' && target === spec.name && spec.kind === 'logistic-regression') {
      const body = predictBodySchema.safeParse(await readJson(request));
      if (!body.success) return send(response, 400, { error: 'expected { instances: [...] }' });
      const result = predictClassifier(spec, body.data.instances);
      if (!result.ok) return send(response, 400, { error: result.error });
      send(response, 200, { predictions: result.predictions });
      return;
    }
    send(response, 404, { error: { message: `no route ${request.method} ${path} for the ${spec.kind} model ${spec.name}` } });
  };
  const server: Server = createServer((request, response) => {
    handle(request, response).catch((err: unknown) => send(response, 500, { error: { message: (err as Error).message } }));
  });
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolveListen());
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    model: spec.name,
    close: () =>
      new Promise<void>((resolveClose) => {
        server.closeAllConnections();
        server.close(() => resolveClose());
      }),
  };
}
