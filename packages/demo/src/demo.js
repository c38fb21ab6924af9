// The demo page's own script: the simulated contact center (from
// @cx/core/testing), the simulation panel, and a CRM that reacts to the
// phone's events like an integration would. The banner itself comes from the
// cx-banner.js script tag, as in any CRM.
import { createToneMicrophone, defaultSeed, FrequencyMeter, startSimulatedContactCenter, startSimulatedPlatform, toneWav } from '@cx/core/testing';
import {
  colleagues,
  DIRECTORY,
  EXTRA_QUEUES,
  HOTLINE,
  MONITORED_AGENT,
  MONITORED_CALLER,
  OTHER_AGENT,
  POOL_CALLERS,
  scenarios,
  UNANSWERED_CALLER_CARD,
  UNANSWERED_SETTINGS,
  VOICEMAIL_CALLER,
} from './scenarios.js';

const CX = window.CX;
const AGENT = '1001';
const users = { [AGENT]: 'agent-1001', [MONITORED_AGENT.user]: `pw-${MONITORED_AGENT.user}` };
for (const s of [...scenarios, ...colleagues, MONITORED_CALLER, ...POOL_CALLERS, OTHER_AGENT]) users[s.user] = `pw-${s.user}`;

const directory = { '+33612345678': 'Bob Martin (Acme Corp)', '+442071234567': 'David Smith (Globex)' };
/** The CRM's contact cards, by number: what "Link a contact" picks. */
const contactCards = { '+33612345678': { id: 'C-20931', name: 'Bob Martin (Acme Corp)' }, '+442071234567': { id: 'C-11873', name: 'David Smith (Globex)' } };
let cases = 1040;
const $ = (id) => document.getElementById(id);
// `?agentTone=1130` replaces the microphone with a tone (for machines without
// one, and for automated checks of who hears whom).
const agentTone = Number(new URLSearchParams(location.search).get('agentTone')) || undefined;
const status = (text) => ($('sim-status').textContent = text);

// The CRM's language is its page's: the Banner follows the lang attribute.
$('language').addEventListener('change', (event) => {
  document.documentElement.lang = event.target.value;
});

let cc;
let phone;
let customer;
/** The simulated colleagues, by extension or number: real SIP phones that answer. */
const reachable = new Map();
/** Dan, the colleague a supervisor can monitor: a real phone running the same engine. */
let monitored;
let monitoredCaller;
/** The simulated contact-center platform: the agent's profile and status, the pool of calls. */
let platform;
/** Bruno, the other agent of the platform, and whether he takes calls from the pool. */
let other;
let otherTakes = true;
const poolCallers = new Map();

async function useSimulator() {
  await phone?.disconnect();
  cc ??= await startSimulatedContactCenter({ users });
  if (!platform) {
    platform = await startPlatform();
    watchOutbox();
  }
  phone = CX.createPhone({
    sip: { ...cc.sipOptions(AGENT), displayName: 'Ann Agent', dtmf: 'info' },
    profile: { ringTimeout: 20, smartOutbound: true },
    // The contact-center platform: profile, status, the pool, transfer destinations.
    platform: { baseUrl: platform.baseUrl, token: platform.tokenFor(AGENT) },
    // The CRM's own directory names the callers it knows.
    contacts: { lookup: (number) => directory[number] },
    // A desk answering for several companies: the number the customer dialled picks the greeting.
    hotline: { entities: HOTLINE },
    // The CRM's pickers of the post-interaction: the caller's card, and a case made from what the agent typed.
    hooks: {
      pickContact: ({ caller }) => contactCards[caller?.number ?? ''],
      pickCase: ({ draft }) => {
        cases += 1;
        const outcome = typeof draft.values.outcome === 'string' && draft.values.outcome !== '' ? draft.values.outcome : 'Open';
        return { id: `CASE-${cases}`, name: `Case ${cases}: ${outcome}` };
      },
    },
    ...(agentTone ? { media: { getStream: createToneMicrophone(agentTone).getStream } } : {}),
  });
  attach(phone);
  await phone.connect();
  await startColleagues();
  await startOtherAgent();
  status('Connected to the simulated contact center as extension 1001.');
}

