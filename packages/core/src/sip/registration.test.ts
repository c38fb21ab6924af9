// Component tier: connect(), registration and what reaches the log sink,
// on the simulated contact center (real sip.js in Chromium).
import { expect } from '@esm-bundle/chai';
import { isCxError, type ConnectionStatus, type LogLevel } from '../index.js';
import { ring, startKit, until, type Kit } from '../../test/support/phone-kit.js';

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('connect() and the registration', () => {
  let kit: Kit;
  afterEach(() => kit.stop());

  it('a refused REGISTER rejects connect() with registration-failed; a second connect() settles too, and succeeds once allowed', async () => {
    kit = await startKit();
    kit.cc.switch.answerRegistrations(403);
    const phone = kit.agent('1001', { sip: { ...kit.cc.sipOptions('1001'), connectTimeout: 3000 } });
    const first = await rejection(phone.connect());
    expect(isCxError(first, 'registration-failed'), String(first)).to.equal(true);
    expect((first as { statusCode?: number }).statusCode).to.equal(403);
    expect(phone.$connection.get()).to.include({ state: 'failed', statusCode: 403 });

    const second = await rejection(phone.connect());
    expect(isCxError(second, 'registration-failed')).to.equal(true);

    kit.cc.switch.answerRegistrations(undefined);
    await phone.connect();
    expect(phone.$connection.get().state).to.equal('registered');
  });

  it('an unreachable server makes connect() reject with connection-failed within sip.connectTimeout; the phone keeps trying', async () => {
    kit = await startKit();
    kit.cc.switch.setOnline(false);
    const phone = kit.agent('1001', { sip: { ...kit.cc.sipOptions('1001'), connectTimeout: 1200 } });
    const started = performance.now();
    const error = await rejection(phone.connect());
    const took = performance.now() - started;
    expect(isCxError(error, 'connection-failed'), String(error)).to.equal(true);
    expect(took).to.be.within(1100, 2500);
    expect(phone.$connection.get().state).to.equal('connecting');
    kit.cc.switch.setOnline(true);
    await until(() => phone.$connection.get().state === 'registered', 'the phone to get through by itself');
    await phone.connect();
  });

  it('a server that never answers the REGISTER makes connect() reject with registration-failed within the timeout', async () => {
    kit = await startKit();
    kit.cc.switch.answerRegistrations('silence');
    const phone = kit.agent('1001', { sip: { ...kit.cc.sipOptions('1001'), connectTimeout: 1000 } });
    const error = await rejection(phone.connect());
    expect(isCxError(error, 'registration-failed'), String(error)).to.equal(true);
  });

  it('a refused refresh leaves $connection "registered" no more (403: failed)', async () => {
    kit = await startKit({ maxExpires: 2 });
    const phone = kit.agent();
    await phone.connect();
    const states: ConnectionStatus[] = [];
    phone.on('connection:changed', (status) => states.push(status));
    kit.cc.switch.answerRegistrations(403);
    await until(() => phone.$connection.get().state !== 'registered', 'the refresh to fail', 6000);
    await until(() => phone.$connection.get().state === 'failed', 'the failed state');
    expect(phone.$connection.get()).to.include({ state: 'failed', statusCode: 403 });
    expect(phone.$agent.get()).to.equal('offline');
  });

  it('a refresh refused with 503 registers again by itself once the server is back', async () => {
    kit = await startKit({ maxExpires: 2 });
    const phone = kit.agent();
    await phone.connect();
    const states: string[] = [];
    phone.on('connection:changed', (status) => states.push(status.state));
    kit.cc.switch.answerRegistrations(503);
    // Lost first (the binding may lapse before the refused refresh is answered on a busy machine), then retried.
    await until(() => phone.$connection.get().state === 'connected', 'the registration to be lost', 6000);
    await until(() => (phone.$connection.get().attempt ?? 0) >= 1, 'a numbered retry', 6000);
    expect(phone.$connection.get().state).to.equal('connected');
    kit.cc.switch.answerRegistrations(undefined);
    await until(() => phone.$connection.get().state === 'registered', 'the registration to come back', 6000);
    expect(states).to.include('connected');
  });

  it('destroy() releases the phone: unregistered, and later commands reject with destroyed', async () => {
    kit = await startKit();
    const phone = kit.agent();
    await phone.connect();
    expect(kit.cc.switch.registrations().map((r) => r.user)).to.include('1001');
    await phone.destroy();
    expect(phone.$connection.get().state).to.equal('disconnected');
    await until(() => !kit.cc.switch.registrations().some((r) => r.user === '1001'), 'the binding to go');
    expect(isCxError(await rejection(phone.connect()), 'destroyed')).to.equal(true);
    expect(isCxError(await rejection(phone.call('2001')), 'destroyed')).to.equal(true);
  });
});

describe('logging', () => {
  let kit: Kit;
  afterEach(() => kit.stop());

  async function logsOfACall(level: LogLevel): Promise<Array<[string, string]>> {
    kit = await startKit();
    const logged: Array<[string, string]> = [];
    const phone = kit.agent('1001', {
      sip: { ...kit.cc.sipOptions('1001'), traceSip: true },
      log: { level, sink: (at, message) => logged.push([at, message]) },
    });
    await phone.connect();
    const bob = await kit.cc.customer('2001', { displayName: 'Bob Secret' });
    const call = await ring(kit.cc, phone, bob);
    await call.accept();
    await bob.waitFor('active');
    await call.hangup();
    return logged;
  }

  const sipText = (message: string): boolean => /SIP\/2\.0|INVITE sip:|Bob Secret/.test(message);

  it('no SIP message text reaches the sink at info, warn or error, even with traceSip', async () => {
    const logged = await logsOfACall('info');
    expect(logged.some(([at]) => at === 'info'), 'the phone logs at info').to.equal(true);
    expect(logged.filter(([, message]) => sipText(message))).to.deep.equal([]);
  });

  it('with traceSip, whole SIP messages reach the sink at debug only', async () => {
    const logged = await logsOfACall('debug');
    const traces = logged.filter(([, message]) => sipText(message));
    expect(traces.length).to.be.above(0);
    expect([...new Set(traces.map(([at]) => at))]).to.deep.equal(['debug']);
  });
});
