import { computeSlackSignature, verifySlackSignature } from '../../../src/slack/signature';

// Slack's "Verifying requests from Slack" worked example.
const DOC = {
  signingSecret: '8f742231b10e8888abcd99yyyzzz85a5',
  timestamp: '1531420618',
  body:
    'token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar' +
    '&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com' +
    '%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c',
  signature: 'v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503',
};
const atDocTime = (offsetSeconds: number) => (Number(DOC.timestamp) + offsetSeconds) * 1000;
const check = (overrides: Partial<Parameters<typeof verifySlackSignature>[0]> = {}) =>
  verifySlackSignature({ signingSecret: DOC.signingSecret, timestamp: DOC.timestamp, signature: DOC.signature, rawBody: DOC.body, nowMs: atDocTime(1), ...overrides });

describe('Slack request signatures (v0, HMAC-SHA256 of v0:timestamp:body)', () => {
  it('reproduces the signature in Slack’s documentation', () => {
    expect(computeSlackSignature(DOC.signingSecret, DOC.timestamp, DOC.body)).toBe(DOC.signature);
    expect(computeSlackSignature(DOC.signingSecret, DOC.timestamp, Buffer.from(DOC.body))).toBe(DOC.signature);
  });

  it('accepts Slack’s documented request at the time it was sent', () => {
    expect(check()).toEqual({ ok: true, timestampSeconds: 1531420618 });
  });

  it('refuses a timestamp older than five minutes, and accepts one exactly five minutes old', () => {
    expect(check({ nowMs: atDocTime(300) })).toMatchObject({ ok: true });
    expect(check({ nowMs: atDocTime(301) })).toMatchObject({ ok: false, reason: 'stale_timestamp' });
    expect(check({ nowMs: atDocTime(86_400) })).toMatchObject({ ok: false, reason: 'stale_timestamp' });
  });

  it('refuses a timestamp more than five minutes in the future', () => {
    expect(check({ nowMs: atDocTime(-300) })).toMatchObject({ ok: true });
    expect(check({ nowMs: atDocTime(-301) })).toMatchObject({ ok: false, reason: 'future_timestamp' });
  });

  it('refuses a body changed by one byte, another signing secret, and another timestamp', () => {
    expect(check({ rawBody: DOC.body.replace('roadrunner', 'roadrunnes') })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(check({ signingSecret: '8f742231b10e8888abcd99yyyzzz85a6' })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(check({ timestamp: '1531420619' })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses a signature of another version, length or letter case', () => {
    expect(check({ signature: DOC.signature.replace('v0=', 'v1=') })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: DOC.signature.slice(0, -2) })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: `${DOC.signature}00` })).toMatchObject({ ok: false, reason: 'bad_signature' });
    expect(check({ signature: DOC.signature.toUpperCase() })).toMatchObject({ ok: false, reason: 'bad_signature' });
  });

  it('refuses missing headers and a timestamp that is not Unix seconds', () => {
    expect(check({ signature: undefined })).toMatchObject({ ok: false, reason: 'missing_headers' });
    expect(check({ timestamp: '' })).toMatchObject({ ok: false, reason: 'missing_headers' });
    expect(check({ timestamp: '1531420618.5' })).toMatchObject({ ok: false, reason: 'malformed_timestamp' });
    expect(check({ timestamp: '-1' })).toMatchObject({ ok: false, reason: 'malformed_timestamp' });
  });
});
