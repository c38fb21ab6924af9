// Component tier: click-to-call with real links in the page and a phone on
// the simulated contact center: tel:, callto: and sip: links dial (no
// navigation), links added later too, other clicks and links are left to
// the browser, turning it off, confirm (accepted and refused), and a call
// that hooks.beforeDial refuses reported as cx-command-failed.
import { expect } from '@esm-bundle/chai';
import type { CallHandle, Phone, PhoneOptions } from '@cx/core';
import { CxCommandFailedEvent, enableClickToCall, type ClickToCallOptions } from '../index.js';
import { agentPhone, customer, disposeAll, sleep, until } from '../testing/simulated-center.js';

const offs: (() => void)[] = [];
/** Whether the browser was told not to follow each click that reached the window. */
const prevented: boolean[] = [];
const noNavigation = (event: Event): void => {
  prevented.push(event.defaultPrevented);
  // Never let the test page open the system's phone app.
  event.preventDefault();
};

function link(href: string, parent: Element = document.body): HTMLAnchorElement {
  const a = document.createElement('a');
  a.href = href;
  a.textContent = `Call ${href}`;
  parent.append(a);
  offs.push(() => a.remove());
  return a;
}

async function enabled(phone: Phone, options: ClickToCallOptions = {}): Promise<() => void> {
  const off = enableClickToCall(phone, options);
  offs.push(off);
  await off.ready;
  return off;
}

/** The next call the phone places, or undefined when none comes within `ms`. */
function nextCall(phone: Phone, ms = 1500): Promise<CallHandle | undefined> {
  return new Promise((resolve) => {
    const off = phone.on('call:outgoing', (call) => {
      off();
      resolve(call);
    });
    setTimeout(() => {
      off();
      resolve(undefined);
    }, ms);
  });
}

async function phoneWith(options: Partial<PhoneOptions> = {}): Promise<Phone> {
  return agentPhone({ tabs: 'independent', ...options });
}

describe('click-to-call', () => {
  beforeEach(() => {
    prevented.length = 0;
    window.addEventListener('click', noNavigation);
  });
  afterEach(async () => {
    window.removeEventListener('click', noNavigation);
    for (const off of offs.splice(0)) off();
    await disposeAll();
  });

  it('tel:, callto: and sip: links dial through phone.call() (origin click-to-call), without navigating', async () => {
    const origins: string[] = [];
    const phone = await phoneWith({ hooks: { beforeDial: (_target, { origin }) => void origins.push(origin) } });
    await customer({ user: '2401' });
    await enabled(phone);
    for (const [href, number] of [
      ['tel:+24%2001', '+2401'],
      ['callto://24-01', '2401'],
      ['sip:2401@sim.cx.invalid;transport=ws', '2401'],
    ] as const) {
      const placed = nextCall(phone);
      link(href).click();
      const call = await placed;
      expect(call, href).to.not.equal(undefined);
      expect(call!.info.remote.number, href).to.equal(number);
      expect(prevented.at(-1), href).to.equal(true);
      await call!.hangup().catch(() => undefined);
      await until(() => call!.ended, 'the call to end');
    }
    expect(origins).to.deep.equal(['click-to-call', 'click-to-call', 'click-to-call']);
  });

  it('takes links added later and inside the root only; leaves modifier clicks, downloads and other links to the browser; off() stops it', async () => {
    const phone = await phoneWith();
    await customer({ user: '2402' });
    const root = document.createElement('section');
    document.body.append(root);
    offs.push(() => root.remove());
    const off = await enabled(phone, { root });

    const later = link('tel:2402', root);
    let placed = nextCall(phone);
    later.click();
    const call = await placed;
    expect(call?.info.remote.number).to.equal('2402');
    await call!.hangup();

    const untouched: [string, () => void][] = [
      ['outside the root', () => link('tel:2402').click()],
      ['ctrl-click', () => later.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ctrlKey: true }))],
      ['middle button', () => later.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, button: 1 }))],
      ['download', () => Object.assign(link('tel:2402', root), { download: 'card' }).click()],
      ['mailto', () => link('mailto:someone@example.com', root).click()],
      ['nothing to dial', () => link('callto:skype.name', root).click()],
    ];
    for (const [what, click] of untouched) {
      placed = nextCall(phone, 300);
      click();
      expect(await placed, what).to.equal(undefined);
      expect(prevented.at(-1), what).to.equal(false);
    }

    off();
    placed = nextCall(phone, 300);
    later.click();
    expect(await placed, 'after off()').to.equal(undefined);
    expect(prevented.at(-1)).to.equal(false);
  });

  it('a phone that is not connected leaves the link to the browser', async () => {
    const phone = await agentPhone({ tabs: 'independent' }, false);
    await enabled(phone);
    link('tel:2402').click();
    await sleep(100);
    expect(prevented.at(-1)).to.equal(false);
    expect(phone.$calls.get()).to.have.length(0);
  });

  it('confirm: a function accepts or refuses; true asks the browser with the number', async () => {
    const phone = await phoneWith();
    await customer({ user: '2403' });
    let answer = false;
    const asked: string[] = [];
    const off = await enabled(phone, {
      confirm: async (target) => {
        asked.push(target);
        await sleep(20);
        return answer;
      },
    });
    const a = link('tel:24 03');
    let placed = nextCall(phone, 500);
    a.click();
    expect(await placed, 'refused').to.equal(undefined);
    expect(prevented.at(-1), 'a link being confirmed is not followed').to.equal(true);
    answer = true;
    placed = nextCall(phone);
    a.click();
    const call = await placed;
    expect(call?.info.remote.number).to.equal('2403');
    expect(asked).to.deep.equal(['2403', '2403']);
    await call!.hangup();
    off();

    const original = window.confirm;
    const questions: string[] = [];
    window.confirm = (question?: string) => {
      questions.push(String(question));
      return false;
    };
    try {
      await enabled(phone, { confirm: true });
      placed = nextCall(phone, 300);
      a.click();
      expect(await placed).to.equal(undefined);
      expect(questions).to.deep.equal(['Call 2403?']);
    } finally {
      window.confirm = original;
    }
  });

  it('a call hooks.beforeDial cancels is reported from the link as cx-command-failed (dial-cancelled)', async () => {
    const phone = await phoneWith({ hooks: { beforeDial: () => false } });
    await enabled(phone);
    const a = link('tel:2404');
    const failed = new Promise<CxCommandFailedEvent>((resolve) => document.addEventListener('cx-command-failed', (event) => resolve(event as CxCommandFailedEvent), { once: true }));
    a.click();
    const event = await failed;
    expect(event.target).to.equal(a);
    expect(event.detail.action).to.equal('dial');
    expect(event.detail.error.code).to.equal('dial-cancelled');
    expect(phone.$calls.get()).to.have.length(0);
  });
});
