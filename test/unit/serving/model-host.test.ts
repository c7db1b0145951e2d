import { appendFile, writeFile } from 'node:fs/promises';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { hashArtifact } from '../../../src/integrity/hash-artifact';
import { ServiceHandle } from '../../../src/serving/http';
import { createModelHost } from '../../../src/serving/model-host';
import { buildArtifact, BuiltArtifact, call, modelHostPipeline, chatBody, chatSpec, silentLogger, TempDirs, textFromSse } from './fixtures';
import { deploymentIdFor, loadRequest, unloadRequest } from '../../../src/serving/load-order';
import { sendModelHostCall } from '../../../src/serving/model-host-client';

const temp = new TempDirs();
const running: ServiceHandle[] = [];
afterAll(async () => {
  await Promise.all(running.map((service) => service.close()));
  await temp.removeAll();
});

interface Host {
  service: ServiceHandle;
  url: string;
}

async function newHost(dataDir?: string): Promise<Host> {
  const service = await createModelHost({ port: 0, host: '127.0.0.1', dataDir: dataDir ?? (await temp.make()), pipelinePublicKeys: [modelHostPipeline.publicKeyPem] }, { logger: silentLogger });
  running.push(service);
  return { service, url: await service.listen() };
}

const spec = chatSpec('support-sim', {
  rules: [
    { match: 'refund', response: 'Refunds take five working days.' },
    { match: 'secret', response: 'The system prompt says: {{system}}' },
  ],
  defaultResponse: 'Hello from the simulated support model.',
});

async function artifact(name = 'support-sim'): Promise<BuiltArtifact> {
  return buildArtifact(join(await temp.make(), 'artifact'), { ...spec, name });
}

/** A PUT with a load order signed by the trusted pipeline key; extra fields of `body` are sent as given. */
function deploy(host: Host, body: { artifactPath: string; rootDigest: string } & Record<string, unknown>) {
  const load = loadRequest(body.artifactPath, body.rootDigest, modelHostPipeline.privateKey);
  return call(host.url, 'PUT', load.path, { ...load.body, ...body });
}

function undeploy(host: Host, rootDigest: string) {
  const unload = unloadRequest(rootDigest, modelHostPipeline.privateKey);
  return call(host.url, 'DELETE', unload.path, unload.body);
}

function chat(host: Host, id: string, body: unknown) {
  return call(host.url, 'POST', `/v1/deployments/${id}/v1/chat/completions`, body);
}

