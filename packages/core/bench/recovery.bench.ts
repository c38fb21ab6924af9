// `npm run bench`: how soon the phone is registered again after the SIP
// server comes back from an outage (with the default reconnection backoff),
// after a frozen page resumes with a dead connection (no backoff: at once),
// and how soon another tab of the agent holds the registration when the
// holding tab closes (hand-over). Simulated contact center; medians, one
// JSON line per measure.
import { createPhone, type Phone } from '../src/index.js';
import { createToneMicrophone, startSimulatedContactCenter } from '../src/testing/index.js';
import { report, stats } from './stats.js';

const quick = (globalThis as { cxBenchQuick?: boolean }).cxBenchQuick === true;
const RUNS = quick ? 3 : 7;
/** How long the server is away. */
const OUTAGE_MS = 3000;

function registered(phone: Phone, timeout = 60_000): Promise<number> {
  return new Promise((resolve, reject) => {
    const check = (): boolean => phone.$connection.get().state === 'registered';
    if (check()) return resolve(performance.now());
    const timer = setTimeout(() => reject(new Error('not registered in time')), timeout);
    const off = phone.$connection.listen((status) => {
      if (status.state !== 'registered') return;
      clearTimeout(timer);
      off();
      resolve(performance.now());
    });
  });
}

describe('bench', function () {
  this.timeout(10 * 60 * 1000);

  it('measures re-registration after an outage and on waking', async () => {
    const cc = await startSimulatedContactCenter({ users: { '1001': 'pw' } });
    const microphone = createToneMicrophone(1130);
    const phone = createPhone({ sip: cc.sipOptions('1001'), media: { getStream: microphone.getStream } });
    await phone.connect();
    const afterOutage: number[] = [];
    const onWake: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      // The server goes away for a while, then comes back: the backoff decides.
      cc.switch.setOnline(false);
      cc.switch.disconnectAll();
      await new Promise((r) => setTimeout(r, OUTAGE_MS));
      cc.switch.setOnline(true);
      const back = performance.now();
      afterOutage.push((await registered(phone)) - back);

      // The connection died while the page was frozen: resuming reconnects at once.
      cc.switch.disconnectAll();
      await new Promise((r) => setTimeout(r, 50));
      const resumed = performance.now();
      document.dispatchEvent(new Event('resume'));
      onWake.push((await registered(phone)) - resumed);
      await new Promise((r) => setTimeout(r, 200));
    }
    report('reregistered-after-outage-ms', { ...stats(afterOutage), outageMs: OUTAGE_MS });
    report('reregistered-on-wake-ms', stats(onWake));

    // Hand-over: the holding tab closes, the next tab registers. Phones of
    // one page share locks and channel as tabs do.
    const handOver: number[] = [];
    let holder: Phone = phone;
    for (let i = 0; i < RUNS; i += 1) {
      const next = createPhone({ sip: cc.sipOptions('1001'), media: { getStream: microphone.getStream } });
      await next.connect();
      if (next.holdsRegistration) throw new Error('the second tab should mirror the first');
      const closed = performance.now();
      await holder.destroy();
      await registered(next);
      while (!next.holdsRegistration || next.$connection.get().state !== 'registered') await new Promise((r) => setTimeout(r, 5));
      handOver.push(performance.now() - closed);
      holder = next;
    }
    report('hand-over-ms', stats(handOver));
    await holder.destroy();
    microphone.stop();
    await cc.stop();
  });
});
