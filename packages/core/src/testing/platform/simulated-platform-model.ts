import type {
  Caller,
  DirectoryEntry,
  PlatformContact,
  FormField,
  MissedCall,
  PlatformNotificationSettings,
  PlatformStatus,
  Queue,
} from '../../platform/platform-schemas.js';
import type { HotlineEntity } from '../../rules/hotline-match.js';
import type { UnansweredSettings } from '../../rules/unanswered.js';
import type { NotificationRequest } from '../../unanswered/unanswered-schemas.js';

/** A user of the simulated platform: an agent, a supervisor or an admin. */
export interface SimulatedUser {
  id: string;
  name: string;
  extension: string;
  role: 'agent' | 'supervisor' | 'admin';
  permissions: string[];
  pauseReasons: string[];
  profile: { ringTimeout: number; autoAnswer: boolean; wrapUpSeconds: number; callerId?: string; ringDuringWrapUp?: boolean };
  /** The voice mailbox's email notification (`/me` `voicemail`). */
  voicemail?: { emailNotification: boolean; email?: string };
  /** Notification settings the agent saved (`PUT /me/notifications`; `/me` `notifications`). */
  notifications?: PlatformNotificationSettings;
  /** The companies the user's desk answers for (`/me` `hotline`; docs/hotline.md). */
  hotline?: HotlineEntity[];
  /** Unanswered-call notification settings (`GET`/`PUT /me/unanswered`; docs/unanswered-calls.md). */
  unanswered?: UnansweredSettings;
  /** Queues the user answers. */
  queueIds: string[];
  status: PlatformStatus;
  reason?: string;
  /** When the status was set (ms since the epoch). */
  since: number;
}

/** A queue (DESIGN section 7 `Queue`) and who supervises it. */
export interface SimulatedQueue extends Queue {
  /** User ids of the queue's supervisors: they see its pool. */
  supervisors: string[];
}

/** The wrap-up form of a queue (`GET /queues/{id}/form`). */
export interface SimulatedForm {
  fields: FormField[];
  tags: string[];
}

/** An interaction (a queue call). While `inPool`, it is a pool entry. */
export interface SimulatedInteraction {
  id: string;
  queueId: string;
  caller: Caller;
  /** When the caller started waiting (ms since the epoch). */
  waitingSince: number;
  state: 'waiting' | 'offered' | 'handling';
  /** User id of the agent it is offered to or handled by. */
  agentId?: string;
  /** True once an agent took it from the pool: nobody else may take it. */
  taken: boolean;
  route: string[];
  data: Record<string, string>;
  inPool: boolean;
}

/** A missed call of one user. */
export interface SimulatedMissedCall extends MissedCall {
  userId: string;
}

/** A voicemail of one user; its audio is served at `/voicemails/{id}/audio`. */
export interface SimulatedVoicemail {
  id: string;
  userId: string;
  at: string;
  caller: Caller;
  /** Seconds. */
  duration: number;
  transcription?: string;
  heard: boolean;
  /** The message: a short WAV tone unless the seed gives one. */
  audio: Blob;
}

/** A wrap-up in progress or saved. */
export interface SimulatedWrapUp {
  interactionId: string;
  userId: string;
  /** ms since the epoch. */
  endsAt: number;
  totalSeconds: number;
  saved?: { values: Record<string, string | boolean>; tags: string[]; contactId?: string; caseId?: string };
}

/** What the simulated platform starts with. Every part can be replaced. */
export interface SimulatedPlatformSeed {
  users: SimulatedUser[];
  queues: SimulatedQueue[];
  /** Wrap-up form per queue id; a queue without one gets `defaultForm`. */
  forms: Record<string, SimulatedForm>;
  defaultForm: SimulatedForm;
  interactions: SimulatedInteraction[];
  missedCalls: SimulatedMissedCall[];
  voicemails: SimulatedVoicemail[];
  /** Routing points and contacts; users and queues are added to the directory by themselves. */
  directory: DirectoryEntry[];
  /** The contact cards `GET /contacts?number=` searches (by any of their numbers, digits compared). */
  contacts?: PlatformContact[];
  /** Directory targets of queues (queue id -> what to dial), default `6` + position. */
  queueTargets: Record<string, string>;
}

