import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { LogOptions } from '../logger.js';
import type { RecordingPolicy } from '../call/call-info.js';
import type { SmallBannerRule } from '../rules/small-banner-access.js';
import type { DirectoryEntry } from '../transfer/transfer-types.js';
import { DEFAULT_CONTACT_LOOKUP_TIMEOUT, type Contact, type ContactAutoOpen, type ContactLookup, type ContactOptions } from '../contacts/contact-options.js';
import type { CrmPicker } from '../wrap-up/wrap-up-types.js';
import type { BeforeDial } from '../crm/crm-types.js';
import { readNotificationSettings, type NotificationSettings } from '../notifications/notification-settings.js';
import { readHotlineEntities, type HotlineOptions } from '../rules/hotline-options.js';
import type { HotlineEntity } from '../rules/hotline-match.js';

/**
 * Functions the CRM page gives the phone, for what only the CRM knows
 * (docs/integrating.md "Hooks"). Each may be async.
 */
export interface PhoneHooks {
  /**
   * Runs before every `phone.call()` (click-to-call and call-back
   * included), in the tab where the call was asked for: answer a string to
   * dial that instead, `false` to dial nothing (`dial-cancelled`), anything
   * else to dial the target as it is. Within `timeout` ms, else
   * `hook-timeout` and nothing is dialled.
   */
  beforeDial?: BeforeDial;
  /** Most ms `beforeDial` may take (default 5000). */
  timeout?: number;
  /**
   * Post-interaction: lets the agent pick the CRM contact card the
   * interaction belongs to (open your own picker); answer `{ id, name }`,
   * or `undefined` when the agent cancelled.
   */
  pickContact?: CrmPicker;
  /** Post-interaction: picks, or creates and fills, the CRM case of the interaction; `{ id, name }` or `undefined`. */
  pickCase?: CrmPicker;
  /**
   * Opens a contact's card in the CRM (navigate to it): called by
   * `contacts.autoOpen`, once per call, in the tab that holds the calls
   * (docs/phone-api.md "Contact sources"). What it returns is ignored; a
   * throw is logged.
   */
  openContact?: (contact: Contact) => void | Promise<void>;
}

/** How to reach the platform. */
export interface PlatformConnection {
  baseUrl: string;
  token?: string;
  getToken?: () => string | Promise<string>;
  timeout?: number;
  retries?: number;
}

/** Options of `createPhone`. Only `sip.server` and `sip.aor` are required. */
export interface PhoneOptions {
  sip: SipOptions;
  /**
   * The contact-center platform API (docs/platform.md); without it
   * everything SIP can do still works. `token`, or `getToken()` (called
   * again once after a 401); `timeout` per request in ms (default 10000);
   * `retries` of idempotent requests (default 2).
   */
  platform?: PlatformConnection;
  /**
   * The country of the agent's national numbers (ISO 3166, e.g. `FR`): numbers
   * then compare in E.164 (`06 12 34 56 78` is `+33612345678`), as when a
   * missed call is marked called back.
   */
  region?: string;
  profile?: ProfileOptions;
  /** How to tell our own users (internal callers) from the outside world. */
  internal?: { domains?: readonly string[]; extensionPattern?: RegExp | string };
  media?: MediaOptions;
  /**
   * Names for callers from the CRM's contacts: the phone runs `lookup` once
   * per call and puts its answer in `call.snapshot.contactName`.
   */
  contacts?: ContactOptions;
  /** Transfer destinations without a platform: users, queues, routings and contacts. */
  directory?: readonly DirectoryEntry[];
  /** Supervisor monitoring (silent, whisper, barge). */
  monitoring?: MonitoringOptions;
  /** The CRM page's functions (docs/post-call.md). */
  hooks?: PhoneHooks;
  /**
   * `shared` (default): one tab per agent holds the registration and the
   * media; the agent's other tabs mirror it and forward commands to it
   * (docs/reliability.md). `independent`: this phone registers on its own.
   */
  tabs?: 'shared' | 'independent';
  /**
   * How the agent is told of each kind of event (docs/notifications.md):
   * `'off'`, `'sound'`, `'desktop'` or `'both'`. Defaults: ringing `both`,
   * missed `desktop`, transferRequested `both`, ended `off`. The agent's own
   * choices (`phone.setNotification`) are saved and win over these.
   */
  notifications?: Partial<NotificationSettings>;
  /**
   * A desk answering for several companies (docs/hotline.md): the entity
   * whose numbers match the number the caller dialled is shown with its
   * greeting. The platform's entities, when it sends some, win.
   */
  hotline?: HotlineOptions;
  log?: LogOptions;
}

