// The demo, driven as a visitor would: every call of the simulation panel is
// answered, talked on (audio both ways, by frequency), muted, held, keyed and
// hung up by clicking buttons found in the accessibility tree; a queue call's
// post-interaction is filled, saved and ended; then a call is recorded and
// transferred, a colleague merged in, a colleague's call monitored, a call
// taken from the pool, a voicemail played, and an unanswered call's email
// and SMS shown in the Outbox.
//   node --test scripts/demo/demo.test.mjs                 (needs `npm run build`)
//   CX_SCREENSHOTS=docs/screenshots node --test scripts/demo/demo.test.mjs
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import puppeteer from 'puppeteer-core';
import { chromiumArgs } from '../../web-test-runner.config.mjs';
import { serveDemo, stopDemo } from '../start.mjs';

const AGENT_HZ = 1130;
const HEARD = -55;
const SILENT = -75;
const shots = process.env.CX_SCREENSHOTS;
const root = new URL('../..', import.meta.url).pathname;

let browser;
let page;
const errors = [];
/** The page's last console lines, printed with the state when a test fails. */
const consoleTail = [];

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
/** What the test last looked for (a failure says where it is and what covers it). */
let wanted = '';
/** The first button with this accessible name (Chrome's accessibility tree pierces shadow roots). */
const button = (name) => {
  wanted = name;
  return page.locator(`::-p-aria([name="${name}"][role="button"])`).setTimeout(8000);
};
const field = (name, role) => {
  wanted = name;
  return page.locator(`::-p-aria([name="${name}"][role="${role}"])`).setTimeout(8000);
};
/**
 * Clicks what the locator found (named, shown, enabled, still): the element
 * itself, as a pointer on it would. Not a click at its coordinates: on a
 * busy machine the page can change between the moment they are read and
 * the click (a search answer lengthening a list, a call box leaving), and
 * the click then lands on a neighbour.
 */
async function activate(locator) {
  const handle = await locator.waitHandle();
  try {
    await handle.evaluate((el) => el.click());
  } finally {
    await handle.dispose();
  }
}
const click = (name) => activate(button(name));
const hearing = () => page.evaluate(() => window.cxDemo.hearing());
const customerState = () => page.evaluate(() => window.cxDemo.customer?.call?.state);
const customer = (expr) => page.evaluate(`window.cxDemo.customer?.call?.snapshot.${expr}`);

