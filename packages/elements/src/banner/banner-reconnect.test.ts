// Component tier: the connection to the SIP server drops during a call: the
// Banner says "Reconnecting", keeps the call's panel, and says "Connected"
// once the phone is registered again; the call goes on.
import { expect } from '@esm-bundle/chai';
import { defineElements } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { axeViolations } from '../testing/axe.js';
import { agentPhone, answeredCall, contactCenter, deepText, disposeAll, mount, queryAll, until } from '../testing/simulated-center.js';
import { CxBanner } from './banner.js';

defineElements();

describe('<cx-banner> while the connection comes back', () => {
  afterEach(disposeAll);

  it('says Reconnecting and keeps the call panel, then Connected; the call goes on', async () => {
    const phone = await agentPhone({ sip: { ...(await contactCenter()).sipOptions('1001'), reconnect: { minDelay: 300, maxDelay: 600 } } });
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    banner.phone = phone;
    await mount(banner);
    const { call } = await answeredCall(phone);
    await until(() => queryAll(banner, 'cx-active-call').length === 1, 'the panel');

    (await contactCenter()).switch.disconnectAll();
    await until(() => deepText(banner).includes('Reconnecting'), 'Reconnecting to show');
    expect(queryAll(banner, 'cx-active-call').length, 'the panel stays').to.equal(1);
    expect(queryAll(banner, '[part~="status"]')[0]?.getAttribute('role')).to.equal('status');
    expect(await axeViolations(banner), 'reconnecting').to.deep.equal([]);

    await until(() => phone.$connection.get().state === 'registered', 'registered again', 8000);
    await until(() => deepText(banner).includes('Connected'), 'Connected to show');
    expect(call.state).to.equal('active');
    expect(queryAll(banner, 'cx-active-call').length).to.equal(1);
  });
});