export interface MonitoringOptions {
  /**
   * Who may monitor this agent's calls, without a platform: extensions
   * (`'1002'`) or addresses (`'sip:1002@example.com'`). Default: nobody.
   * The SIP server must authenticate the From of INVITEs: the check rests on it.
   */
  supervisors?: readonly string[];
  /** `peer` (default): the supervisor's phone calls the agent's; `server`: it dials `spyUri` (Asterisk ChanSpy). */
  mode?: 'peer' | 'server';
  /** Server mode: what to dial, `{agent}` standing for the agent's extension, e.g. `sip:*222{agent}@pbx.example`. */
  spyUri?: string;
}

export interface SipOptions {
  /** WebSocket URL of the SIP server, `ws://` or `wss://`. */
  server: string;
  /** Our address of record, e.g. `sip:1001@example.com`. */
  aor: string;
  /** Digest user name (default: the AOR's user part). */
  username?: string;
  password?: string;
  displayName?: string;
  /** How DTMF is sent: RFC 4733 telephone-events (default) or SIP INFO. */
  dtmf?: 'rfc4733' | 'info';
  /** Log whole SIP messages at debug level (off by default: they hold callers' details). */
  traceSip?: boolean;
  iceServers?: readonly RTCIceServer[];
  /** Upper bound on ICE gathering, ms (default 1000). */
  iceGatheringTimeout?: number;
  /** Seconds between keep-alives on the WebSocket (default 15; 0 turns them off). */
  keepAliveInterval?: number;
  /** Registration lifetime in seconds (default 600). */
  registerExpires?: number;
  /** Reconnection backoff after the WebSocket drops. */
  reconnect?: { minDelay?: number; maxDelay?: number };
  /** Most ms `connect()` waits to be registered before it rejects (default 10000). */
  connectTimeout?: number;
}

export interface ProfileOptions {
  /** Seconds an offer rings before it is redistributed (default 20). */
  ringTimeout?: number;
  /** Answer every offer at once. */
  autoAnswer?: boolean;
  /**
   * Which calls may be shown and handled from `<cx-small-banner>` (see
   * `phone.allowsSmallBanner(call)`): `true` (default) every call, `false`
   * none, `{ queues }` direct calls and the calls of the listed queues (by
   * name or id). An `X-CX-Small-Banner` header on the INVITE wins.
   */
  smallBanner?: SmallBannerRule;
  /** Whether calls may be recorded (default `allowed`); an `X-CX-Recording` header wins for its call. */
  recording?: RecordingPolicy;
  /** The number shown to the people the agent calls (`P-Preferred-Identity`), unless `phone.call()` says otherwise. */
  callerId?: string;
  /** The agent may place smart outbound calls (through a routing). */
  smartOutbound?: boolean;
  /**
   * Seconds of post-interaction after an answered call (default 0: none).
   * With a platform, the queue's and then the agent's profile come first.
   */
  wrapUpSeconds?: number;
  /**
   * Calls from a queue (with an interaction id or a queue) ring during the
   * post-interaction too. Default `false`: they are refused with 486 so the
   * ACD offers them to another agent. Direct calls always ring.
   */
  ringDuringWrapUp?: boolean;
}

export interface MediaOptions {
  /** Where the microphone comes from (default `navigator.mediaDevices.getUserMedia`). */
  getStream?: (constraints: MediaStreamConstraints) => Promise<MediaStream>;
}

/** Options with every default filled in. */
export interface ResolvedPhoneOptions {
  sip: Required<Omit<SipOptions, 'password' | 'displayName' | 'iceServers' | 'reconnect'>> & {
    password: string | undefined;
    displayName: string | undefined;
    iceServers: readonly RTCIceServer[];
    reconnect: { minDelay: number; maxDelay: number };
    /** The AOR's user and domain. */
    user: string;
    domain: string;
  };
  platform: PlatformConnection | undefined;
  region: string | undefined;
  profile: {
    ringTimeout: number;
    autoAnswer: boolean;
    smallBanner: SmallBannerRule;
    recording: RecordingPolicy;
    callerId: string | undefined;
    smartOutbound: boolean;
    wrapUpSeconds: number;
    ringDuringWrapUp: boolean;
  };
  directory: readonly DirectoryEntry[];
  monitoring: { supervisors: readonly string[]; mode: 'peer' | 'server'; spyUri: string | undefined };
  internal: { domains: readonly string[]; extensionPattern: RegExp };
  media: { getStream: ((constraints: MediaStreamConstraints) => Promise<MediaStream>) | undefined };
  contacts: { lookup: ContactLookup | undefined; timeout: number; autoOpen: ContactAutoOpen };
  hooks: PhoneHooks;
  tabs: 'shared' | 'independent';
  notifications: NotificationSettings;
  hotline: { entities: readonly HotlineEntity[] };
  log: LogOptions;
}

