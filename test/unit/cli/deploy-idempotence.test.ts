import { requestDifferences } from '../../../src/cli/deploy';
import type { PipelineRequest } from '../../../src/pipeline-types';

const request: PipelineRequest = {
  model: { name: 'support-assistant', version: '2.4.0', kind: 'chat' },
  artifactPath: '/models/support-assistant-2.4.0',
  signaturePath: '/models/support-assistant-2.4.0.sig.json',
  change: { type: 'weights', summary: 'fine-tuned on March tickets' },
  environment: 'production',
  requestedBy: 'alice',
  policyPath: '/policies/production.yaml',
  policySignaturePath: '/policies/production.yaml.sig.json',
  endpoint: null,
};

describe('a deploy of a request whose run exists: the same request or a changed one', () => {
  test('the same request differs in nothing, so the first run answers it', () => {
    expect(requestDifferences(structuredClone(request), request)).toEqual([]);
  });

  test('a changed request names every field that changed, by its dotted path', () => {
    const changed = { ...request, artifactPath: '/models/other', change: { ...request.change, summary: 'edited' }, endpoint: { url: 'http://eval:8000' } };
    expect(requestDifferences(request, changed)).toEqual(['artifactPath', 'change.summary', 'endpoint', 'endpoint.url']);
  });

  test('a requester other than the first run\'s is a changed request too', () => {
    expect(requestDifferences(request, { ...request, requestedBy: 'bob' })).toEqual(['requestedBy']);
  });
});