/** The in-memory state of the simulated platform. Tests read it; the platform's methods change it. */
export interface SimulatedPlatformModel {
  readonly users: Map<string, SimulatedUser>;
  readonly queues: Map<string, SimulatedQueue>;
  readonly forms: Map<string, SimulatedForm>;
  readonly defaultForm: SimulatedForm;
  readonly interactions: Map<string, SimulatedInteraction>;
  readonly missedCalls: SimulatedMissedCall[];
  readonly voicemails: SimulatedVoicemail[];
  readonly wrapUps: Map<string, SimulatedWrapUp>;
  readonly directory: DirectoryEntry[];
  /** The contact cards of `GET /contacts?number=`; a test may add or remove some. */
  readonly contacts: PlatformContact[];
  /** The notifications posted (`POST /notifications`), oldest first: what would have been emailed or texted. */
  readonly outbox: SimulatedNotification[];
}

/** One posted notification of the outbox. */
export interface SimulatedNotification extends NotificationRequest {
  /** The platform's id for it. */
  readonly id: string;
  /** The user who posted it. */
  readonly userId: string;
  /** When it was posted (ms since the epoch). */
  readonly at: number;
}

/**
 * A mono 16-bit PCM WAV of a steady tone: the simulated voicemail message.
 * Small on purpose (8 kHz).
 */
export function toneWav(seconds = 1, frequency = 440, sampleRate = 8000): Blob {
  const samples = Math.round(seconds * sampleRate);
  const buffer = new ArrayBuffer(44 + samples * 2);
  const view = new DataView(buffer);
  const text = (offset: number, value: string): void => {
    for (let i = 0; i < value.length; i++) view.setUint8(offset + i, value.charCodeAt(i));
  };
  text(0, 'RIFF');
  view.setUint32(4, 36 + samples * 2, true);
  text(8, 'WAVE');
  text(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * 2, true);
  view.setUint16(32, 2, true);
  view.setUint16(34, 16, true);
  text(36, 'data');
  view.setUint32(40, samples * 2, true);
  for (let i = 0; i < samples; i++) {
    view.setInt16(44 + i * 2, Math.round(Math.sin((2 * Math.PI * frequency * i) / sampleRate) * 0.3 * 0x7fff), true);
  }
  return new Blob([buffer], { type: 'audio/wav' });
}

const PAUSE_REASONS = ['Lunch', 'Training', 'Break'];

/** The form every seeded queue uses: an outcome, notes, a follow-up box, two tags. */
export function defaultSeedForm(): SimulatedForm {
  return {
    fields: [
      { name: 'outcome', label: 'Outcome', type: 'select', options: ['Sold', 'Call back later', 'Not interested'], required: true },
      { name: 'notes', label: 'Notes', type: 'textarea' },
      { name: 'followUp', label: 'Follow-up', type: 'checkbox' },
    ],
    tags: ['VIP', 'Complaint'],
  };
}

/**
 * The default data: queues "Sales" and "Support"; agents 1001 Alice Martin
 * and 1002 Bruno Petit; 1005 Dan Supervisor (permission `monitor-any-call`);
 * a wrap-up form; missed calls and a voicemail for Alice; a directory.
 * `now` is the simulated clock (ms since the epoch).
 */