const AOR = /^sips?:([^@\s;:]+)@([^\s;:>]+)(?::\d+)?$/i;

/**
 * Checks `createPhone` options and fills in defaults. Throws one `CxError`
 * (`invalid-options`) that lists every problem found.
 */
export function resolvePhoneOptions(input: unknown): ResolvedPhoneOptions {
  const problems: string[] = [];
  const options = isObject(input) ? input : {};
  if (!isObject(input)) problems.push('options must be an object');
  const sip = isObject(options['sip']) ? options['sip'] : {};
  if (!isObject(options['sip'])) problems.push('sip is required: { server, aor, ... }');

  const server = sip['server'];
  if (typeof server !== 'string' || !/^wss?:\/\/[^\s/]+/i.test(server)) {
    problems.push('sip.server must be a ws:// or wss:// URL');
  }
  const aor = sip['aor'];
  const aorMatch = typeof aor === 'string' ? AOR.exec(aor.trim()) : null;
  if (!aorMatch) problems.push('sip.aor must be a SIP URI such as sip:1001@example.com');
  const user = aorMatch?.[1] ?? '';
  const domain = (aorMatch?.[2] ?? '').toLowerCase();

  const optionalString = (value: unknown, name: string): string | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string') problems.push(`${name} must be a string`);
    return typeof value === 'string' ? value : undefined;
  };
  const number = (value: unknown, name: string, fallback: number, min: number, max: number): number => {
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
      problems.push(`${name} must be a number from ${min} to ${max}`);
      return fallback;
    }
    return value;
  };

  const username = optionalString(sip['username'], 'sip.username') ?? user;
  const password = optionalString(sip['password'], 'sip.password');
  const displayName = optionalString(sip['displayName'], 'sip.displayName');
  const dtmf = sip['dtmf'] ?? 'rfc4733';
  if (dtmf !== 'rfc4733' && dtmf !== 'info') problems.push("sip.dtmf must be 'rfc4733' or 'info'");
  const traceSip = sip['traceSip'] ?? false;
  if (typeof traceSip !== 'boolean') problems.push('sip.traceSip must be a boolean');
  const iceServers = sip['iceServers'] ?? [];
  if (!Array.isArray(iceServers)) problems.push('sip.iceServers must be an array of RTCIceServer');
  const reconnect = isObject(sip['reconnect']) ? sip['reconnect'] : {};
  const minDelay = number(reconnect['minDelay'], 'sip.reconnect.minDelay', 500, 10, 600_000);
  const maxDelay = number(reconnect['maxDelay'], 'sip.reconnect.maxDelay', 30_000, 10, 3_600_000);

  const profile = isObject(options['profile']) ? options['profile'] : {};
  const autoAnswer = profile['autoAnswer'] ?? false;
  if (typeof autoAnswer !== 'boolean') problems.push('profile.autoAnswer must be a boolean');
  const smallBanner = readSmallBannerRule(profile['smallBanner'], problems);
  const recording = profile['recording'] ?? 'allowed';
  if (recording !== 'auto' && recording !== 'allowed' && recording !== 'off') problems.push("profile.recording must be 'auto', 'allowed' or 'off'");
  const callerId = optionalString(profile['callerId'], 'profile.callerId');
  if (callerId !== undefined && !/^\+?[0-9]{2,20}$/.test(callerId.replace(/[\s().-]/g, ''))) problems.push('profile.callerId must be a phone number');
  const smartOutbound = profile['smartOutbound'] ?? false;
  if (typeof smartOutbound !== 'boolean') problems.push('profile.smartOutbound must be a boolean');
  const ringDuringWrapUp = profile['ringDuringWrapUp'] ?? false;
  if (typeof ringDuringWrapUp !== 'boolean') problems.push('profile.ringDuringWrapUp must be a boolean');
  const hooksInput = options['hooks'];
  const hooks: PhoneHooks = {};
  if (hooksInput !== undefined && !isObject(hooksInput)) problems.push('hooks must be an object of functions');
  for (const name of ['pickContact', 'pickCase', 'openContact', 'beforeDial'] as const) {
    const hook = isObject(hooksInput) ? hooksInput[name] : undefined;
    if (hook !== undefined && typeof hook !== 'function') problems.push(`hooks.${name} must be a function`);
    else if (hook !== undefined) hooks[name] = hook as CrmPicker & PhoneHooks['openContact'] & BeforeDial;
  }
  hooks.timeout = number((hooksInput as { timeout?: unknown } | undefined)?.timeout, 'hooks.timeout', 5000, 1, 120_000);
  const directory = readDirectory(options['directory'], problems);
  const monitoringInput = isObject(options['monitoring']) ? options['monitoring'] : {};
  if (options['monitoring'] !== undefined && !isObject(options['monitoring'])) problems.push('monitoring must be an object');
  const supervisors = monitoringInput['supervisors'] ?? [];
  if (!Array.isArray(supervisors) || !supervisors.every((s) => typeof s === 'string')) {
    problems.push('monitoring.supervisors must be a list of extensions or SIP addresses');
  }
  const monitoringMode = monitoringInput['mode'] ?? 'peer';
  if (monitoringMode !== 'peer' && monitoringMode !== 'server') problems.push("monitoring.mode must be 'peer' or 'server'");
  const spyUri = optionalString(monitoringInput['spyUri'], 'monitoring.spyUri');
  if (monitoringMode === 'server' && !(spyUri && /^sips?:\S+$/.test(spyUri))) problems.push("monitoring.spyUri (a SIP URI) is needed with monitoring.mode 'server'");

  const platform = options['platform'];
  let resolvedPlatform: ResolvedPhoneOptions['platform'];
  if (platform !== undefined) {
    const ok =
      isObject(platform) &&
      typeof platform['baseUrl'] === 'string' &&
      /^https?:\/\/\S+$/.test(platform['baseUrl']) &&
      (typeof platform['token'] === 'string' || typeof platform['getToken'] === 'function') &&
      (platform['timeout'] === undefined || (typeof platform['timeout'] === 'number' && platform['timeout'] > 0)) &&
      (platform['retries'] === undefined || (Number.isInteger(platform['retries']) && (platform['retries'] as number) >= 0));
    if (!ok) {
      problems.push('platform must be { baseUrl: "https://...", token: string } or { baseUrl, getToken: () => string | Promise<string> }');
    } else {
      resolvedPlatform = { ...(platform as unknown as PlatformConnection) };
    }
  }

  const region = options['region'];
  if (region !== undefined && !(typeof region === 'string' && /^[A-Z]{2}$/.test(region))) problems.push('region must be a country code such as "FR"');

  const internal = isObject(options['internal']) ? options['internal'] : {};
  const domains = internal['domains'] ?? (domain ? [domain] : []);
  if (!Array.isArray(domains) || !domains.every((d) => typeof d === 'string')) {
    problems.push('internal.domains must be an array of domain names');
  }
  let extensionPattern = /^\d{2,6}$/;
  const pattern = internal['extensionPattern'];
  if (pattern instanceof RegExp) extensionPattern = pattern;
  else if (typeof pattern === 'string') {
    try {
      extensionPattern = new RegExp(pattern);
    } catch {
      problems.push('internal.extensionPattern is not a valid regular expression');
    }
  } else if (pattern !== undefined) problems.push('internal.extensionPattern must be a RegExp or a string');

  const media = isObject(options['media']) ? options['media'] : {};
  const getStream = media['getStream'];
  if (getStream !== undefined && typeof getStream !== 'function') problems.push('media.getStream must be a function');

  const contactsInput = options['contacts'];
  const contacts = isObject(contactsInput) ? contactsInput : {};
  if (contactsInput !== undefined && !isObject(contactsInput)) problems.push('contacts must be an object: { lookup, timeout, autoOpen }');
  const lookup = contacts['lookup'];
  if (lookup !== undefined && typeof lookup !== 'function') problems.push('contacts.lookup must be a function');
  const lookupTimeout = number(contacts['timeout'], 'contacts.timeout', DEFAULT_CONTACT_LOOKUP_TIMEOUT, 1, 60_000);
  const autoOpen = contacts['autoOpen'] ?? 'off';
  if (!AUTO_OPEN.includes(autoOpen as ContactAutoOpen)) problems.push(`contacts.autoOpen must be one of ${AUTO_OPEN.join(', ')}`);

  const resolved: ResolvedPhoneOptions = {
    sip: {
      server: typeof server === 'string' ? server : '',
      aor: typeof aor === 'string' ? aor.trim() : '',
      username,
      password,
      displayName,
      dtmf: dtmf === 'info' ? 'info' : 'rfc4733',
      traceSip: traceSip === true,
      iceServers: Array.isArray(iceServers) ? (iceServers as RTCIceServer[]) : [],
      iceGatheringTimeout: number(sip['iceGatheringTimeout'], 'sip.iceGatheringTimeout', 1000, 50, 60_000),
      keepAliveInterval: number(sip['keepAliveInterval'], 'sip.keepAliveInterval', 15, 0, 3600),
      registerExpires: number(sip['registerExpires'], 'sip.registerExpires', 600, 30, 86_400),
      connectTimeout: number(sip['connectTimeout'], 'sip.connectTimeout', 10_000, 100, 120_000),
      reconnect: { minDelay, maxDelay: Math.max(minDelay, maxDelay) },
      user,
      domain,
    },
    platform: resolvedPlatform,
    region: typeof region === 'string' ? region : undefined,
    profile: {
      ringTimeout: number(profile['ringTimeout'], 'profile.ringTimeout', 20, 1, 3600),
      autoAnswer: autoAnswer === true,
      smallBanner,
      recording: recording === 'auto' || recording === 'off' ? recording : 'allowed',
      callerId: callerId?.replace(/[\s().-]/g, ''),
      smartOutbound: smartOutbound === true,
      wrapUpSeconds: number(profile['wrapUpSeconds'], 'profile.wrapUpSeconds', 0, 0, 86_400),
      ringDuringWrapUp: ringDuringWrapUp === true,
    },
    directory,
    monitoring: {
      supervisors: Array.isArray(supervisors) ? supervisors.map((s) => String(s).trim()).filter((s) => s !== '') : [],
      mode: monitoringMode === 'server' ? 'server' : 'peer',
      spyUri,
    },
    internal: {
      domains: Array.isArray(domains) ? domains.map((d) => String(d).toLowerCase()) : [],
      extensionPattern,
    },
    media: { getStream: typeof getStream === 'function' ? (getStream as MediaOptions['getStream']) : undefined },
    contacts: {
      lookup: typeof lookup === 'function' ? (lookup as ContactLookup) : undefined,
      timeout: lookupTimeout,
      autoOpen: autoOpen as ContactAutoOpen,
    },
    hooks,
    tabs: options['tabs'] === 'independent' ? 'independent' : 'shared',
    notifications: readNotificationSettings(options['notifications'], problems),
    hotline: { entities: readHotlineEntities(options['hotline'], problems) },
    log: isObject(options['log']) ? (options['log'] as LogOptions) : {},
  };

  if (options['tabs'] !== undefined && options['tabs'] !== 'shared' && options['tabs'] !== 'independent') {
    problems.push("tabs must be 'shared' or 'independent'");
  }
  if (problems.length > 0) {
    throw new CxError(CxErrorCode.InvalidOptions, `Invalid phone options: ${problems.join('; ')}.`, {
      solutions: problems,
    });
  }
  return resolved;
}

