// Component tier: the region "Post-interaction" (<cx-wrap-up>) on the
// simulated contact center and platform: the form's fields labelled by their
// own labels, the required check (error, focus, announcement, nothing sent),
// exactly what was typed reaching the platform, a 422 next to its field,
// Extend, End, the platform down (queued, then sent); axe-core clean.
import { expect } from '@esm-bundle/chai';
import { a11ySnapshot, findAccessibilityNode, sendKeys } from '@web/test-runner-commands';
import type { CallHandle, Phone, PhoneOptions } from '@cx/core';
import type { StartedSimulatedPlatform } from '@cx/core/testing';
import { axeViolations } from '../testing/axe.js';
import {
  agentPhone,
  buttons,
  deepActiveElement,
  deepText,
  disposeAll,
  mount,
  platformOption,
  queryAll,
  simulatedPlatform,
  sleep,
  until,
} from '../testing/simulated-center.js';
import { CxBanner } from '../banner/banner.js';
import { defineElements } from '../index.js';
import { memoryStorage } from '../preferences/preference-storage.js';
import { CxWrapUp } from './wrap-up-panel.js';

defineElements();

interface InWrapUp {
  platform: StartedSimulatedPlatform;
  phone: Phone;
  el: CxWrapUp;
  interactionId: string;
}

/**
 * A Sales call from Bob (2001) dispatched to agent 1001, answered, then over:
 * the agent is in post-interaction with `<cx-wrap-up>` mounted on the phone.
 */
async function inWrapUp(prepare: (platform: StartedSimulatedPlatform) => void = () => undefined, options: Partial<PhoneOptions> = {}): Promise<InWrapUp> {
  const platform = await simulatedPlatform();
  prepare(platform);
  const phone = await agentPhone({ platform: platformOption(platform), ...options });
  await until(() => phone.$me.get() !== undefined, '/me');
  const incoming = new Promise<CallHandle>((resolve) => {
    const off = phone.on('call:incoming', (call) => {
      off();
      resolve(call);
    });
  });
  const { interactionId } = platform.putInPool({ queueId: 'sales', caller: { number: '2001', name: 'Bob' } });
  await platform.dispatch(interactionId, '1001');
  const call = await incoming;
  await call.accept();
  await until(() => call.state === 'active', 'the call to connect');
  await until(() => platform.model.interactions.get(interactionId)?.state === 'handling', 'the platform to hear of it');
  await call.hangup();
  await until(() => phone.$wrapUp.get() !== undefined, 'the post-interaction');
  const el = new CxWrapUp();
  el.phone = phone;
  await mount(el);
  return { platform, phone, el, interactionId };
}

function one<T extends Element>(root: Element, selector: string): T {
  const found = queryAll<T>(root, selector);
  if (found.length !== 1) throw new Error(`Expected one ${selector}, found ${found.length}`);
  return found[0] as T;
}

/** The control of the field labelled `label` (through its `<label for>`). */
function control<T extends HTMLElement>(el: CxWrapUp, label: string): T {
  const labels = queryAll<HTMLLabelElement>(el, 'label').filter((l) => l.textContent?.trim() === label);
  if (labels.length !== 1 || !labels[0]!.control) throw new Error(`Expected one control labelled "${label}"`);
  return labels[0]!.control as unknown as T;
}

/** What the polite live region says now. */
function spoken(el: CxWrapUp): string {
  return one(el, '[aria-live="polite"]').textContent?.replace(/\u00a0/g, ' ').trim() ?? '';
}

function status(el: CxWrapUp): string {
  return one(el, '[role="status"]').textContent?.trim() ?? '';
}

function hasNode(snapshot: unknown, role: string, name: string): boolean {
  return Boolean(findAccessibilityNode(snapshot as never, (node: { role?: string; name?: string }) => node.role === role && node.name === name));
}

function wrapUpPosts(platform: StartedSimulatedPlatform, interactionId: string): number {
  return platform.requests().filter((r) => r.method === 'POST' && r.path === `/interactions/${interactionId}/wrap-up`).length;
}

