import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { atom } from 'nanostores';
import { parseOffer } from '../call/parse-offer.js';
import type { FeatureContext } from '../features/feature.js';
import type { Me } from '../platform/platform-schemas.js';
import { resolvePhoneOptions } from '../phone/phone-options.js';
import { hotlineFeature } from './hotline-feature.js';

const options = resolvePhoneOptions({
  sip: { server: 'wss://pbx.example/ws', aor: 'sip:1001@example.com' },
  region: 'FR',
  hotline: { entities: [{ name: 'Globex', numbers: ['+33 1 86 95*'], greeting: 'Globex, hello', template: '{entity} {caller} {queue}' }] },
});

function offer(called: string) {
  return parseOffer(
    { headers: [['X-CX-Called', called], ['X-CX-Queue', 'Sales']], from: { displayName: 'Bob', user: '+33612345678', host: 'pstn.example' }, to: { user: '1001', host: 'example.com' } },
    options.internal,
  );
}

function install() {
  const context = { options, $calls: atom([]) } as unknown as FeatureContext;
  return hotlineFeature.install(context).api;
}

describe('hotline feature', () => {
  test('puts the option entity on a matching offer, and nothing on another', () => {
    const api = install();
    api.start(atom<Me | undefined>(undefined));
    assert.deepEqual(api.match(offer('01 86 95 12 34')).hotline, { entity: 'Globex', greeting: 'Globex, hello', line: 'Globex Bob Sales' });
    const other = offer('+44 20 0000');
    assert.equal(api.match(other), other);
  });
  test("the platform's entities win once loaded, even an empty list", () => {
    const api = install();
    const $me = atom<Me | undefined>(undefined);
    api.start($me);
    $me.set({ hotline: [{ name: 'Initech', numbers: ['+33 1*'] }] } as unknown as Me);
    assert.equal(api.match(offer('+33 1 86 95 12 34')).hotline?.entity, 'Initech');
    $me.set({ hotline: [] } as unknown as Me);
    assert.equal(api.match(offer('+33 1 86 95 12 34')).hotline, undefined);
    $me.set({} as unknown as Me);
    assert.equal(api.match(offer('+33 1 86 95 12 34')).hotline?.entity, 'Globex');
  });
});
