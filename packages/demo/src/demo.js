// The demo page's own script: the simulated contact center (from
// @cx/core/testing), the simulation panel, and a CRM that reacts to the
// phone's events like an integration would. The banner itself comes from the
// cx-banner.js script tag, as in any CRM.
import { createToneMicrophone, FrequencyMeter, startSimulatedContactCenter } from '@cx/core/testing';
import { scenarios } from './scenarios.js';

const CX = window.CX;
const AGENT = '1001';
const users = { [AGENT]: 'agent-1001' };
for (const s of scenarios) users[s.user] = `pw-${s.user}`;

const directory = { '+33612345678': 'Bob Martin (Acme Corp)', '+442071234567': 'David Smith (Globex)' };
const $ = (id) => document.getElementById(id);
// `?agentTone=1130` replaces the microphone with a tone (for machines without
// one, and for automated checks of who hears whom).
const agentTone = Number(new URLSearchParams(location.search).get('agentTone')) || undefined;
const status = (text) => ($('sim-status').textContent = text);

let cc;
let phone;
let customer;

async function useSimulator() {
  await phone?.disconnect();
  cc ??= await startSimulatedContactCenter({ users });
  phone = CX.createPhone({
    sip: { ...cc.sipOptions(AGENT), displayName: 'Ann Agent', dtmf: 'info' },
    profile: { ringTimeout: 20 },
    // The CRM's own directory names the callers it knows.
    contacts: { lookup: (number) => directory[number] },
    ...(agentTone ? { media: { getStream: createToneMicrophone(agentTone).getStream } } : {}),
  });
  attach(phone);
  await phone.connect();
  status('Connected to the simulated contact center as extension 1001.');
}

async function useRealServer(form) {
  const data = new FormData(form);
  await phone?.disconnect();
  phone = CX.createPhone({
    sip: {
      server: String(data.get('server')),
      aor: String(data.get('aor')),
      ...(data.get('username') ? { username: String(data.get('username')) } : {}),
      ...(data.get('password') ? { password: String(data.get('password')) } : {}),
    },
  });
  attach(phone);
  status('Connecting to your SIP server...');
  try {
    await phone.connect();
    status(`Registered on ${data.get('server')}.`);
  } catch (error) {
    status(`${error.code}: ${error.message}`);
  }
}

function attach(p) {
  for (const el of [$('banner'), $('small-banner')]) if (el) el.phone = p;
  p.on('call:incoming', (call) => screenPop(call));
  p.on('call:ended', (call) => logCall(call));
}

/** What a CRM integration does on `call:incoming`: open the customer's record. */
function screenPop(call) {
  const { remote, queue, data, interactionId } = call.info;
  $('screen-pop').textContent = `Incoming call from ${remote.displayName || remote.number}`;
  const record = $('record');
  record.replaceChildren();
  const rows = [
    ['Number', remote.number],
    ['Name', remote.displayName],
    ['Queue', queue?.name],
    ['Interaction', interactionId],
    ...Object.entries(data),
  ];
  for (const [key, value] of rows) {
    if (!value) continue;
    const dt = document.createElement('dt');
    dt.textContent = key;
    const dd = document.createElement('dd');
    dd.textContent = value;
    record.append(dt, dd);
  }
}

function logCall(call) {
  const { answeredAt, endedAt, endReason } = call.snapshot;
  const seconds = answeredAt ? Math.round((endedAt - answeredAt) / 1000) : 0;
  const li = document.createElement('li');
  li.textContent = `${call.info.remote.displayName || call.info.remote.number}: ${endReason}, ${seconds} s`;
  $('call-log').prepend(li);
}

async function simulate(scenario) {
  if (!cc) return;
  status(`${scenario.label}...`);
  customer = await cc.customer(scenario.user, {
    displayName: scenario.displayName,
    frequency: scenario.frequency,
    autoAnswer: true,
  });
  try {
    await customer.dial(cc.address(AGENT), scenario.headers());
    status(`${scenario.displayName} is calling (${scenario.frequency} Hz voice).`);
  } catch (error) {
    status(`${error.code}: ${error.message}`);
  }
}

for (const scenario of scenarios) {
  const button = document.createElement('button');
  button.type = 'button';
  button.textContent = scenario.label;
  button.addEventListener('click', () => void simulate(scenario));
  $('sim-buttons').append(button);
}
$('customer-hangup').addEventListener('click', () => void customer?.call?.hangup().catch(() => undefined));
$('customer-dtmf').addEventListener('click', () => void customer?.call?.sendDtmf('1').catch(() => undefined));
$('real-sip').addEventListener('submit', (event) => {
  event.preventDefault();
  void useRealServer(event.currentTarget);
});
$('use-simulator').addEventListener('click', () => void useSimulator());

/** How loud each side hears the other right now (dBFS at the known tones). */
async function hearing() {
  const call = phone?.$activeCall.get();
  const stream = call && phone.mediaOf(call).remoteStream;
  if (!call || !stream || !customer) return { agentHearsCustomer: -Infinity, customerHearsAgent: -Infinity };
  const meter = new FrequencyMeter(stream);
  const [agentHearsCustomer, customerHearsAgent] = await Promise.all([
    meter.median(customer.frequency, 500),
    agentTone ? customer.hears(agentTone, 500) : Promise.resolve(NaN),
  ]);
  meter.dispose();
  return { agentHearsCustomer, customerHearsAgent };
}

// For scripted tours of the demo (and its own tests).
window.cxDemo = {
  simulate: (label) => simulate(scenarios.find((s) => s.label === label)),
  hearing,
  get phone() {
    return phone;
  },
  get customer() {
    return customer;
  },
};
await useSimulator();
