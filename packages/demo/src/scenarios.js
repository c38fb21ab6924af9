// Calls the simulation panel can place, each with the headers a real ACD
// would send (see docs/sip-headers.md); the colleagues a call can go to.
const id = () => `int-${Math.floor(Math.random() * 1e6)}`;
const wait = () => String(10 + Math.floor(Math.random() * 120));

export const scenarios = [
  {
    label: 'Simulate a queue call',
    // Routed by the platform (its Sales queue): the post-interaction has Sales's form.
    queueId: 'sales',
    user: '+33612345678',
    displayName: 'Bob Martin',
    frequency: 470,
    headers: () => ({
      'X-CX-Interaction-Id': id(),
      'X-CX-Call-Type': 'smart',
      'X-CX-Queue': 'Sales',
      'X-CX-Queue-Id': 'q-sales',
      'X-CX-Wait-Time': wait(),
      'X-CX-Called': '+33800100200',
      'X-CX-Route': 'Welcome > Language: English > Sales',
      'X-CX-Data-CustomerId': 'C-20931',
      'X-CX-Data-Contract': 'Premium',
    }),
  },
  {
    label: 'Simulate a direct external call',
    user: '+14155550123',
    displayName: 'Claire Dubois',
    frequency: 520,
    headers: () => ({ 'X-CX-Call-Type': 'direct' }),
  },
  {
    label: 'Simulate an internal call',
    user: '1002',
    displayName: 'Ann Lee',
    frequency: 610,
    headers: () => ({ 'X-CX-Call-Type': 'direct' }),
  },
  {
    label: 'Simulate a transferred call',
    queueId: 'support',
    user: '+442071234567',
    displayName: 'David Smith',
    frequency: 390,
    headers: () => ({
      'X-CX-Interaction-Id': id(),
      'X-CX-Call-Type': 'smart',
      'X-CX-Queue': 'Support',
      'X-CX-Wait-Time': wait(),
      'X-CX-Transfer': 'type=attended;by="Ann Lee"',
      'X-CX-Route': 'Welcome > Support',
    }),
  },
  {
    label: 'Simulate an auto-answer call',
    queueId: 'renewals',
    user: '+33170000001',
    displayName: 'Outbound campaign',
    frequency: 560,
    headers: () => ({
      'X-CX-Interaction-Id': id(),
      'X-CX-Call-Type': 'campaign',
      'X-CX-Queue': 'Renewals',
      'Call-Info': '<sip:acd.sim.cx.invalid>;answer-after=0',
    }),
  },
  {
    label: 'Simulate a preview call',
    queueId: 'callbacks',
    user: '+33170000002',
    displayName: 'Eve Moreau',
    frequency: 430,
    headers: () => ({ 'X-CX-Interaction-Id': id(), 'X-CX-Call-Type': 'preview', 'X-CX-Queue': 'Callbacks' }),
  },
  {
    // A multi-company desk: the customer dialled Globex's number, so the popup greets as Globex (HOTLINE below).
    label: 'Simulate a call to a second company',
    user: '+33698765432',
    displayName: 'Frank Girard',
    frequency: 540,
    headers: () => ({ 'X-CX-Call-Type': 'direct', 'X-CX-Called': '+33 1 86 95 12 34' }),
  },
  {
    // Rings 3 s and gives up: the agent's unanswered-call email and SMS land in the Outbox (UNANSWERED_SETTINGS).
    label: 'Simulate an unanswered call',
    user: '+33655501234',
    displayName: 'Grace Hopper',
    frequency: 500,
    hangUpAfter: 3000,
    headers: () => ({ 'X-CX-Call-Type': 'direct' }),
  },
];

/** The platform's card for the unanswered caller: her name, email and company go in the email and its vCard. */
export const UNANSWERED_CALLER_CARD = {
  id: 'contact-grace',
  name: 'Grace Hopper',
  email: 'grace.hopper@example.com',
  organization: 'Cobol Systems',
  numbers: ['+33655501234'],
};