async function until(check, what, timeout = 8000) {
  const end = Date.now() + timeout;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/** Samples until the level is heard (or silent), as audio takes a moment to change. */
async function settle(side, heard, timeout = 6000) {
  const end = Date.now() + timeout;
  let level;
  do {
    // -Infinity (digital silence) comes back from the page as null.
    level = (await hearing())[side] ?? -Infinity;
    if (heard ? level >= HEARD : level <= SILENT) return level;
  } while (Date.now() < end);
  return level;
}

/**
 * What the page was doing, for the message of a failed test: the calls and
 * what they may do, the alerts, the agent; and where the elements named as
 * the test last looked for are, as a click needs them (shown, enabled,
 * still across two frames, and what the point a click aims at holds).
 */
async function pageState() {
  const state = await page
    .evaluate(async (name) => {
      const { phone, platform, customer } = window.cxDemo;
      /** Every element of the page, through its shadow roots. */
      const all = (root) => [...root.querySelectorAll('*')].flatMap((el) => [el, ...(el.shadowRoot ? all(el.shadowRoot) : [])]);
      const describe = (el) => `${el.localName}${el.getAttribute('part') ? `[part=${el.getAttribute('part')}]` : ''}`;
      const elements = all(document);
      const named = elements.filter((el) => (el.getAttribute('aria-label') ?? el.textContent ?? '').trim() === name && el.matches('button, [role], input, select, textarea'));
      const before = named.map((el) => el.getBoundingClientRect().toJSON());
      const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
      await frame();
      await frame();
      const deepest = (x, y) => {
        let at = document.elementFromPoint(x, y);
        while (at?.shadowRoot) {
          const inner = at.shadowRoot.elementFromPoint(x, y);
          if (!inner || inner === at) break;
          at = inner;
        }
        return at ? `${describe(at)} "${(at.textContent ?? '').trim().slice(0, 40)}"` : null;
      };
      return {
        simulation: document.getElementById('sim-status')?.textContent,
        calls: phone.$calls
          .get()
          .filter((call) => !call.ended)
          .map((call) => ({ id: call.id, state: call.state, recording: call.snapshot.recording, can: call.snapshot.can })),
        ended: phone.$calls.get().filter((call) => call.ended).length,
        // What the Banner says went wrong (a command's error, an alert).
        alerts: elements.filter((el) => el.matches('[role="alert"], [part~="error"]') && el.textContent.trim()).map((el) => el.textContent.trim()),
        agent: phone.$agent.get(),
        wrapUp: phone.$wrapUp.get()?.interactionId ?? null,
        onPlatform: platform && [...platform.model.users.values()].find((u) => u.extension === '1001')?.status,
        customer: customer?.call?.state ?? null,
        lastLogged: document.getElementById('call-log')?.firstElementChild?.textContent,
        lookingFor: name,
        viewport: [innerWidth, innerHeight, scrollX, scrollY],
        named: named.map((el, i) => {
          const now = el.getBoundingClientRect();
          return {
            element: describe(el),
            disabled: el.matches(':disabled'),
            shown: el.checkVisibility(),
            rect: [now.x, now.y, now.width, now.height].map(Math.round),
            moved: ['x', 'y', 'width', 'height'].some((k) => before[i][k] !== now[k]),
            atCentre: deepest(now.x + now.width / 2, now.y + now.height / 2),
          };
        }),
      };
    }, wanted)
    .catch((error) => ({ unreadable: String(error) }));
  return `page state: ${JSON.stringify(state, null, 2)}\nlast console lines:\n${consoleTail.join('\n')}`;
}

/** A test whose failure says what the page was doing (a run on another machine can then be read). */
function scenario(name, body) {
  test(name, async () => {
    try {
      await body();
    } catch (error) {
      error.message = `${error.message}\n${await pageState()}`;
      throw error;
    }
  });
}

async function shot(name, clip) {
  if (!shots) return;
  mkdirSync(join(root, shots), { recursive: true });
  const target = clip ? await page.$(clip) : page;
  await target.screenshot({ path: join(root, shots, `${name}.png`) });
}

describe('the demo', () => {
  before(async () => {
    const url = await serveDemo(Number(process.env.PORT ?? 8180));
    browser = await puppeteer.launch({
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs,
    });
    page = await browser.newPage();
    await page.setViewport({ width: 1440, height: 900 });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (m) => {
      consoleTail.push(`${m.type()}: ${m.text()}`);
      if (consoleTail.length > 40) consoleTail.shift();
      if (process.env.CX_DEMO_CONSOLE) console.log('PAGE', m.type(), m.text());
    });
    await page.goto(`${url}?agentTone=${AGENT_HZ}`);
    await until(() => page.evaluate(() => window.cxDemo?.phone?.$connection.get().state === 'registered'), 'registration', 15000);
    assert.deepEqual(errors, []);
    await shot('banner-idle');
  });

  after(async () => {
    await browser?.close();
    stopDemo();
  });

  const kinds = [
    ['Simulate a queue call', 'ringing-queue-raspberry'],
    ['Simulate a direct external call', 'ringing-external-ocean'],
    ['Simulate an internal call', 'ringing-internal-sky'],
    ['Simulate a transferred call', 'ringing-transferred'],
    ['Simulate a preview call', 'ringing-preview-lilac'],
    ['Simulate an auto-answer call', null],
  ];

  for (const [label, ringingShot] of kinds) {
    scenario(`${label}: answered, heard both ways, muted, held, keyed, hung up`, async () => {
      await page.evaluate((l) => window.cxDemo.simulate(l), label);
      if (ringingShot) {
        await button('Accept').wait();
        await shot(ringingShot);
        if (label === 'Simulate a queue call') await shot('small-banner-ringing', 'cx-small-banner');
        await click('Accept');
      }
      await until(async () => (await customerState()) === 'active', 'the call to be answered');
      assert.ok((await settle('agentHearsCustomer', true)) >= HEARD, 'the agent hears the customer');
      assert.ok((await settle('customerHearsAgent', true)) >= HEARD, 'the customer hears the agent');
      if (label === 'Simulate a queue call') {
        await shot('active');
        await shot('small-banner-active', 'cx-small-banner');
      }

      await click('Mute my mic');
      assert.ok((await settle('customerHearsAgent', false)) <= SILENT, 'muted: the customer hears nothing');
      if (label === 'Simulate a queue call') await shot('muted');
      await click('Reactivate my mic');
      assert.ok((await settle('customerHearsAgent', true)) >= HEARD, 'unmuted');

      await click('Place on hold');
      await until(() => customer('remoteHeld'), 'the customer to be held');
      assert.ok((await settle('customerHearsAgent', false)) <= SILENT, 'held: the customer hears nothing');
      if (label === 'Simulate a queue call') await shot('held');
      await click('Exit the hold');
      await until(async () => (await customer('remoteHeld')) === false, 'the customer to be resumed');

      await click('Phone keypad');
      await click('7');
      await until(() => page.evaluate(() => window.cxDemo.customer.receivedDtmf.includes('7')), 'the digit at the customer');
      await click('Phone keypad');

      await click('Hang up');
      await until(async () => (await customerState()) === 'ended', 'the customer to hang up');
      if (label === 'Simulate a queue call') {
        // The post-interaction: the Sales form, filled and saved; the CRM logs the outcome.
        await field('Outcome', 'combobox').wait();
        await page.evaluate(() => window.cxDemo.phone.wrapUp.update({ values: { outcome: 'Sold' } }));
        await field('Notes', 'textbox').fill('Wants the premium plan');
        await activate(field('VIP', 'checkbox'));
        await click('Link a contact');
        await click('Save');
        await until(() => page.evaluate(() => window.cxDemo.phone.$wrapUp.get()?.save.state === 'saved'), 'the save');
        await shot('post-interaction', 'cx-banner');
        await click('End the post-interaction');
        const logged = await page.evaluate(() => document.getElementById('call-log').firstElementChild?.textContent ?? '');
        assert.match(logged, /local-hangup.*outcome "Sold"; notes "Wants the premium plan"; tags VIP/);
      } else {
        await endPostInteraction();
        const logged = await page.evaluate(() => document.getElementById('call-log').firstElementChild?.textContent ?? '');
        assert.match(logged, /local-hangup/);
      }
    });
  }

  /** Ends the post-interaction the last call left, if any, as the agent would (End the post-interaction). */
  async function endPostInteraction() {
    // It starts once the phone has heard the end of the call: on a busy machine, a moment later.
    const none = () => page.evaluate(() => window.cxDemo.phone.$wrapUp.get() === undefined);
    for (let waited = 0; waited < 1500 && (await none()); waited += 100) await sleep(100);
    if (await none()) return;
    await click('End the post-interaction');
    await until(() => page.evaluate(() => window.cxDemo.phone.$wrapUp.get() === undefined), 'the end of the post-interaction');
  }

  /** A queue call, answered, both sides heard. */
  async function answeredQueueCall() {
    // An agent still in post-interaction refuses the queue's offers: end one the last test left.
    if (await page.evaluate(() => window.cxDemo.phone.$wrapUp.get() !== undefined)) await endPostInteraction();
    await page.evaluate(() => window.cxDemo.simulate('Simulate a queue call'));
    await click('Accept');
    await until(async () => (await customerState()) === 'active', 'the call to be answered');
  }

  const colleagueState = (user) => page.evaluate((u) => window.cxDemo.colleague(u)?.call?.state, user);
  const hangUpEverything = () =>
    page.evaluate(async () => {
      await Promise.all(window.cxDemo.phone.$calls.get().map((call) => call.hangup().catch(() => undefined)));
    });

  scenario('a call recorded (the file kept in the CRM), then transferred to Carol Jones', async () => {
    await answeredQueueCall();
    await click('Start the recording');
    await button('Stop the recording').wait();
    await sleep(1200);
    await click('Stop the recording');
    await until(() => page.evaluate(() => document.querySelectorAll('#recordings audio').length === 1), 'the recording in the CRM');
    const kept = await page.evaluate(() => document.querySelector('#recordings li').textContent);
    const seconds = Number(/([\d.]+) s/.exec(kept)?.[1]);
    assert.ok(seconds >= 1 && seconds < 5, `a recording of about a second (${kept})`);
    await shot('recording-kept', '#recordings');

    await click('Transfer');
    await field('Transfer destination', 'searchbox').fill('Carol');
    // The platform's directory answers the search: choose Carol among what it found.
    await activate(field('Carol Jones 1003', 'radio'));
    await shot('transfer-picker', 'cx-banner');
    await click('Transfer and hang up');
    await until(async () => (await colleagueState('1003')) === 'active', 'Carol to take the call');
    await endPostInteraction();
    await until(
      () => page.evaluate(() => document.getElementById('call-log').firstElementChild?.textContent.includes('transferred')),
      'the agent to be released',
    );
    await page.evaluate(() => window.cxDemo.colleague('1003').call.hangup());
    await until(async () => (await customerState()) === 'ended', 'the transferred call to end');
  });

  scenario('a colleague called from New call, then merged: the customer hears them', async () => {
    await answeredQueueCall();
    await field('Number or extension', 'textbox').fill('1003');
    await click('New call');
    await until(async () => (await colleagueState('1003')) === 'active', 'Carol to answer');
    await click('Merge');
    const carolHz = 660;
    await until(async () => (await page.evaluate((hz) => window.cxDemo.customer.hears(hz, 400), carolHz)) >= HEARD, 'the customer to hear Carol');
    await shot('merged', 'cx-banner');
    await hangUpEverything();
    await until(async () => (await customerState()) === 'ended', 'the end of the conference');
    await endPostInteraction();
  });

  scenario("the supervisor monitors a colleague's call: listen, talk to the agent, stop", async () => {
    await click('A customer calls your colleague Dan Brown');
    await click('Monitor this call');
    const danMonitor = () => page.evaluate(() => window.cxDemo.monitored.$calls.get()[0]?.snapshot.monitor?.mode ?? null);
    await until(() => page.evaluate(() => document.getElementById('monitor-panel').shadowRoot.textContent.includes('Listening')), 'the monitoring');
    assert.equal(await danMonitor(), null, 'silent: Dan is not told');
    await click('Talk to agent');
    await until(async () => (await danMonitor()) === 'whisper', 'Dan to be told');
    await shot('monitoring', '.supervision');
    await click('Stop monitoring');
    await until(async () => (await danMonitor()) === null, 'the end of the monitoring');
    await page.evaluate(() => Promise.all(window.cxDemo.monitored.$calls.get().map((call) => call.hangup())));
    await until(() => page.evaluate(() => document.getElementById('monitor-hint').hidden === false), 'the panel to empty');
  });

  scenario('the pool: Take this call connects at once, heard both ways; My status pauses and resumes', async () => {
    await page.evaluate(() => {
      window.cxDemo.otherAgentTakes = false;
    });
    await click('Put a call in the pool');
    await button('Take this call').wait();
    await shot('pool', 'cx-banner');
    await click('Take this call');
    await until(async () => (await customerState()) === 'active', 'the taken call, answered with no other click');
    assert.ok((await settle('agentHearsCustomer', true)) >= HEARD, 'the agent hears the customer');
    assert.ok((await settle('customerHearsAgent', true)) >= HEARD, 'the customer hears the agent');
    await hangUpEverything();
    await until(async () => (await customerState()) === 'ended', 'the end of the call');
    await endPostInteraction();

    const myStatus = field('My status', 'combobox');
    await myStatus.fill('paused:0');
    await until(() => page.evaluate(() => window.cxDemo.phone.$agent.get() === 'paused'), 'the agent to be paused');
    const onPlatform = () => page.evaluate(() => [...window.cxDemo.platform.model.users.values()].find((u) => u.extension === '1001').status);
    await until(async () => (await onPlatform()) === 'paused', 'the platform to know');
    await myStatus.fill('available');
    await until(() => page.evaluate(() => window.cxDemo.phone.$agent.get() === 'available'), 'the agent to be available');
  });

  scenario('a voicemail left by a customer: listed with its transcription, played, marked heard', async () => {
    await click('Leave a voicemail');
    await button('Mark as heard').wait();
    await until(
      () => page.evaluate(() => window.cxDemo.phone.$voicemails.get().some((v) => v.caller.name === 'Nora Blanc' && !v.heard)),
      "Nora's message",
    );
    await shot('voicemail', 'cx-banner');
    const nora = await page.evaluate(() => window.cxDemo.phone.$voicemails.get().find((v) => v.caller.name === 'Nora Blanc').id);
    await page.evaluate((id) => window.cxDemo.phone.markHeard(id), nora);
    await until(() => page.evaluate((id) => window.cxDemo.platform.model.voicemails.find((v) => v.id === id)?.heard === true, nora), 'heard on the platform');
  });

  scenario('Settings opens the agent\'s notifications and devices; the language switcher turns the Banner French and back', async () => {
    await click('Settings');
    await field('Incoming call ringtone', 'combobox').wait();
    await field('Microphone', 'combobox').wait();
    await shot('settings', 'cx-banner');
    await click('Settings');
    await page.select('#language', 'fr');
    await button('Nouvel appel').wait();
    await button('Paramètres').wait();
    await shot('banner-french', 'cx-banner');
    await page.select('#language', 'en');
    await button('New call').wait();
  });

  scenario('an unanswered call: the caller rings 3 s and hangs up; the Outbox shows the email (its HTML sandboxed, the vCard) and the SMS', async () => {
    const entries = () => page.evaluate(() => document.querySelectorAll('#outbox > li').length);
    const before = await entries();
    await page.evaluate(() => window.cxDemo.simulate('Simulate an unanswered call'));
    await button('Accept').wait();
    await until(async () => (await customerState()) === 'ended', 'the caller to give up', 10000);
    await until(async () => (await entries()) === before + 2, 'the email and the SMS in the Outbox', 8000);
    const heading = (name) => page.locator(`::-p-aria([name="${name}"][role="heading"])`).setTimeout(8000).wait();
    await heading('Email: Unanswered call from Grace Hopper (+33655501234)');
    await heading('SMS to +33700000001');
    const newest = await page.evaluate(() => [...document.querySelectorAll('#outbox > li')].slice(0, 2).map((li) => li.textContent).join('\n'));
    assert.match(newest, /To\s*ann\.agent@example\.com/);
    assert.match(newest, /From\s*grace\.hopper@example\.com/);
    assert.match(newest, /Unanswered call: Grace Hopper, \+33655501234, /);

    // The HTML body, in a frame without scripts, loaded from a Blob URL: its number is a tel: link.
    const frame = await page.$('#outbox iframe');
    assert.equal(await frame.evaluate((f) => f.getAttribute('sandbox')), '');
    assert.match(await frame.evaluate((f) => f.src), /^blob:/);
    const html = await frame.contentFrame();
    await until(async () => (await html.$('a')) !== null, 'the HTML body to render');
    assert.equal(await html.$eval('a', (a) => a.getAttribute('href')), 'tel:+33655501234');

    // The vCard, a download named after the caller.
    const card = page.locator('::-p-aria([name="Download Grace-Hopper.vcf"][role="link"])').setTimeout(8000);
    const vcard = await card.map((a) => fetch(a.href).then((r) => r.text()).then((text) => ({ download: a.download, text }))).wait();
    assert.equal(vcard.download, 'Grace-Hopper.vcf');
    assert.match(vcard.text, /^BEGIN:VCARD\r\n/);
    assert.match(vcard.text, /FN:Grace Hopper/);

    await page.addScriptTag({ path: join(root, 'node_modules/axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => (await window.axe.run('.outbox', { iframes: false })).violations.map((v) => `${v.id}: ${v.help}`));
    assert.deepEqual(violations, [], 'the Outbox is accessible');
    await shot('outbox', '.outbox');
  });

  scenario('the React example (/react/): a customer calls, Accept, the screen pop names him; hung up, the call log says so', async () => {
    const react = await browser.newPage();
    const reactErrors = [];
    react.on('pageerror', (error) => reactErrors.push(error.message));
    const reactButton = (name) => react.locator(`::-p-aria([name="${name}"][role="button"])`).setTimeout(8000);
    const text = (selector, expected) =>
      react.waitForFunction((s, e) => document.querySelector(s)?.textContent === e, { timeout: 8000 }, selector, expected);
    try {
      await react.goto(`${new URL(page.url()).origin}/react/?agentTone=${AGENT_HZ}`);
      await react.waitForFunction(() => document.getElementById('sim-status')?.textContent.startsWith('Connected'), { timeout: 15000 });
      await react.click('#ring');
      await activate(reactButton('Accept'));
      await text('.screen-pop', 'On the line: Bob Martin');
      await activate(reactButton('Hang up'));
      await text('.call-log li', 'Bob Martin: local-hangup');
      assert.deepEqual(reactErrors, []);
    } finally {
      await react.close();
    }
  });

  scenario('no error on the page', () => {
    assert.deepEqual(errors, []);
  });
});
