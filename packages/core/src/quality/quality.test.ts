// Component tier: call quality in Chromium, on the simulated contact center.
// A real call over loopback samples getStats() every 2 s: a good MOS and no
// warning; sampling stops with the call. A simulated poor connection raises
// the warnings, annotates the call, and clears them with hysteresis.
import { expect } from '@esm-bundle/chai';
import type { CallHandle, QualitySample } from '../index.js';
import { simulateCallQuality, type SimulatedConditions } from '../testing/index.js';
import { ring, sleep, startKit, until, type Kit } from '../../test/support/phone-kit.js';

let kit: Kit;

describe('call quality', () => {
  beforeEach(async () => {
    kit = await startKit();
  });
  afterEach(async () => {
    await kit.stop();
  });

  it('a call over loopback gives call:quality every 2 s with a good MOS and no warning; it stops with the call', async () => {
    const phone = kit.agent('1001');
    await phone.connect();
    const samples: { call: CallHandle; quality: QualitySample; at: number }[] = [];
    phone.on('call:quality', (call, quality) => samples.push({ call, quality, at: performance.now() }));
    const bob = await kit.cc.customer('2001', { autoAnswer: false });
    const call = await ring(kit.cc, phone, bob);
    expect(call.snapshot.quality).to.equal(undefined, 'not measured while it rings');
    await call.accept();
    await until(() => samples.length >= 2, 'two samples', 7000);
    expect(samples.every((s) => s.call === call)).to.equal(true);
    expect(samples[1]!.at - samples[0]!.at).to.be.within(1500, 2600);
    const { quality } = samples.at(-1)!;
    expect(quality.warnings).to.deep.equal([]);
    expect(quality.mos).to.be.above(4.2);
    expect(quality.rttMs).to.be.a('number').and.below(100);
    expect(quality.jitterMs).to.be.a('number').and.below(30);
    expect(quality.packetLossPercent).to.be.a('number').and.below(1);
    expect(call.snapshot.quality, 'no warning: the call did not change for it').to.equal(undefined);

    await call.hangup();
    const count = samples.length;
    await sleep(2600);
    expect(samples.length).to.equal(count, 'no sample after the hang-up');
  });

  it('a poor connection raises warnings on the call (3 of 5 samples) and clears them (none of 5); none after destroy', async () => {
    const phone = kit.agent('1001');
    let conditions: SimulatedConditions = { rttMs: 650, packetLossPercent: 0 };
    let asked = 0;
    simulateCallQuality(
      phone,
      () => {
        asked += 1;
        return conditions;
      },
      { intervalMs: 60 },
    );
    await phone.connect();
    const samples: QualitySample[] = [];
    let changes = 0;
    phone.on('call:quality', (_call, quality) => samples.push(quality));
    phone.on('call:changed', (_call, previous) => {
      if (previous.quality !== _call.snapshot.quality) changes += 1;
    });
    const bob = await kit.cc.customer('2001', { autoAnswer: false });
    const call = await ring(kit.cc, phone, bob);
    await call.accept();
    await until(() => samples.length >= 3, 'three samples');
    expect(samples.slice(0, 3).map((s) => s.warnings)).to.deep.equal([[], [], ['high-rtt', 'low-mos']]);
    expect(samples[2]!.rttMs).to.equal(650);
    expect(samples[2]!.mos).to.be.below(3.5);
    await until(() => samples.length >= 6, 'three more samples');
    expect(call.snapshot.quality?.warnings).to.include('high-rtt');

    conditions = { rttMs: 20, jitterMs: 4, packetLossPercent: 0 };
    const fine = samples.length;
    await until(() => call.snapshot.quality?.warnings.length === 0, 'the warnings to clear');
    expect(samples.length - fine).to.be.at.least(5, 'cleared only once none of the last 5 samples is high');
    expect(changes).to.be.at.most(4, 'snapshot.quality changes with the warnings, not with each sample');

    await phone.destroy();
    const after = asked;
    await sleep(300);
    expect(asked).to.equal(after, 'no sampling after destroy');
  });
});
