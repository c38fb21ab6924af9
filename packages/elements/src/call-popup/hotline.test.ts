import { expect } from '@esm-bundle/chai';
import type { CallHandle, HotlineEntity } from '@cx/core';
import { CxActiveCall } from '../active-call/active-call.js';
import { CxCallBox } from '../call-box/call-box.js';
import { defineElements } from '../define.js';
import { BannerPreferences, memoryStorage } from '../index.js';
import { axeViolations } from '../testing/axe.js';
import { expectHarmless, HOSTILE_NAME } from '../testing/hostile.js';
import {
  agentPhone,
  answeredCall,
  customer,
  deepText,
  disposeAll,
  mount,
  platformOption,
  queryAll,
  ring,
  simulatedPlatform,
  until,
} from '../testing/simulated-center.js';
import { CxCallPopup } from './call-popup.js';

defineElements();

const GLOBEX: HotlineEntity = {
  name: 'Globex Insurance',
  numbers: ['+33 1 86 95*'],
  greeting: 'Globex Insurance, good morning',
  template: '{entity}: {caller} dialled {called}',
};
const CLAIMS: HotlineEntity = { name: 'Globex Claims', numbers: ['+33 1 86 95 00 00'], greeting: 'Claims, hello' };

async function popupFor(call: CallHandle): Promise<CxCallPopup> {
  const popup = new CxCallPopup();
  popup.call = call;
  return mount(popup);
}

function hotlinePart(root: Element): Element | undefined {
  return queryAll(root, '[part~="hotline"]')[0];
}

describe('hotline: the called contact', () => {
  afterEach(disposeAll);

  it('the popup shows the entity, its greeting and the template line for a matching called number', async () => {
    const phone = await agentPhone({ region: 'FR', hotline: { entities: [GLOBEX, CLAIMS] } });
    const bob = await customer({ displayName: 'Bob Smith' });
    const call = await ring(phone, bob, { 'X-CX-Called': '01 86 95 12 34' });
    // The matcher is a chunk loaded with the phone: on a busy machine the first call may ring before it is
    // there, and gets its match a moment later (a call:changed).
    await until(() => call.info.hotline !== undefined, 'the match');
    expect(call.info.hotline).to.deep.equal({
      entity: 'Globex Insurance',
      greeting: 'Globex Insurance, good morning',
      line: 'Globex Insurance: Bob Smith dialled 01 86 95 12 34',
    });
    const popup = await popupFor(call);
    const part = hotlinePart(popup);
    expect(part, 'the hotline part').to.not.equal(undefined);
    const text = deepText(part as Element);
    expect(text).to.contain('Called contact').and.to.contain('Globex Insurance');
    expect(text).to.contain('Globex Insurance, good morning');
    expect(text).to.contain('Globex Insurance: Bob Smith dialled 01 86 95 12 34');
    // Heard at once with the call.
    expect(popup.shadowRoot?.querySelector('[role="alert"]')?.textContent).to.contain('Called contact: Globex Insurance.');
    expect(await axeViolations(popup)).to.deep.equal([]);
  });

  it('the most specific number wins', async () => {
    const phone = await agentPhone({ hotline: { entities: [GLOBEX, CLAIMS] } });
    const call = await ring(phone, await customer(), { 'X-CX-Called': '+33 1 86 95 00 00' });
    expect(deepText(await popupFor(call))).to.contain('Claims, hello');
  });

  it('without a match there is no called contact', async () => {
    const phone = await agentPhone({ hotline: { entities: [GLOBEX] } });
    const call = await ring(phone, await customer({ displayName: 'Bob Smith' }), { 'X-CX-Called': '+44 20 7946 0000' });
    expect(call.info.hotline).to.equal(undefined);
    const popup = await popupFor(call);
    expect(hotlinePart(popup)).to.equal(undefined);
    expect(deepText(popup)).to.contain('Bob Smith').and.not.to.contain('Called contact');
    expect(await axeViolations(popup)).to.deep.equal([]);
  });

  it('without X-CX-Called the To user is the called number', async () => {
    const phone = await agentPhone({ hotline: { entities: [{ name: 'Front desk', numbers: ['1001'], greeting: 'Front desk' }] } });
    const call = await ring(phone, await customer());
    expect(call.info.hotline?.entity).to.equal('Front desk');
  });

  it('a hostile entity, greeting or caller stays text', async () => {
    const hostile: HotlineEntity = { name: HOSTILE_NAME, numbers: ['*'], greeting: '<i>Hi</i>\u202E there', template: '{caller} {queue}' };
    const phone = await agentPhone({ hotline: { entities: [hostile] } });
    const call = await ring(phone, await customer({ displayName: HOSTILE_NAME }), { 'X-CX-Queue': '<b>{caller}</b>' });
    const popup = await popupFor(call);
    const part = hotlinePart(popup) as Element;
    expect(queryAll(popup, 'b, i'), 'no <b> or <i> element was made').to.have.length(0);
    expect(deepText(part)).to.contain('<b>{caller}</b>').and.to.contain('<i>Hi</i> there');
    expectHarmless(popup);
    expect(await axeViolations(popup)).to.deep.equal([]);
  });

  it('the call box and the active call panel show it too', async () => {
    const phone = await agentPhone({ hotline: { entities: [GLOBEX] } });
    const { call } = await answeredCall(phone, { displayName: 'Bob Smith' }, { 'X-CX-Called': '+33186951234' });
    const box = new CxCallBox();
    box.call = call;
    box.preferences = new BannerPreferences(memoryStorage());
    await mount(box);
    const panel = new CxActiveCall();
    panel.call = call;
    await mount(panel);
    for (const element of [box, panel]) {
      expect(deepText(hotlinePart(element) as Element)).to.contain('Globex Insurance, good morning');
      expect(await axeViolations(element)).to.deep.equal([]);
    }
  });

  it("the platform's entities win over the option", async () => {
    const platform = await simulatedPlatform();
    platform.setHotline('1001', [{ name: 'Initech', numbers: ['+33 1 86*'], greeting: 'Initech, hello' }]);
    const phone = await agentPhone({ platform: platformOption(platform), hotline: { entities: [GLOBEX] } });
    await until(() => phone.$me.get() !== undefined, 'the profile from the platform');
    const call = await ring(phone, await customer(), { 'X-CX-Called': '+33186951234' });
    expect(call.info.hotline?.entity).to.equal('Initech');
  });
});
