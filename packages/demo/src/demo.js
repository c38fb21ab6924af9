// The demo page's own script: the simulated contact center (from
// @cx/core/testing), the simulation panel, and a CRM that reacts to the
// phone's events like an integration would. The banner itself comes from the
// cx-banner.js script tag, as in any CRM.
import { createToneMicrophone, FrequencyMeter, startSimulatedContactCenter } from '@cx/core/testing';
import { colleagues, DIRECTORY, MONITORED_AGENT, MONITORED_CALLER, scenarios } from './scenarios.js';

const CX = window.CX;
const AGENT = '1001';
const users = { [AGENT]: 'agent-1001', [MONITORED_AGENT.user]: `pw-${MONITORED_AGENT.user}` };
for (const s of [...scenarios, ...colleagues, MONITORED_CALLER]) users[s.user] = `pw-${s.user}`;

const directory = { '+33612345678': 'Bob Martin (Acme Corp)', '+442071234567': 'David Smith (Globex)' };
const $ = (id) => document.getElementById(id);
// `?agentTone=1130` replaces the microphone with a tone (for machines without
// one, and for automated checks of who hears whom).
const agentTone = Number(new URLSearchParams(location.search).get('agentTone')) || undefined;
const status = (text) => ($('sim-status').textContent = text);

let cc;
let phone;
let customer;
/** The simulated colleagues, by extension or number: real SIP phones that answer. */
const reachable = new Map();
/** Dan, the colleague a supervisor can monitor: a real phone running the same engine. */
let monitored;
let monitoredCaller;

async function useSimulator() {
  await phone?.disconnect();
  cc ??= await startSimulatedContactCenter({ users });
  phone = CX.createPhone({
    sip: { ...cc.sipOptions(AGENT), displayName: 'Ann Agent', dtmf: 'info' },
    profile: { ringTimeout: 20, smartOutbound: true },
    // The CRM's own directory names the callers it knows.
    contacts: { lookup: (number) => directory[number] },
    // Where calls can be transferred: colleagues, queues, routings, contacts.
    directory: DIRECTORY,
    ...(agentTone ? { media: { getStream: createToneMicrophone(agentTone).getStream } } : {}),
  });
  attach(phone);
  await phone.connect();
  await startColleagues();
  status('Connected to the simulated contact center as extension 1001.');
}

/** Carol, the Sales queue and Acme support answer transfers and calls; Dan takes calls you can monitor. */
async function startColleagues() {
  for (const colleague of colleagues) {
    if (reachable.has(colleague.user)) continue;
    reachable.set(colleague.user, await cc.customer(colleague.user, { ...colleague, autoAnswer: true }));
  }
  if (monitored) return;
  monitored = CX.createPhone({
    sip: { ...cc.sipOptions(MONITORED_AGENT.user), displayName: MONITORED_AGENT.displayName },
    profile: { autoAnswer: true },
    // Dan's phone lets the demo's agent (1001) monitor his calls.
    monitoring: { supervisors: [AGENT] },
    media: { getStream: createToneMicrophone(MONITORED_AGENT.frequency).getStream },
  });
  monitored.on('call:accepted', (call) => {
    const caller = call.info.remote.displayName || call.info.remote.number;
    showMonitorTarget({ interactionId: call.info.interactionId, agent: MONITORED_AGENT.user, label: `${MONITORED_AGENT.displayName} with ${caller}` });
  });
  monitored.on('call:ended', () => showMonitorTarget(undefined));
  await monitored.connect();
}

/** The supervision panel (its code loads on first use, as for any supervisor). */
async function showMonitorTarget(target) {
  await CX.loadMonitorPanel();
  const panel = $('monitor-panel');
  panel.phone = phone;
  panel.target = target;
  $('monitor-hint').hidden = target !== undefined;
}

async function callMonitoredAgent() {
  if (!cc) return;
  monitoredCaller ??= await cc.customer(MONITORED_CALLER.user, { ...MONITORED_CALLER, autoAnswer: true });
  status(`${MONITORED_CALLER.displayName} is calling ${MONITORED_AGENT.displayName}...`);
  try {
    await monitoredCaller.dial(cc.address(MONITORED_AGENT.user), MONITORED_CALLER.headers());
  } catch (error) {
    status(`${error.code}: ${error.message}`);
  }
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
  p.on('recording:ready', (call, recording) => keepRecording(call, recording));
}

/** What a CRM does with `recording:ready`: keep the file with the customer's record. */
function keepRecording(call, recording) {
  const li = document.createElement('li');
  const who = call.info.remote.displayName || call.info.remote.number;
  const label = document.createElement('span');
  label.textContent = `${who}, ${recording.duration.toFixed(1)} s `;
  const audio = document.createElement('audio');
  audio.controls = true;
  audio.src = URL.createObjectURL(recording.blob);
  audio.setAttribute('aria-label', `Recording of the call with ${who}`);
  li.append(label, audio);
  $('recordings').prepend(li);
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
$('call-monitored').addEventListener('click', () => void callMonitoredAgent());
$('colleague-list').append(
  ...colleagues.map((c) => {
    const li = document.createElement('li');
    li.textContent = `${c.displayName}: ${c.user}`;
    return li;
  }),
);

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
  /** A simulated colleague (their SimulatedCustomer), by extension or number. */
  colleague: (user) => reachable.get(user),
  callMonitoredAgent,
  get monitored() {
    return monitored;
  },
};
await useSimulator();