/**
 * The simulated platform, seeded for the demo: Ann (1001) and Bruno (1004)
 * in the Sales and Support queues, the demo's colleagues in its directory,
 * Ann's unanswered-call email and SMS turned on, and a contact card for the
 * caller who gives up.
 * A call it hands to an agent (or that an agent takes) is dialled by the
 * waiting customer, a real SIP phone of the simulated contact center.
 */
async function startPlatform() {
  const seed = defaultSeed(Date.now());
  const [ann, bruno, supervisor] = seed.users;
  seed.users = [
    { ...ann, name: 'Ann Agent', unanswered: UNANSWERED_SETTINGS },
    { ...bruno, id: `user-${OTHER_AGENT.user}`, extension: OTHER_AGENT.user, name: OTHER_AGENT.displayName },
    supervisor,
  ];
  seed.directory = DIRECTORY;
  seed.contacts = [...(seed.contacts ?? []), UNANSWERED_CALLER_CARD];
  // The agent starts recordings here (a queue may also record every call: 'auto').
  seed.queues = [...seed.queues, ...EXTRA_QUEUES].map((queue) => ({ ...queue, recording: 'allowed', supervisors: [...queue.supervisors] }));
  seed.users = seed.users.map((user) => (user.extension === AGENT ? { ...user, queueIds: seed.queues.map((q) => q.id) } : user));
  const started = await startSimulatedPlatform({
    seed,
    dial: async ({ interactionId, caller, extension, headers }) => {
      // A call of the simulation panel (its own voice and headers), else a caller from the pool.
      const scenario = dispatching.get(caller.number);
      dispatching.delete(caller.number);
      const from = scenario ? await scenarioCustomer(scenario) : await poolCaller(caller.number);
      if (extension === AGENT) customer = from;
      await from.dial(cc.address(extension), scenario ? { ...headers, ...extraHeaders(scenario) } : headers);
      // As an ACD would: handled once answered, over when the call ends.
      void from.waitFor('active', 60_000).then(() => started.handling(interactionId, extension), () => undefined);
      void from.waitFor('ended', 3_600_000).then(() => started.endInteraction(interactionId), () => undefined);
    },
  });
  return started;
}

/** Calls of the simulation panel the platform is putting through, by caller number. */
const dispatching = new Map();

/** What a scenario's call says beyond what the platform's ACD sends (call type, transfer, called number, ...). */
function extraHeaders(scenario) {
  const headers = { ...scenario.headers() };
  for (const name of ['X-CX-Interaction-Id', 'X-CX-Queue', 'X-CX-Queue-Id']) delete headers[name];
  return headers;
}

function scenarioCustomer(scenario) {
  return cc.customer(scenario.user, { displayName: scenario.displayName, frequency: scenario.frequency, autoAnswer: true });
}

async function poolCaller(number) {
  const known = POOL_CALLERS.find((c) => c.user === number);
  if (!poolCallers.has(number)) {
    poolCallers.set(number, await cc.customer(number, { displayName: known?.displayName, frequency: known?.frequency ?? 500, autoAnswer: true }));
  }
  return poolCallers.get(number);
}