const AUTO_OPEN: readonly ContactAutoOpen[] = ['ringing', 'answered', 'off'];
const DIRECTORY_KINDS: ReadonlySet<unknown> = new Set(['user', 'queue', 'routing', 'contact']);

/** The `directory` option: entries `{ kind, id, name, target }`, frozen. */
function readDirectory(value: unknown, problems: string[]): readonly DirectoryEntry[] {
  if (value === undefined) return Object.freeze([]);
  if (!Array.isArray(value)) {
    problems.push('directory must be a list of { kind, id, name, target }');
    return Object.freeze([]);
  }
  const entries: DirectoryEntry[] = [];
  for (const [index, entry] of (value as unknown[]).entries()) {
    if (
      !isObject(entry) ||
      !DIRECTORY_KINDS.has(entry['kind']) ||
      typeof entry['id'] !== 'string' ||
      typeof entry['name'] !== 'string' ||
      typeof entry['target'] !== 'string'
    ) {
      problems.push(`directory[${index}] must be { kind: 'user'|'queue'|'routing'|'contact', id, name, target }`);
      continue;
    }
    entries.push(
      Object.freeze({
        kind: entry['kind'] as DirectoryEntry['kind'],
        id: entry['id'],
        name: entry['name'],
        target: entry['target'],
      }),
    );
  }
  return Object.freeze(entries);
}

/** `profile.smallBanner`: a boolean, or `{ queues }` with queue names or ids (default `true`). */
function readSmallBannerRule(value: unknown, problems: string[]): SmallBannerRule {
  if (value === undefined) return true;
  if (typeof value === 'boolean') return value;
  const queues = isObject(value) ? value['queues'] : undefined;
  if (Array.isArray(queues) && queues.every((q) => typeof q === 'string')) {
    return Object.freeze({ queues: Object.freeze([...(queues as string[])]) });
  }
  problems.push('profile.smallBanner must be a boolean or { queues: [names or ids] }');
  return false;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
