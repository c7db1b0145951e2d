import { assessChange, fileClass } from '../../../src/integrity/change-type';

const file = (path: string, sha: string) => ({ path, sha256: sha.repeat(64).slice(0, 64) });

describe('file classes for the change type', () => {
  test.each([
    ['model.safetensors', 'weights'],
    ['model-00001-of-00002.safetensors', 'weights'],
    ['weights.bin', 'weights'],
    ['model.json', 'weights'],
    ['tokenizer.json', 'weights'],
    ['adapter_model.safetensors', 'adapter'],
    ['adapter_config.json', 'adapter'],
    ['adapters/lora/weights.bin', 'adapter'],
    ['system_prompt.txt', 'prompt'],
    ['chat_template.jinja', 'prompt'],
    ['prompts/greeting.md', 'prompt'],
    ['config.json', 'config'],
    ['generation_config.json', 'config'],
    ['README.md', 'config'],
  ])('%s is a %s file', (path, expected) => {
    expect(fileClass(path)).toBe(expected);
  });
});

describe('a declared change type against what changed', () => {
  const baseline = [file('weights.bin', 'a'), file('config.json', 'b'), file('system_prompt.txt', 'c')];

  test('a prompt label on changed weights is refused, naming the file', () => {
    const result = assessChange('prompt', [file('weights.bin', 'd'), file('config.json', 'b'), file('system_prompt.txt', 'c')], baseline);
    expect(result.ok).toBe(false);
    expect(result.changed).toBe('weights');
    expect(result.reason).toBe('the request calls this a prompt change, but weights files changed against the baseline (weights.bin): a change is at least what its files say');
  });

  test('a prompt label on a changed prompt passes; a weights label on it passes too (overstating is allowed)', () => {
    const candidate = [file('weights.bin', 'a'), file('config.json', 'b'), file('system_prompt.txt', 'e')];
    expect(assessChange('prompt', candidate, baseline).ok).toBe(true);
    expect(assessChange('weights', candidate, baseline).ok).toBe(true);
  });

  test('an added or removed file counts as changed', () => {
    expect(assessChange('config', [...baseline, file('adapter_model.safetensors', 'f')], baseline)).toMatchObject({ ok: false, changed: 'adapter' });
    expect(assessChange('prompt', baseline.slice(1), baseline)).toMatchObject({ ok: false, changed: 'weights' });
  });

  test('nothing changed: any label passes and says so', () => {
    expect(assessChange('prompt', baseline, baseline)).toMatchObject({ ok: true, changed: null });
  });
});
