// Component tier: server-mode monitoring (Asterisk ChanSpy): the supervisor's
// phone dials the spy URI and selects modes with DTMF 4 (silent), 5 (whisper)
// and 6 (barge). The "spy server" here is a simulated customer that records
// the digits it receives.
import { expect } from '@esm-bundle/chai';
import { startKit, until, type Kit } from '../../test/support/phone-kit.js';

describe('monitoring, server mode', () => {
  let kit: Kit;
  afterEach(() => kit.stop());

  it('dials the spy URI for the agent and switches modes by DTMF', async () => {
    kit = await startKit();
    const spy = await kit.cc.customer('spy1001');
    const supervisor = kit.agent('1002', {
      sip: { ...kit.cc.sipOptions('1002'), dtmf: 'info' },
      monitoring: { mode: 'server', spyUri: `sip:spy{agent}@${kit.cc.domain}` },
    });
    await supervisor.connect();
    const session = await supervisor.monitor('int-9', { mode: 'whisper', agent: '1001' });
    expect(session.state).to.equal('active');
    expect(spy.call?.info.remote.number).to.equal('1002');
    await until(() => spy.receivedDtmf.length === 1, 'the whisper digit');
    await session.setMode('barge');
    await session.setMode('silent');
    await until(() => spy.receivedDtmf.length === 3, 'the mode digits');
    expect(spy.receivedDtmf).to.deep.equal(['5', '6', '4']);
    expect(session.mode).to.equal('silent');
    await session.stop();
    expect(session.state).to.equal('ended');
    await spy.waitFor('ended');
  });

  it('needs the agent to monitor, and a valid mode', async () => {
    kit = await startKit();
    const supervisor = kit.agent('1002');
    await supervisor.connect();
    for (const [target, options] of [
      ['int-9', {}],
      ['int-9', { agent: '1001', mode: 'shout' as never }],
      ['', { agent: '1001' }],
    ] as const) {
      try {
        await supervisor.monitor(target, options);
        expect.fail(JSON.stringify(options));
      } catch (error) {
        expect((error as { code?: string }).code).to.equal('invalid-options');
      }
    }
  });
});