/**
 * The demo agent's unanswered-call settings, as the platform keeps them
 * (`GET /me/unanswered`, docs/unanswered-calls.md): email and SMS on, every
 * exception as by default (a call shorter than 2 s, or the same caller
 * again the same day, gives nothing).
 */
export const UNANSWERED_SETTINGS = {
  email: { enabled: true, to: 'ann.agent@example.com', attachVCard: true, linkPrefix: 'tel:' },
  sms: { enabled: true, provider: 'demo-sms', to: '+33700000001' },
  exceptions: {
    excluded: true,
    internal: true,
    withheld: true,
    'short-ring': true,
    'unknown-contact': false,
    'same-day': true,
    'not-logged-in': true,
  },
  exclusions: [],
};

/**
 * The companies the demo agent's desk answers for (the `hotline` option,
 * docs/hotline.md): the call to a second company dials a Globex number;
 * the exact number of Globex Claims would win over Globex's prefix.
 */
export const HOTLINE = [
  {
    name: 'Globex Insurance',
    numbers: ['+33 1 86 95*'],
    greeting: 'Globex Insurance, good morning, how may I help you?',
    template: '{entity}: {caller} dialled {called}',
  },
  { name: 'Globex Claims', numbers: ['+33 1 86 95 00 00'], greeting: 'Globex Claims, good morning.', template: '{entity}: {called}' },
];

/** Simulated phones that answer: transfer, consult or merge with them. */
export const colleagues = [
  { user: '1003', displayName: 'Carol Jones', frequency: 660 },
  { user: '3001', displayName: 'Sales queue', frequency: 740 },
  { user: '+33123456789', displayName: 'Acme support', frequency: 350 },
];

/** The transfer picker's entries (the `directory` option; a platform provides them in production). */
export const DIRECTORY = [
  { kind: 'user', id: 'u-1003', name: 'Carol Jones', target: '1003' },
  { kind: 'queue', id: 'q-sales', name: 'Sales', target: '3001' },
  { kind: 'routing', id: 'r-fr', name: 'France outbound', target: '3001' },
  { kind: 'contact', id: 'c-acme', name: 'Acme support', target: '+33123456789' },
];

/** A colleague agent whose calls the demo's agent, as supervisor, may monitor. */
export const MONITORED_AGENT = { user: '1005', displayName: 'Dan Brown', frequency: 820 };

/** The customer who calls that colleague. */
export const MONITORED_CALLER = {
  user: '+33698765432',
  displayName: 'Fanny Roux',
  frequency: 560,
  headers: () => ({ 'X-CX-Interaction-Id': id(), 'X-CX-Call-Type': 'smart', 'X-CX-Queue': 'Support' }),
};

/** The demo platform's queues beside Sales and Support: the campaign and preview calls come from them. */
export const EXTRA_QUEUES = [
  { id: 'renewals', name: 'Renewals', smallBanner: true, recording: 'allowed', wrapUpSeconds: 20, supervisors: [] },
  { id: 'callbacks', name: 'Callbacks', smallBanner: true, recording: 'allowed', wrapUpSeconds: 20, supervisors: [] },
];

/** Who leaves a message with "Leave a voicemail". */
export const VOICEMAIL_CALLER = {
  number: '+33611000005',
  name: 'Nora Blanc',
  transcription: 'Hi, this is Nora Blanc from Initech. Could you call me back about the renewal of our contract? Thanks.',
};

/** Customers waiting in the platform's queues ("Put a call in the pool"). */
export const POOL_CALLERS = [
  { user: '+33611000001', displayName: 'Hugo Bernard', frequency: 450, queue: 'sales' },
  { user: '+33611000002', displayName: 'Ines Garcia', frequency: 500, queue: 'support' },
  { user: '+33611000003', displayName: 'Jules Petit', frequency: 540, queue: 'sales' },
  { user: '+33611000004', displayName: 'Lea Roux', frequency: 580, queue: 'support' },
];

/** The other agent on the simulated platform, who sometimes takes a call from the pool first. */
export const OTHER_AGENT = { user: '1004', displayName: 'Bruno Petit', frequency: 880 };