describe('<cx-wrap-up>', () => {
  afterEach(disposeAll);

  it('each field type labelled; Outcome required (error, focus, announced, nothing sent); what was typed is saved exactly', async () => {
    const { platform, el, interactionId } = await inWrapUp((p) => {
      p.model.forms.set('sales', {
        fields: [
          { name: 'outcome', label: 'Outcome', type: 'select', options: ['Sold', 'Call back later'], required: true },
          { name: 'reference', label: 'Order reference', type: 'text' },
          { name: 'notes', label: 'Notes', type: 'textarea' },
          { name: 'followUp', label: 'Follow-up', type: 'checkbox' },
        ],
        tags: ['VIP', 'Complaint'],
      });
      // The form arrives late: the region says it is loading meanwhile.
      p.fail('GET /queues/{id}/form', { delay: 600 });
    });

    const region = one(el, 'section');
    expect(region.getAttribute('role')).to.equal('region');
    expect(region.getAttribute('aria-label')).to.equal('Post-interaction');
    expect(deepText(one(el, 'h2'))).to.contain('Bob').and.to.contain('Sales');
    expect(deepText(one(el, '[part~="time"]'))).to.match(/0:\d\d left of 0:30/);
    expect(deepText(el)).to.contain('Loading the form…');
    expect(await axeViolations(el), 'loading').to.deep.equal([]);
    await until(() => spoken(el).startsWith('Post-interaction: 0:'), 'the start to be announced');
    expect(spoken(el)).to.match(/^Post-interaction: 0:\d\d to wrap up$/);

    await until(() => queryAll(el, 'select').length === 1, 'the form');
    const outcome = control<HTMLSelectElement>(el, 'Outcome');
    const reference = control<HTMLInputElement>(el, 'Order reference');
    const notes = control<HTMLTextAreaElement>(el, 'Notes');
    const followUp = control<HTMLInputElement>(el, 'Follow-up');
    expect(outcome.localName).to.equal('select');
    expect(outcome.options[0]!.value).to.equal('');
    expect([...outcome.options].map((o) => o.value)).to.deep.equal(['', 'Sold', 'Call back later']);
    expect(outcome.getAttribute('aria-required')).to.equal('true');
    expect(outcome.required).to.equal(true);
    expect(one(el, '.required').textContent).to.equal('*');
    expect(reference.type).to.equal('text');
    expect(notes.localName).to.equal('textarea');
    expect(followUp.type).to.equal('checkbox');
    expect(one(el, 'legend').textContent?.trim()).to.equal('Tags');
    const snapshot = await a11ySnapshot({});
    expect(hasNode(snapshot, 'region', 'Post-interaction'), 'the region').to.equal(true);
    for (const [role, name] of [
      ['combobox', 'Outcome'],
      ['textbox', 'Order reference'],
      ['textbox', 'Notes'],
      ['checkbox', 'Follow-up'],
      ['checkbox', 'VIP'],
      ['checkbox', 'Complaint'],
      ['button', 'Save'],
      ['button', 'Extend the post-interaction time'],
      ['button', 'End the post-interaction'],
    ] as const) {
      expect(hasNode(snapshot, role, name), `${role} "${name}"`).to.equal(true);
    }
    expect(await axeViolations(el), 'ready').to.deep.equal([]);

    // Save with Outcome empty: the error sits next to it, the focus goes there, nothing is sent.
    buttons(el, 'Save')[0]!.click();
    await until(() => outcome.getAttribute('aria-invalid') === 'true', 'Outcome in error');
    const error = one<HTMLElement>(el, '[part~="field-error"]');
    expect(error.textContent?.trim()).to.not.equal('');
    expect(outcome.getAttribute('aria-describedby')).to.equal(error.id);
    expect(error.closest('[part~="field"]')).to.equal(outcome.closest('[part~="field"]'));
    await until(() => deepActiveElement() === outcome, 'the focus on Outcome');
    expect(spoken(el)).to.equal('1 field needs attention');
    expect(status(el)).to.equal('1 field needs attention.');
    expect(wrapUpPosts(platform, interactionId)).to.equal(0);
    expect(await axeViolations(el), 'errors shown').to.deep.equal([]);

    // The agent fills it in, key by key.
    outcome.value = 'Sold';
    outcome.dispatchEvent(new Event('change', { bubbles: true }));
    reference.focus();
    await sendKeys({ type: 'A-123' });
    notes.focus();
    await sendKeys({ type: 'Wants the blue one <b>now</b>' });
    followUp.click();
    control<HTMLInputElement>(el, 'VIP').click();
    await until(() => outcome.getAttribute('aria-invalid') === null, 'the error to clear');
    await until(() => el.phone!.$wrapUp.get()?.draft.tags.length === 1, 'the draft');

    buttons(el, 'Save')[0]!.click();
    await until(() => status(el) === 'Saved', 'saved');
    expect(platform.model.wrapUps.get(interactionId)!.saved).to.deep.equal({
      values: { outcome: 'Sold', reference: 'A-123', notes: 'Wants the blue one <b>now</b>', followUp: true },
      tags: ['VIP'],
    });
    await until(() => spoken(el) === 'Saved', 'saved to be announced');
    expect(await axeViolations(el), 'saved').to.deep.equal([]);
  });

  it("a 422 shows next to Notes; the time counts down; Extend grows it; End makes the agent available", async () => {
    const { platform, phone, el, interactionId } = await inWrapUp();
    await until(() => queryAll(el, 'select').length === 1, 'the form');
    const outcome = control<HTMLSelectElement>(el, 'Outcome');
    const notes = control<HTMLTextAreaElement>(el, 'Notes');
    outcome.value = 'Sold';
    outcome.dispatchEvent(new Event('change', { bubbles: true }));
    notes.focus();
    await sendKeys({ type: 'x' });
    await until(() => phone.$wrapUp.get()?.draft.values['notes'] === 'x', 'the notes');

    platform.fail('POST /interactions/{id}/wrap-up', { status: 422, json: { code: 'invalid', message: 'Check', fields: { notes: 'Too short.' } } });
    buttons(el, 'Save')[0]!.click();
    await until(() => notes.getAttribute('aria-invalid') === 'true', 'Notes in error');
    const error = one<HTMLElement>(el, '[part~="field-error"]');
    expect(error.textContent?.trim()).to.equal('Too short.');
    expect(notes.getAttribute('aria-describedby')).to.equal(error.id);
    expect(error.closest('[part~="field"]')).to.equal(notes.closest('[part~="field"]'));
    expect(outcome.hasAttribute('aria-invalid')).to.equal(false);
    await until(() => deepActiveElement() === notes, 'the focus on Notes');
    expect(spoken(el)).to.equal('1 field needs attention');
    expect(await axeViolations(el), 'the 422').to.deep.equal([]);

    const time = (): string => deepText(one(el, '[part~="time"]')).trim();
    const before = time();
    await until(() => time() !== before, 'the time to count down', 2500);
    expect(time()).to.match(/^0:\d\d left of 0:30$/);

    buttons(el, 'Extend the post-interaction time')[0]!.click();
    await until(() => time().endsWith('of 1:00'), 'the longer time');
    expect(platform.model.wrapUps.get(interactionId)!.totalSeconds).to.equal(60);
    await until(() => spoken(el).startsWith('Extended: '), 'extended to be announced');
    expect(spoken(el)).to.match(/^Extended: 0:\d\d left$/);

    buttons(el, 'End the post-interaction')[0]!.click();
    await until(() => phone.$wrapUp.get() === undefined, 'the end');
    expect(phone.$agent.get()).to.equal('available');
    await until(() => queryAll(el, 'section').length === 0, 'the region to go');
    // End sent what was typed since the refusal.
    expect(platform.model.wrapUps.get(interactionId)!.saved).to.deep.equal({ values: { outcome: 'Sold', notes: 'x' }, tags: [] });
  });

  it('the form cannot be loaded: it says so and End still works; "10 seconds left" is said once', async () => {
    const { phone, el } = await inWrapUp((p) => {
      p.model.queues.get('sales')!.wrapUpSeconds = 12;
      // An answer that cannot be read: the form fails (a 404 would mean "no form").
      p.fail('GET /queues/{id}/form', { json: { broken: true } });
    });
    await until(() => deepText(el).includes('You can still end the post-interaction.'), 'the failure');
    expect(queryAll(el, 'select, textarea, input').length).to.equal(0);
    expect(await axeViolations(el), 'form failed').to.deep.equal([]);
    await until(() => spoken(el) === '10 seconds left', '10 seconds left', 4000);
    await sleep(1100);
    expect(spoken(el), 'not every second').to.equal('10 seconds left');
    buttons(el, 'End the post-interaction')[0]!.click();
    await until(() => phone.$wrapUp.get() === undefined, 'the end');
    expect(phone.$agent.get()).to.equal('available');
  });

  it('platform down: the queued message, then sent when it is back', async () => {
    const { platform, el, interactionId } = await inWrapUp();
    await until(() => queryAll(el, 'select').length === 1, 'the form');
    const outcome = control<HTMLSelectElement>(el, 'Outcome');
    outcome.value = 'Call back later';
    outcome.dispatchEvent(new Event('change', { bubbles: true }));
    await until(() => el.phone!.$wrapUp.get()?.dirty === true, 'the draft');

    platform.fail('POST /interactions/{id}/wrap-up', { network: true }, 1000);
    buttons(el, 'Save')[0]!.click();
    await until(() => status(el).startsWith('The contact center cannot be reached'), 'the queued message');
    expect(status(el)).to.match(/your entries are kept and will be sent when it is back\. Next attempt at /);
    expect(one(el, '[part~="status"]').getAttribute('role')).to.equal('status');
    await until(() => spoken(el).startsWith('The contact center cannot be reached'), 'queued to be announced');
    expect(spoken(el)).to.equal('The contact center cannot be reached: your entries are kept and will be sent when it is back');
    expect(buttons(el, 'Save')[0]!.disabled).to.equal(false);
    expect(await axeViolations(el), 'queued').to.deep.equal([]);

    // The network is back (the browser says so): queued entries go at once.
    platform.recover();
    window.dispatchEvent(new Event('online'));
    await until(() => platform.model.wrapUps.get(interactionId)?.saved !== undefined, 'the retry', 6000);
    expect(platform.model.wrapUps.get(interactionId)!.saved).to.deep.equal({ values: { outcome: 'Call back later' }, tags: [] });
    await until(() => status(el) === 'Saved' && spoken(el) === 'Saved', 'saved, shown and announced');
  });

  it("Link a contact and Link a case run the CRM page's hooks; their names are text; a failing hook is said", async () => {
    let failCase = true;
    const { el, platform, phone, interactionId } = await inWrapUp(undefined, {
      hooks: {
        pickContact: ({ caller }) => ({ id: `card-${caller?.number}`, name: '<img src=x onerror=alert(1)>Bob' }),
        pickCase: async ({ draft }) => {
          if (failCase) throw new Error('The CRM is busy');
          return { id: 'CASE-7', name: `Case for ${String(draft.values['outcome'])}` };
        },
      },
    });
    await until(() => buttons(el, 'Link a contact').length === 1, 'the links');
    buttons(el, 'Link a contact')[0]!.click();
    await until(() => deepText(el).includes('<img src=x onerror=alert(1)>Bob'), 'the contact, as text');
    expect(queryAll(el, 'img').length).to.equal(0);
    buttons(el, 'Link a case')[0]!.click();
    await until(() => queryAll(el, '[role="alert"]').some((a) => (a.textContent ?? '').trim() !== ''), 'the failure to be said');
    failCase = false;
    phone.wrapUp.update({ values: { outcome: 'Sold' } });
    buttons(el, 'Link a case')[0]!.click();
    await until(() => deepText(el).includes('Case for Sold'), 'the case');
    expect(await axeViolations(el), 'linked').to.deep.equal([]);
    buttons(el, 'Save')[0]!.click();
    await until(() => platform.model.wrapUps.get(interactionId)?.saved !== undefined, 'the save');
    expect(platform.model.wrapUps.get(interactionId)!.saved).to.deep.include({ contactId: 'card-2001', caseId: 'CASE-7' });
  });

  it('in the Banner: the ended call gives way to the region, which takes the focus; queue offers are refused meanwhile; End brings the idle Banner back', async () => {
    const platform = await simulatedPlatform();
    const phone = await agentPhone({ platform: platformOption(platform) });
    await until(() => phone.$me.get() !== undefined, '/me');
    const banner = new CxBanner();
    banner.storage = memoryStorage();
    banner.phone = phone;
    await mount(banner);
    const { interactionId } = platform.putInPool({ queueId: 'sales', caller: { number: '2001', name: 'Bob' } });
    await platform.dispatch(interactionId, '1001');
    await until(() => buttons(banner, 'Accept').length === 1, 'the popup');
    buttons(banner, 'Accept')[0]!.click();
    await until(() => buttons(banner, 'Hang up').length === 1, 'the panel');
    buttons(banner, 'Hang up')[0]!.focus();
    buttons(banner, 'Hang up')[0]!.click();

    const region = (): CxWrapUp | undefined => queryAll<CxWrapUp>(banner, 'cx-wrap-up')[0];
    await until(() => region() !== undefined && queryAll(region()!, 'select').length === 1, 'the region');
    expect(queryAll(banner, 'cx-active-call').length, 'the ended call gave way').to.equal(0);
    expect(deepText(banner)).not.to.contain('No call in progress.');
    await until(() => deepActiveElement()?.getAttribute('aria-label') === 'Post-interaction', 'the focus on the region');

    // Another queue call meanwhile: refused, no popup.
    const other = platform.putInPool({ queueId: 'sales', caller: { number: '2002', name: 'Carol' } });
    await platform.dispatch(other.interactionId, '1001');
    await sleep(600);
    expect(buttons(banner, 'Accept').length).to.equal(0);
    expect(await axeViolations(banner), 'the Banner in post-interaction').to.deep.equal([]);

    buttons(region()!, 'End the post-interaction')[0]!.click();
    await until(() => region() === undefined, 'the region to go');
    expect(deepText(banner)).to.contain('No call in progress.');
    expect(phone.$agent.get()).to.equal('available');
  });
});
