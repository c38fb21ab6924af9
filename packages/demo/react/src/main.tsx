// The React example's page: the agent's phone on the simulated contact
// center (@cx/core/testing, running in the page), the CRM screen of
// crm.tsx, and a button that makes a customer call the agent.
import { createPhone } from '@cx/core';
import { createToneMicrophone, startSimulatedContactCenter, type SimulatedCustomer } from '@cx/core/testing';
import { mountCrm } from './mount.js';

// Not the script-tag demo's 1001: a second agent, so that both pages can be open in one browser
// (two tabs of one agent share one registration, see docs/reliability.md).
const AGENT = '1101';
const CUSTOMER = '+33612345678';
const $ = (id: string) => document.getElementById(id) as HTMLElement;
const status = (text: string) => ($('sim-status').textContent = text);

const cc = await startSimulatedContactCenter({ users: { [AGENT]: 'agent-1101', [CUSTOMER]: 'customer-bob' } });
// `?agentTone=1130` replaces the microphone with a tone (for machines without one).
const agentTone = Number(new URLSearchParams(location.search).get('agentTone')) || undefined;
const phone = createPhone({
  sip: { ...cc.sipOptions(AGENT), displayName: 'Ann Agent' },
  ...(agentTone ? { media: { getStream: createToneMicrophone(agentTone).getStream } } : {}),
});
mountCrm($('crm'), { phone });
await phone.connect();
status(`Connected to the simulated contact center as extension ${AGENT}.`);

let customer: SimulatedCustomer | undefined;
$('ring').addEventListener('click', () => {
  void (async () => {
    customer ??= await cc.customer(CUSTOMER, { displayName: 'Bob Martin', frequency: 470 });
    status('Bob Martin is calling: Accept in the Banner.');
    await customer.dial(cc.address(AGENT), { 'X-CX-Queue': 'Sales', 'X-CX-Call-Type': 'smart' });
  })().catch((error: unknown) => status(`The call failed: ${error instanceof Error ? error.message : String(error)}`));
});
$('hang-up').addEventListener('click', () => {
  void customer?.call?.hangup().catch(() => undefined);
});