export function defaultSeed(now: number): SimulatedPlatformSeed {
  const iso = (agoSeconds: number): string => new Date(now - agoSeconds * 1000).toISOString();
  const user = (
    extension: string,
    name: string,
    role: SimulatedUser['role'],
    queueIds: string[],
    permissions: string[] = [],
  ): SimulatedUser => ({
    id: `user-${extension}`,
    name,
    extension,
    role,
    permissions,
    pauseReasons: [...PAUSE_REASONS],
    profile: { ringTimeout: 30, autoAnswer: false, wrapUpSeconds: 30 },
    voicemail: { emailNotification: true, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}@example.com` },
    queueIds,
    status: 'available',
    since: now,
  });
  return {
    users: [
      user('1001', 'Alice Martin', 'agent', ['sales', 'support']),
      user('1002', 'Bruno Petit', 'agent', ['sales', 'support']),
      user('1005', 'Dan Supervisor', 'supervisor', [], ['monitor-any-call']),
    ],
    queues: [
      { id: 'sales', name: 'Sales', smallBanner: true, recording: 'allowed', wrapUpSeconds: 30, supervisors: ['user-1005'] },
      { id: 'support', name: 'Support', smallBanner: false, recording: 'auto', wrapUpSeconds: 60, supervisors: ['user-1005'] },
    ],
    forms: {},
    defaultForm: defaultSeedForm(),
    interactions: [],
    missedCalls: [
      { id: 'missed-1', userId: 'user-1001', at: iso(3600), caller: { number: '+33123456789', name: 'Claire Dubois' }, reason: 'no-answer', processed: false },
      { id: 'missed-2', userId: 'user-1001', at: iso(1800), caller: { number: '+33987654321' }, reason: 'caller-hung-up', processed: false },
      { id: 'missed-3', userId: 'user-1001', at: iso(7200), caller: { number: '1002', name: 'Bruno Petit' }, reason: 'declined', processed: true },
    ],
    voicemails: [
      {
        id: 'voicemail-1',
        userId: 'user-1001',
        at: iso(5400),
        caller: { number: '+33611223344', name: 'Eve Laurent' },
        duration: 1,
        transcription: 'Hello, please call me back about my order.',
        heard: false,
        audio: toneWav(),
      },
    ],
    directory: [
      { kind: 'routing', id: 'routing-main', name: 'Main menu', target: '5000' },
      { kind: 'routing', id: 'routing-after-hours', name: 'After hours', target: '5001' },
      { kind: 'contact', id: 'contact-claire', name: 'Claire Dubois', target: '+33123456789' },
      { kind: 'contact', id: 'contact-eve', name: 'Eve Laurent', target: '+33611223344' },
    ],
    contacts: [
      { id: 'contact-claire', name: 'Claire Dubois', email: 'claire.dubois@example.com', organization: 'Dubois SARL', numbers: ['+33123456789'] },
      { id: 'contact-eve', name: 'Eve Laurent', organization: 'Laurent & Fils', numbers: ['+33611223344'] },
    ],
    queueTargets: {},
  };
}

/** Builds the model from a seed (the seed's objects are copied). */
export function createModel(seed: SimulatedPlatformSeed): SimulatedPlatformModel {
  const queues = seed.queues.map((q) => structuredCopy(q));
  const directory: DirectoryEntry[] = [
    ...seed.users.map((u): DirectoryEntry => ({ kind: 'user', id: u.id, name: u.name, target: u.extension })),
    ...queues.map((q, i): DirectoryEntry => ({ kind: 'queue', id: q.id, name: q.name, target: seed.queueTargets[q.id] ?? `6${String(i + 1).padStart(3, '0')}` })),
    ...seed.directory.map((d) => ({ ...d })),
  ];
  return {
    users: new Map(seed.users.map((u) => [u.id, structuredCopy(u)])),
    queues: new Map(queues.map((q) => [q.id, q])),
    forms: new Map(Object.entries(seed.forms).map(([id, f]) => [id, structuredCopy(f)])),
    defaultForm: structuredCopy(seed.defaultForm),
    interactions: new Map(seed.interactions.map((i) => [i.id, structuredCopy(i)])),
    missedCalls: seed.missedCalls.map((m) => structuredCopy(m)),
    voicemails: seed.voicemails.map((v) => ({ ...v, caller: { ...v.caller } })),
    wrapUps: new Map(),
    directory,
    contacts: (seed.contacts ?? []).map((c) => structuredCopy(c)),
    outbox: [],
  };
}

function structuredCopy<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