/** Bruno watches the pool and, now and then, takes a waiting call before you do. */
async function startOtherAgent() {
  if (other) return;
  other = CX.createPhone({
    sip: { ...cc.sipOptions(OTHER_AGENT.user), displayName: OTHER_AGENT.displayName },
    platform: { baseUrl: platform.baseUrl, token: platform.tokenFor(OTHER_AGENT.user) },
    media: { getStream: createToneMicrophone(OTHER_AGENT.frequency).getStream },
  });
  const seen = new Set();
  other.$pool.listen((pool) => {
    for (const entry of pool) {
      if (entry.state !== 'waiting' || seen.has(entry.interactionId)) continue;
      seen.add(entry.interactionId);
      setTimeout(() => {
        const still = other.$pool.get().find((e) => e.interactionId === entry.interactionId);
        if (otherTakes && still?.state === 'waiting' && Math.random() < 0.5) void other.take(entry.interactionId).catch(() => undefined);
      }, 6000 + Math.random() * 6000);
    }
  });
  // Bruno's calls last a little while.
  other.on('call:accepted', (call) => setTimeout(() => void call.hangup().catch(() => undefined), 10_000 + Math.random() * 10_000));
  await other.connect();
}

let pooled = 0;
/** The simulation panel's "Put a call in the pool". */
function putInPool() {
  if (!platform) return;
  const caller = POOL_CALLERS[pooled++ % POOL_CALLERS.length];
  platform.putInPool({
    queueId: caller.queue,
    caller: { number: caller.user, name: caller.displayName },
    route: ['Main menu', caller.queue === 'sales' ? 'Sales' : 'Support'],
    data: { Reason: caller.queue === 'sales' ? 'New order' : 'Delivery' },
  });
  status(`${caller.displayName} waits in the ${caller.queue === 'sales' ? 'Sales' : 'Support'} queue.`);
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
  p.on('call:logged', (call, record) => logCall(record));
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

/** What a CRM does with `call:logged`: one activity per call, with the post-interaction's outcome. */
function logCall(record) {
  const li = document.createElement('li');
  const who = record.remote.name ?? record.remote.number;
  const outcome = record.wrapUp?.values.outcome;
  const notes = record.wrapUp?.values.notes;
  const extra = [
    typeof outcome === 'string' && outcome ? `outcome "${outcome}"` : '',
    typeof notes === 'string' && notes ? `notes "${notes}"` : '',
    record.wrapUp?.tags.length ? `tags ${record.wrapUp.tags.join(', ')}` : '',
    record.wrapUp?.caseId ?? '',
  ].filter(Boolean);
  li.textContent = `${who}: ${record.endReason}, ${record.talkSeconds} s${extra.length ? `; ${extra.join('; ')}` : ''}`;
  $('call-log').prepend(li);
}

/** The simulation panel's "Leave a voicemail": a message (a tone) with its transcription. */
function leaveVoicemail() {
  if (!platform) return;
  platform.addVoicemail({
    user: AGENT,
    caller: { number: VOICEMAIL_CALLER.number, name: VOICEMAIL_CALLER.name },
    duration: 3,
    transcription: VOICEMAIL_CALLER.transcription,
    audio: toneWav(3, 523, 16000),
  });
  status(`${VOICEMAIL_CALLER.name} left you a message.`);
}

async function simulate(scenario) {
  if (!cc) return;
  status(`${scenario.label}...`);
  if (scenario.queueId && platform) {
    // A queue call: the platform's ACD puts it through, so the interaction (and its wrap-up) is the platform's.
    dispatching.set(scenario.user, scenario);
    const { interactionId } = platform.putInPool({ queueId: scenario.queueId, caller: { number: scenario.user, name: scenario.displayName } });
    try {
      await platform.dispatch(interactionId, AGENT);
      status(`${scenario.displayName} is calling from the ${scenario.queueId} queue (${scenario.frequency} Hz voice).`);
    } catch (error) {
      status(`${error.code ?? 'error'}: ${error.message}`);
    }
    return;
  }
  customer = await cc.customer(scenario.user, {
    displayName: scenario.displayName,
    frequency: scenario.frequency,
    autoAnswer: true,
  });
  try {
    await customer.dial(cc.address(AGENT), scenario.headers());
    status(`${scenario.displayName} is calling (${scenario.frequency} Hz voice).`);
    if (scenario.hangUpAfter) giveUp(customer, scenario);
  } catch (error) {
    status(`${error.code}: ${error.message}`);
  }
}

/** A caller who gives up: hangs up after `hangUpAfter` ms unless the agent answered. */
function giveUp(caller, scenario) {
  setTimeout(() => {
    const call = caller.call;
    if (!call || call.ended || call.snapshot.answeredAt !== undefined) return;
    void call.hangup().catch(() => undefined);
    status(`${scenario.displayName} hung up after ${scenario.hangUpAfter / 1000} s: see the Outbox.`);
  }, scenario.hangUpAfter);
}

/**
 * The Outbox: what the simulated platform was asked to send (`POST
 * /notifications`: the email and SMS of unanswered calls), newest first.
 * The platform's model has no change event, so the page looks at its length
 * twice a second and adds only the new entries.
 */
function watchOutbox() {
  let shown = 0;
  setInterval(() => {
    const outbox = platform.model.outbox;
    if (outbox.length === shown) return;
    const added = outbox.slice(shown);
    shown = outbox.length;
    for (const notification of added) $('outbox').prepend(outboxEntry(notification));
    $('outbox-status').textContent = `New in the outbox: ${added.map(({ channel, message }) => `${channel === 'email' ? 'an email' : 'an SMS'} to ${message.to}`).join(', ')}.`;
  }, 500);
}

let outboxEntries = 0;
/**
 * One sent message. Everything in it came from a caller, so it is text;
 * the email's HTML is shown in a sandboxed frame (no scripts, an origin of
 * its own) loaded from a Blob URL, never parsed as markup into this page,
 * so the page stays within a strict CSP with Trusted Types.
 */
function outboxEntry({ channel, message, at }) {
  const id = `outbox-entry-${(outboxEntries += 1)}`;
  const li = document.createElement('li');
  li.className = 'outbox-entry';
  const article = document.createElement('article');
  article.setAttribute('aria-labelledby', id);
  const heading = text('h3', channel === 'email' ? `Email: ${message.subject}` : `SMS to ${message.to}`);
  heading.id = id;
  const facts = document.createElement('dl');
  const rows = [
    ['To', message.to],
    ['From', message.from || "the provider's number"],
    ...(channel === 'sms' ? [['Provider', message.provider]] : []),
    ['Sent', new Date(at).toLocaleString()],
  ];
  for (const [name, value] of rows) facts.append(text('dt', name), text('dd', value));
  article.append(heading, facts);
  if (channel === 'sms') {
    article.append(text('p', message.text, 'outbox-sms'));
  } else {
    const frame = document.createElement('iframe');
    frame.setAttribute('sandbox', '');
    frame.referrerPolicy = 'no-referrer';
    frame.title = `HTML body of the email "${message.subject}"`;
    frame.src = URL.createObjectURL(new Blob([message.html], { type: 'text/html' }));
    article.append(text('h4', 'Text body'), text('pre', message.text), text('h4', 'HTML body'), frame);
    if (message.attachments.length > 0) {
      const files = document.createElement('ul');
      for (const attachment of message.attachments) {
        const link = text('a', `Download ${attachment.filename}`);
        link.href = URL.createObjectURL(new Blob([attachment.content], { type: attachment.contentType }));
        link.download = attachment.filename;
        const item = document.createElement('li');
        item.append(link);
        files.append(item);
      }
      article.append(text('h4', 'Attachments'), files);
    }
  }
  li.append(article);
  return li;
}

/** An element holding `value` as text. */
function text(tag, value, className) {
  const element = document.createElement(tag);
  element.textContent = value;
  if (className) element.className = className;
  return element;
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
$('put-in-pool').addEventListener('click', () => putInPool());
$('leave-voicemail').addEventListener('click', () => leaveVoicemail());
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
  putInPool,
  leaveVoicemail,
  /** Whether Bruno, the other agent, sometimes takes pool calls first (on by default). */
  set otherAgentTakes(on) {
    otherTakes = on;
  },
  get platform() {
    return platform;
  },
  get monitored() {
    return monitored;
  },
};
await useSimulator();