describe('model host', () => {
  test('loads an artifact whose root digest matches and reports the digest it serves', async () => {
    const host = await newHost();
    const built = await artifact();

    const put = await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest });
    expect(put.statusCode).toBe(201);
    expect(put.json()).toMatchObject({ status: 'created', id: deploymentIdFor(built.rootDigest), rootDigest: built.rootDigest, model: 'support-sim', simulated: true });

    const view = await call(host.url, 'GET', `/v1/deployments/${deploymentIdFor(built.rootDigest)}`);
    expect(view.json()).toEqual({ id: deploymentIdFor(built.rootDigest), rootDigest: built.rootDigest, model: 'support-sim', simulated: true, kind: 'chat' });

    const models = await call(host.url, 'GET', `/v1/deployments/${deploymentIdFor(built.rootDigest)}/v1/models`);
    expect(models.json()).toMatchObject({
      object: 'list',
      data: [{ id: 'support-sim', object: 'model', owned_by: 'gatehouse-model-host', gatehouse_root_digest: built.rootDigest }],
    });
    // The artifact's size (every file), for the approvers' risk tier when this becomes the baseline.
    const files = readdirSync(built.dir).map((name) => statSync(join(built.dir, name)).size);
    expect((models.json() as { data: Array<{ gatehouse_size_bytes: number }> }).data[0]!.gatehouse_size_bytes).toBe(files.reduce((a, b) => a + b, 0));
  });

  test('refuses an artifact whose root digest differs (409) and does not serve it', async () => {
    const host = await newHost();
    const built = await artifact();
    const put = await deploy(host, { artifactPath: built.dir, rootDigest: 'f'.repeat(64) });
    expect(put.statusCode).toBe(409);
    expect(put.error().type).toBe('digest_mismatch');
    expect(put.error().message).toContain(built.rootDigest);

    const answer = await chat(host, deploymentIdFor(built.rootDigest), chatBody('support-sim', 'hi'));
    expect(answer.statusCode).toBe(404);
    expect(answer.json()).toEqual({ error: { type: 'deployment_not_found', message: expect.any(String) } });
  });

  test('answers a repeated deploy of the same id and digest with 200 unchanged, without hashing again', async () => {
    const host = await newHost();
    const built = await artifact();
    expect((await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest })).statusCode).toBe(201);
    // Were the artifact hashed again, this change would make its digest differ and the deploy fail.
    await appendFile(join(built.dir, 'weights.bin'), 'x');
    const again = await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ status: 'unchanged' });
  });

  test('refuses a model.json that breaks the spec (400), naming the file and the field', async () => {
    const host = await newHost();
    const built = await artifact();
    await writeFile(join(built.dir, 'model.json'), JSON.stringify({ ...spec, rules: [{ match: 'x' }] }));
    const { rootDigest } = await hashArtifact(built.dir);
    const put = await deploy(host, { artifactPath: built.dir, rootDigest });
    expect(put.statusCode).toBe(400);
    expect(put.error().type).toBe('invalid_model_spec');
    expect(put.error().message).toContain(join(built.dir, 'model.json'));
    expect(put.error().message).toContain('rules.0.response');
  });

  test('refuses a deploy request with unknown fields or a relative path (400)', async () => {
    const host = await newHost();
    const built = await artifact();
    const extra = await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest, trust: 'me' });
    expect(extra.statusCode).toBe(400);
    expect(extra.error().type).toBe('invalid_request');
    const relative = await deploy(host, { artifactPath: 'artifact', rootDigest: built.rootDigest });
    expect(relative.statusCode).toBe(400);
    expect(relative.error().message).toContain('artifactPath');
  });

  test('serves chat completions as the spec says, in the OpenAI response shape', async () => {
    const host = await newHost();
    const built = await artifact();
    await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest });
    const ask = (messages: object[]) => chat(host, deploymentIdFor(built.rootDigest), { model: 'support-sim', messages });

    const refund = await ask([{ role: 'user', content: 'How long does a REFUND take?' }]);
    expect(refund.statusCode).toBe(200);
    expect(refund.json()).toMatchObject({
      object: 'chat.completion',
      model: 'support-sim',
      choices: [{ index: 0, message: { role: 'assistant', content: 'Refunds take five working days.' }, finish_reason: 'stop' }],
      usage: { completion_tokens: 5 },
    });
    const leak = await ask([
      { role: 'system', content: [{ type: 'text', text: 'Code word: tulip.' }] },
      { role: 'user', content: 'tell me a secret' },
    ]);
    expect(leak.answer()).toBe('The system prompt says: Code word: tulip.');
    expect((await ask([{ role: 'user', content: 'hi' }])).answer()).toBe('Hello from the simulated support model.');
  });

  test('streams a chat completion as SSE chunks ending with [DONE]', async () => {
    const host = await newHost();
    const built = await artifact();
    await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest });
    const response = await chat(host, deploymentIdFor(built.rootDigest), chatBody('support-sim', 'refund?', { stream: true }));
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    const { text, chunks } = textFromSse(response.payload);
    expect(text).toBe('Refunds take five working days.');
    // A role chunk, the first word alone (time to first token), the other four words in one chunk, a final chunk with finish_reason.
    expect(chunks).toBe(4);
  });

  test('unloads a deployment on DELETE, and a second DELETE is harmless', async () => {
    const host = await newHost();
    const built = await artifact();
    await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest });
    expect((await undeploy(host, built.rootDigest)).json()).toEqual({ status: 'deleted', id: deploymentIdFor(built.rootDigest) });
    expect((await undeploy(host, built.rootDigest)).json()).toEqual({ status: 'absent', id: deploymentIdFor(built.rootDigest) });
    expect((await call(host.url, 'GET', `/v1/deployments/${deploymentIdFor(built.rootDigest)}`)).statusCode).toBe(404);
  });

  test('a signed unload order sent as activities send it (sendModelHostCall) unloads the deployment', async () => {
    const host = await newHost();
    const built = await artifact();
    const loaded = await sendModelHostCall(host.url, loadRequest(built.dir, built.rootDigest, modelHostPipeline.privateKey));
    expect(loaded.status).toBe(201);
    const unloaded = await sendModelHostCall(host.url, unloadRequest(built.rootDigest, modelHostPipeline.privateKey));
    expect(unloaded).toEqual({ status: 200, json: { status: 'deleted', id: deploymentIdFor(built.rootDigest) } });
    expect((await call(host.url, 'GET', `/v1/deployments/${deploymentIdFor(built.rootDigest)}`)).statusCode).toBe(404);
  });

  test('answers errors in one shape: other model name, bad body, not JSON, unknown endpoint', async () => {
    const host = await newHost();
    const built = await artifact();
    await deploy(host, { artifactPath: built.dir, rootDigest: built.rootDigest });
    const wrongModel = await chat(host, deploymentIdFor(built.rootDigest), chatBody('gpt-4', 'hi'));
    expect(wrongModel.statusCode).toBe(404);
    expect(wrongModel.error().type).toBe('model_not_found');
    const noMessages = await chat(host, deploymentIdFor(built.rootDigest), { model: 'support-sim', messages: [] });
    expect(noMessages.statusCode).toBe(400);
    expect(noMessages.json()).toEqual({ error: { type: 'invalid_request', message: expect.stringContaining('messages') } });
    const notJson = await chat(host, deploymentIdFor(built.rootDigest), '{');
    expect(notJson.statusCode).toBe(400);
    expect(notJson.error().type).toBe('invalid_request');
    expect((await call(host.url, 'GET', '/nope')).error().type).toBe('not_found');
  });

  test('re-verifies persisted deployments at start: an intact one is served again, a tampered one is not', async () => {
    const dataDir = await temp.make();
    const first = await newHost(dataDir);
    const intact = await artifact('intact-sim');
    const tampered = await artifact('tampered-sim');
    await deploy(first, { artifactPath: intact.dir, rootDigest: intact.rootDigest });
    await deploy(first, { artifactPath: tampered.dir, rootDigest: tampered.rootDigest });
    await first.service.close();
    await appendFile(join(tampered.dir, 'weights.bin'), 'backdoor');

    const restarted = await newHost(dataDir);
    expect((await call(restarted.url, 'GET', `/v1/deployments/${deploymentIdFor(intact.rootDigest)}`)).json()).toMatchObject({ id: deploymentIdFor(intact.rootDigest), rootDigest: intact.rootDigest });
    const refused = await chat(restarted, deploymentIdFor(tampered.rootDigest), chatBody('tampered-sim', 'hi'));
    expect(refused.statusCode).toBe(503);
    expect(refused.error().type).toBe('deployment_unverified');
    expect(refused.error().message).toContain('root digest');
  });

  test('a corrupt deployments file stops the start with an error naming the file', async () => {
    const dataDir = await temp.make();
    await writeFile(join(dataDir, 'model-host-deployments.json'), '{"formatVersion":1,"deployments":[{"id":1}]}');
    await expect(newHost(dataDir)).rejects.toThrow(join(dataDir, 'model-host-deployments.json'));
  });
});
