import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getResponse } from 'msw';
import { createSimulatedPlatform, type SimulatedPlatform } from '../testing/platform/simulated-platform.js';
import { composeUnansweredEmail } from '../rules/unanswered-email.js';
import { composeUnansweredSms } from '../rules/unanswered-sms.js';
import { DEFAULT_UNANSWERED, type UnansweredSettings } from '../rules/unanswered.js';

function client(platform: SimulatedPlatform) {
  return async (method: string, path: string, body?: unknown): Promise<Response> => {
    const request = new Request(`${platform.baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${platform.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const response = await getResponse([...platform.handlers], request);
    assert.ok(response, `no handler answered ${method} ${path}`);
    return response;
  };
}

const settings: UnansweredSettings = {
  ...DEFAULT_UNANSWERED,
  email: { enabled: true, to: 'agent@example.com', attachVCard: true, linkPrefix: 'tel:' },
  sms: { enabled: true, provider: 'sim', to: '+33700000000' },
  timeZone: 'Europe/Paris',
};
const call = { number: '+33612345678', contact: { name: 'Ada <b>', email: 'ada@example.org' }, rangMs: 3000, at: '2026-12-01T10:00:00Z' };

describe('simulated platform: unanswered calls', () => {
  test('GET /me/unanswered is 404 until saved, then gives back what PUT saved', async () => {
    const platform = createSimulatedPlatform();
    const send = client(platform);
    assert.equal((await send('GET', '/me/unanswered')).status, 404);
    const put = await send('PUT', '/me/unanswered', settings);
    assert.equal(put.status, 200);
    assert.deepEqual(await (await send('GET', '/me/unanswered')).json(), settings);
    assert.equal((await send('PUT', '/me/unanswered', { ...settings, email: { ...settings.email, linkPrefix: 'javascript:' } })).status, 400);
    platform.dispose();
  });
  test('POST /notifications puts each message in the outbox', async () => {
    const platform = createSimulatedPlatform();
    const send = client(platform);
    const email = composeUnansweredEmail(call, settings, { sender: 'noreply@cx.example' });
    const sms = composeUnansweredSms(call, settings);
    assert.equal((await send('POST', '/notifications', { channel: 'email', callId: 'c1', message: email })).status, 202);
    assert.equal((await send('POST', '/notifications', { channel: 'sms', message: sms })).status, 202);
    assert.equal((await send('POST', '/notifications', { channel: 'fax', message: sms })).status, 400);
    assert.deepEqual(
      platform.model.outbox.map(({ channel, callId, message }) => ({ channel, callId, message })),
      [
        { channel: 'email', callId: 'c1', message: JSON.parse(JSON.stringify(email)) },
        { channel: 'sms', callId: undefined, message: sms },
      ],
    );
    assert.ok(platform.model.outbox.every((n) => n.userId !== '' && typeof n.at === 'number'));
    platform.dispose();
  });
});
