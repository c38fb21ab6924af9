import { ws } from 'msw';
import type { WebSocketData, WebSocketHandler, WebSocketHandlerConnection } from 'msw';
import { md5 } from '../sip/md5.js';
import { inPageServers } from '../tabs/in-page-servers.js';
import {
  createSipResponse,
  parseAuthHeader,
  parseCSeq,
  parseNameAddr,
  parseSipMessage,
  parseSipUri,
  randomToken,
  serializeSipMessage,
  topVia,
  uriUser,
  withRequestUri,
  type SipHeaders,
  type SipMessage,
  type SipRequest,
  type SipResponse,
  type SipResponseOptions,
} from './sip-message.js';

/** Options of {@link createSipSwitch}. */
export interface SipSwitchOptions {
  /** WebSocket URL the switch answers on. Default `wss://sim.cx.invalid/ws`. */
  url?: string;
  /** SIP domain of the users' addresses and the digest realm. Default `sim.cx.invalid`. */
  domain?: string;
  /**
   * User name -> password. When given, REGISTER needs digest authentication
   * (MD5, qop=auth) and only these users can register. When omitted, any
   * REGISTER is accepted.
   */
  users?: Readonly<Record<string, string>>;
  /** How many messages {@link SipSwitch.messages} keeps (the most recent). Default 2,000. */
  messageLimit?: number;
  /** Longest registration the switch grants, in seconds (default a day): a short one makes clients refresh soon. */
  maxExpires?: number;
  /**
   * One-way network latency, ms (default 0: the next task). Messages keep
   * their order. A few ms keep a simulated caller's own work out of what a
   * benchmark measures of the agent's phone.
   */
  latency?: number;
}

/** A current registration binding: an address-of-record user and one contact. */
export interface SipRegistration {
  /** User part of the address of record, e.g. `1001`. */
  readonly user: string;
  /** Contact URI the client registered, e.g. `sip:k2j4h5@x7c.invalid;transport=ws`. */
  readonly contact: string;
  /** Seconds until the binding expires. */
  readonly expires: number;
}

/** One message the switch received or sent, kept for assertions. */
export interface SipSwitchMessage {
  /**
   * Who sent it: the user the socket registers (or tries to register) as,
   * else the Contact URI the socket used, else `client-<n>`; `switch` for
   * responses the switch itself produced.
   */
  readonly from: string;
  /**
   * Where it went, named the same way; `switch` when the switch answered or
   * consumed it; `dropped` when it could not be delivered.
   */
  readonly to: string;
  /** The message as the sender wrote it. */
  readonly raw: string;
  /** `INVITE sip:1001@sim.cx.invalid` for a request, `200 INVITE` for a response, `malformed (<code>)` otherwise. */
  readonly summary: string;
  /** `performance.now()` when the switch received it (and, if routed, sent it on). */
  readonly at: number;
}

/**
 * An in-page SIP registrar and stateless proxy over msw's WebSocket
 * interception: clients that open a WebSocket to {@link SipSwitch.url}
 * talk to it instead of a server.
 *
 * - REGISTER binds (or, with `expires=0`, unbinds) contacts to users;
 *   with `users`, a digest challenge comes first.
 * - A request goes to the socket of the registered contact its Request-URI
 *   names, or, for `sip:<user>@<domain>`, to the user's most recent binding
 *   (the Request-URI is then rewritten to that contact, as a registrar does).
 *   Unknown user: 404; known but not registered: 480; ACK is then dropped.
 * - The switch adds no Via. It remembers which socket sent each request (by
 *   top Via branch and sent-by) and routes responses back by their top Via.
 *   CANCEL and the ACK of a non-2xx answer follow their INVITE.
 * - `\r\n\r\n` keep-alives are answered with `\r\n`.
 * - Malformed requests get 400 when the headers a response needs could be
 *   read; anything else malformed is dropped.
 *
 * Only one switch may answer a given URL at a time.
 */
export interface SipSwitch {
  /** WebSocket URL to give clients as their SIP server. */
  readonly url: string;
  /** SIP domain, e.g. `sim.cx.invalid` (addresses are `sip:<user>@<domain>`). */
  readonly domain: string;
  /**
   * The msw WebSocket handler; pass it to msw (`setupWorker(handler)` or
   * `worker.use(handler)`).
   */
  readonly handler: WebSocketHandler;
  /** Current, unexpired bindings of connected clients. */
  registrations(): ReadonlyArray<SipRegistration>;
  /** Messages received and produced, oldest first, at most `messageLimit`. */
  messages(): ReadonlyArray<SipSwitchMessage>;
  /** Forgets the recorded messages. */
  clearMessages(): void;
  /** Drops every client socket (close code 1006), as a network failure would; their bindings go. */
  disconnectAll(): void;
  /**
   * While offline, new connections are closed at once (code 1006, never
   * opened). Open connections stay: call {@link disconnectAll} too to
   * simulate an outage.
   */
  setOnline(online: boolean): void;
  /**
   * How the switch answers REGISTER from now on: with this status (e.g.
   * 403, 503) instead of a binding, `'silence'` to answer nothing at all,
   * or `undefined` to register as usual. Refreshes included.
   */
  answerRegistrations(answer: number | 'silence' | undefined): void;
  /**
   * From now on, messages for which `lose` returns true are lost on the way,
   * as on a bad network (kept in {@link messages} with `to: 'dropped'`);
   * `undefined` delivers everything again. `lose` sees who sent the message
   * and its summary, e.g. `({ from, summary }) => from === '2001' && summary.startsWith('ACK ')`.
   */
  loseMessages(lose: ((message: { from: string; summary: string; raw: string }) => boolean) | undefined): void;
  /**
   * Sends `frame` as it is, unparsed and unchecked, to the socket of
   * `user`'s most recent registration: a text frame for a string, a binary
   * frame for bytes. What a broken or hostile server could send, for tests
   * of malformed SIP. It goes through the network like any other message
   * (a later task, in order) and shows in {@link messages} from `switch`
   * with the summary `raw (<n> bytes)`. Returns false, sending nothing, when
   * `user` has no live registration.
   *
   * @example
   * cc.switch.sendRaw('1001', 'INVITE sip:1001@sim.cx.invalid SIP/2.0\r\nVia: junk\r\n\r\n');
   */
  sendRaw(user: string, frame: string | Uint8Array): boolean;
  /** Drops every client and forgets all state; later connections are ignored by this switch. */
  dispose(): void;
}

type ClientConnection = WebSocketHandlerConnection['client'];

interface ClientState {
  readonly serial: number;
  readonly connection: ClientConnection;
  /** The user it registers (or tries to register) as. */
  user: string | undefined;
  /** The first Contact URI it sent. */
  contact: string | undefined;
  /** Contact keys learned from its messages. */
  readonly contactKeys: Set<string>;
  closed: boolean;
}

interface Binding {
  readonly user: string;
  readonly contact: string;
  readonly contactKey: string;
  readonly client: ClientState;
  readonly expiresAt: number;
  readonly order: number;
}

interface Transaction {
  readonly method: string;
  readonly origin: ClientState;
  readonly target: ClientState;
  /** Request-URI the request was forwarded with. */
  readonly uri: string;
}

type Route =
  | { readonly kind: 'client'; readonly client: ClientState; readonly uri: string }
  | { readonly kind: 'self' }
  | { readonly kind: 'none'; readonly status: number };

const DEFAULT_URL = 'wss://sim.cx.invalid/ws';
const DEFAULT_DOMAIN = 'sim.cx.invalid';
const DEFAULT_EXPIRES = 3600;
const MAX_EXPIRES = 86_400;
const MAX_TRANSACTIONS = 10_000;
const MAX_NONCES = 1_000;
const ALLOW = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE, REFER, NOTIFY, MESSAGE, REGISTER';
/** Close code a client sees when a connection is lost or refused. */
const ABNORMAL_CLOSURE = 1006;

const decoder = new TextDecoder();
const encoder = new TextEncoder();
/** Most characters of a raw frame kept in the records. */
const RAW_RECORD_LIMIT = 65_536;

/**
 * Creates a simulated SIP switch (registrar + stateless proxy) answering
 * WebSocket connections to `url` inside the page, through msw.
 *
 * @example
 * const sw = createSipSwitch({ users: { '1001': 'secret' } });
 * const worker = setupWorker(sw.handler);
 * await worker.start({ quiet: true, onUnhandledRequest: 'bypass' });
 * // new UserAgent({ uri: UserAgent.makeURI(`sip:1001@${sw.domain}`),
 * //   transportOptions: { server: sw.url }, authorizationUsername: '1001',
 * //   authorizationPassword: 'secret' })
 */
export function createSipSwitch(options: SipSwitchOptions = {}): SipSwitch {
  const url = options.url ?? DEFAULT_URL;
  const domain = (options.domain ?? DEFAULT_DOMAIN).toLowerCase();
  const users = options.users;
  const messageLimit = Math.max(0, options.messageLimit ?? 2_000);
  const maxExpires = Math.max(1, Math.min(MAX_EXPIRES, options.maxExpires ?? MAX_EXPIRES));
  const latency = Math.max(0, options.latency ?? 0);
  // Phones of this switch share tabs only within this page (src/tabs/).
  const instance = crypto.randomUUID();
  inPageServers().set(url, instance);
  let registerAnswer: number | 'silence' | undefined;
  let lose: ((message: { from: string; summary: string; raw: string }) => boolean) | undefined;

  const clients = new Set<ClientState>();
  /** Key `user|contactKey`. */
  const bindings = new Map<string, Binding>();
  /** Contact key -> the socket that last used it. */
  const learnedContacts = new Map<string, ClientState>();
  /** Key `branch|sent-by` of the top Via. */
  const transactions = new Map<string, Transaction>();
  const nonces = new Set<string>();
  /** Users that registered at some point: they get 480 rather than 404 when gone. */
  const knownUsers = new Set<string>(Object.keys(users ?? {}));
  const records: SipSwitchMessage[] = [];
  let online = true;
  let disposed = false;
  /** What the network carries: messages on their way, handled in a later task, in order. */
  const queue: Array<() => void> = [];
  const network = new MessageChannel();
  network.port1.onmessage = () => runQueue();
  let serial = 0;
  let bindingOrder = 0;

  const handler = ws.link(url).addEventListener('connection', ({ client }) => {
    if (disposed) return;
    if (!online) {
      client.close(ABNORMAL_CLOSURE, 'The simulated switch is offline');
      return;
    }
    const state: ClientState = {
      serial: ++serial,
      connection: client,
      user: undefined,
      contact: undefined,
      contactKeys: new Set(),
      closed: false,
    };
    clients.add(state);
    // A network hop: the switch handles what a client sent in a later task,
    // never inside the sender's call stack.
    client.addEventListener('message', (event) => enqueue(() => receive(state, event.data)));
    // What it sent before closing still arrives (a BYE, an un-REGISTER), as over a real socket.
    client.addEventListener('close', () => enqueue(() => forget(state)));
  });

  function receive(state: ClientState, data: WebSocketData): void {
    if (state.closed) return;
    if (typeof data === 'string') handleText(state, data);
    else if (data instanceof Blob) void data.text().then((text) => handleText(state, text));
    else if (ArrayBuffer.isView(data)) handleText(state, decoder.decode(data));
    else handleText(state, decoder.decode(new Uint8Array(data)));
  }

  function handleText(state: ClientState, text: string): void {
    if (state.closed || disposed) return;
    if (text.trim() === '') {
      // RFC 5626 keep-alive: a double CRLF ping gets a single CRLF pong.
      if (text.includes('\r\n\r\n')) send(state, '\r\n');
      return;
    }
    const parsed = parseSipMessage(text);
    if (!parsed.ok) {
      const request = parsed.error.request;
      const answerable =
        request !== undefined &&
        request.method !== 'ACK' &&
        ['via', 'from', 'to', 'call-id', 'cseq'].every((name) => Boolean(request.headers.get(name)));
      record(labelOf(state), answerable ? 'switch' : 'dropped', text, `malformed (${parsed.error.code})`);
      if (answerable) {
        reply(state, request, 400, {
          headers: [['Warning', `399 ${domain} "${parsed.error.message.replace(/["\\]/g, '')}"`]],
        });
      }
      return;
    }
    learnContact(state, parsed.message);
    if (lose) {
      const message = parsed.message;
      const summary =
        message.kind === 'request'
          ? `${message.method} ${message.uri}`
          : `${message.status} ${parseCSeq(message.headers.get('cseq') ?? '')?.method ?? '?'}`;
      const from = labelOf(state);
      if (lose({ from, summary, raw: text })) {
        record(from, 'dropped', text, summary);
        return;
      }
    }
    if (parsed.message.kind === 'request') handleRequest(state, parsed.message, text);
    else handleResponse(state, parsed.message, text);
  }

  function handleRequest(state: ClientState, request: SipRequest, raw: string): void {
    const summary = `${request.method} ${request.uri}`;
    const isAck = request.method === 'ACK';
    const via = topVia(request);
    const branch = via?.params.branch;
    if (request.method === 'REGISTER') state.user ??= registeringUser(request);

    if (!via || !branch) {
      record(labelOf(state), isAck ? 'dropped' : 'switch', raw, summary);
      if (!isAck) reply(state, request, 400, { reason: 'Bad Request (no Via branch)' });
      return;
    }
    if (request.headers.get('max-forwards')?.trim() === '0' && !isAck) {
      record(labelOf(state), 'switch', raw, summary);
      reply(state, request, 483);
      return;
    }
    if (request.method === 'REGISTER') {
      record(labelOf(state), 'switch', raw, summary);
      register(state, request);
      return;
    }

    const key = transactionKey(branch, via.sentBy);
    // CANCEL, and the ACK of a non-2xx final response, reuse their INVITE's branch.
    const invite = request.method === 'CANCEL' || isAck ? transactions.get(key) : undefined;
    const route: Route =
      invite !== undefined && invite.method === 'INVITE' && !invite.target.closed
        ? { kind: 'client', client: invite.target, uri: invite.uri }
        : routeTo(request.uri);

    if (route.kind === 'client') {
      record(labelOf(state), labelOf(route.client), raw, summary);
      if (invite === undefined) {
        remember(key, { method: request.method, origin: state, target: route.client, uri: route.uri });
      }
      const forwarded = route.uri === request.uri ? raw : serializeSipMessage(withRequestUri(request, route.uri));
      send(route.client, forwarded);
      return;
    }
    if (isAck) {
      record(labelOf(state), route.kind === 'self' ? 'switch' : 'dropped', raw, summary);
      return;
    }
    record(labelOf(state), 'switch', raw, summary);
    if (route.kind === 'self') {
      if (request.method === 'OPTIONS') reply(state, request, 200, { headers: [['Allow', ALLOW]] });
      else if (request.method === 'CANCEL') reply(state, request, 481);
      else reply(state, request, 405, { headers: [['Allow', 'OPTIONS, REGISTER']] });
      return;
    }
    reply(state, request, request.method === 'CANCEL' ? 481 : route.status);
  }

  function handleResponse(state: ClientState, response: SipResponse, raw: string): void {
    const cseq = parseCSeq(response.headers.get('cseq') ?? '');
    const summary = `${response.status} ${cseq?.method ?? '?'}`;
    const via = topVia(response);
    const transaction = via?.params.branch ? transactions.get(transactionKey(via.params.branch, via.sentBy)) : undefined;
    if (transaction === undefined || transaction.origin.closed) {
      record(labelOf(state), 'dropped', raw, summary);
      return;
    }
    record(labelOf(state), labelOf(transaction.origin), raw, summary);
    send(transaction.origin, raw);
  }

  /** Where a Request-URI leads: a registered or known contact, a user's binding, the switch, or nowhere. */
  function routeTo(target: string): Route {
    const uri = parseSipUri(target);
    if (!uri) return { kind: 'none', status: /^sips?:/i.test(target) ? 400 : 416 };
    const key = contactKeyOf(target);
    if (key !== undefined) {
      const now = Date.now();
      for (const binding of bindings.values()) {
        if (binding.contactKey === key && isLive(binding, now)) {
          return { kind: 'client', client: binding.client, uri: target };
        }
      }
      const learned = learnedContacts.get(key);
      if (learned !== undefined && !learned.closed) return { kind: 'client', client: learned, uri: target };
    }
    if (uri.host !== domain) return { kind: 'none', status: 404 };
    if (uri.user === undefined) return { kind: 'self' };
    const binding = latestBinding(uri.user);
    if (binding !== undefined) return { kind: 'client', client: binding.client, uri: binding.contact };
    return { kind: 'none', status: knownUsers.has(uri.user) ? 480 : 404 };
  }

  function register(state: ClientState, request: SipRequest): void {
    if (registerAnswer === 'silence') return;
    if (registerAnswer !== undefined) {
      reply(state, request, registerAnswer);
      return;
    }
    const user = registeringUser(request);
    if (user === undefined) {
      reply(state, request, 400, { reason: 'Bad Request (To is not a SIP URI with a user)' });
      return;
    }
    if (users !== undefined) {
      const verdict = authenticate(request, user);
      if (verdict === 'challenge') {
        const nonce = randomToken(24);
        nonces.add(nonce);
        if (nonces.size > MAX_NONCES) nonces.delete(nonces.values().next().value ?? '');
        reply(state, request, 401, {
          headers: [['WWW-Authenticate', `Digest realm="${domain}", nonce="${nonce}", algorithm=MD5, qop="auth"`]],
        });
        return;
      }
      if (verdict === 'forbidden') {
        reply(state, request, 403);
        return;
      }
    }

    const headerExpires = parseExpires(request.headers.get('expires')) ?? DEFAULT_EXPIRES;
    const contacts = request.headers.values('contact').map(parseNameAddr);
    if (contacts.some((c) => c === undefined)) {
      reply(state, request, 400, { reason: 'Bad Request (Contact)' });
      return;
    }
    const now = Date.now();
    for (const contact of contacts) {
      if (contact === undefined) continue;
      if (contact.uri === '*') {
        if (headerExpires !== 0 || contacts.length > 1) {
          reply(state, request, 400, { reason: 'Bad Request (wildcard Contact needs Expires: 0)' });
          return;
        }
        for (const [k, binding] of bindings) if (binding.user === user) bindings.delete(k);
        continue;
      }
      const contactKey = contactKeyOf(contact.uri);
      if (contactKey === undefined) {
        reply(state, request, 400, { reason: 'Bad Request (Contact is not a SIP URI)' });
        return;
      }
      const expires = Math.min(parseExpires(contact.params.expires) ?? headerExpires, maxExpires);
      const bindingKey = `${user}|${contactKey}`;
      if (expires === 0) {
        bindings.delete(bindingKey);
        continue;
      }
      bindings.delete(bindingKey);
      bindings.set(bindingKey, {
        user,
        contact: contact.uri,
        contactKey,
        client: state,
        expiresAt: now + expires * 1000,
        order: ++bindingOrder,
      });
      knownUsers.add(user);
    }

    const current = [...bindings.values()].filter((b) => b.user === user && isLive(b, now));
    reply(state, request, 200, {
      headers: current.map((b) => ['Contact', `<${b.contact}>;expires=${secondsLeft(b, now)}`] as const),
    });
  }

  /** Checks the digest response (RFC 2617, as SIP uses it in RFC 3261 section 22). */
  function authenticate(request: SipRequest, user: string): 'ok' | 'challenge' | 'forbidden' {
    const header = request.headers.get('authorization');
    if (header === undefined) return 'challenge';
    const auth = parseAuthHeader(header);
    if (auth === undefined || auth.scheme.toLowerCase() !== 'digest') return 'challenge';
    const { username, realm, nonce, uri, response, qop, nc, cnonce, algorithm } = auth.params;
    if (nonce === undefined || !nonces.has(nonce) || realm !== domain) return 'challenge';
    if (algorithm !== undefined && algorithm.toUpperCase() !== 'MD5') return 'challenge';
    if (username === undefined || uri === undefined || response === undefined) return 'forbidden';
    const password = users?.[username];
    if (password === undefined || username !== user) return 'forbidden';
    const ha1 = md5(`${username}:${realm}:${password}`);
    const ha2 = md5(`${request.method}:${uri}`);
    let expected: string;
    if (qop === undefined) {
      expected = md5(`${ha1}:${nonce}:${ha2}`);
    } else {
      if (qop.toLowerCase() !== 'auth' || nc === undefined || cnonce === undefined) return 'forbidden';
      expected = md5(`${ha1}:${nonce}:${nc}:${cnonce}:${qop}:${ha2}`);
    }
    return expected === response.toLowerCase() ? 'ok' : 'forbidden';
  }

  function latestBinding(user: string): Binding | undefined {
    const now = Date.now();
    let latest: Binding | undefined;
    for (const binding of bindings.values()) {
      if (binding.user === user && isLive(binding, now) && (latest === undefined || binding.order > latest.order)) {
        latest = binding;
      }
    }
    return latest;
  }

  function learnContact(state: ClientState, message: SipMessage): void {
    const first = message.headers.values('contact')[0];
    const contact = first === undefined ? undefined : parseNameAddr(first)?.uri;
    const key = contact === undefined ? undefined : contactKeyOf(contact);
    if (contact === undefined || key === undefined) return;
    state.contact ??= contact;
    state.contactKeys.add(key);
    learnedContacts.set(key, state);
  }

  function remember(key: string, transaction: Transaction): void {
    transactions.delete(key);
    transactions.set(key, transaction);
    if (transactions.size > MAX_TRANSACTIONS) {
      const oldest = transactions.keys().next().value;
      if (oldest !== undefined) transactions.delete(oldest);
    }
  }

  function reply(
    state: ClientState,
    request: { readonly method: string; readonly headers: SipHeaders },
    status: number,
    responseOptions: SipResponseOptions = {},
  ): void {
    const raw = serializeSipMessage(createSipResponse(request, status, responseOptions));
    record('switch', labelOf(state), raw, `${status} ${request.method}`);
    send(state, raw);
  }

  /**
   * Delivers a message to a client in a later task, in order, as a network
   * would: the receiver never runs inside the sender's call stack (a phone
   * that answers 100 Trying does not wait while the caller's user agent
   * parses it).
   */
  function send(state: ClientState, raw: string | Uint8Array): void {
    if (state.closed) return;
    enqueue(() => {
      if (!state.closed && !disposed) state.connection.send(raw);
    });
  }

  /** Runs `task` in a later task (after `latency` ms), after the ones queued before it. */
  function enqueue(task: () => void): void {
    if (latency > 0) {
      setTimeout(() => {
        if (!disposed) task();
      }, latency);
      return;
    }
    queue.push(task);
    if (queue.length === 1) network.port2.postMessage(null);
  }

  function runQueue(): void {
    for (const task of queue.splice(0)) task();
  }

  function forget(state: ClientState): void {
    if (state.closed && !clients.has(state)) return;
    state.closed = true;
    clients.delete(state);
    for (const [key, binding] of bindings) if (binding.client === state) bindings.delete(key);
    for (const key of state.contactKeys) if (learnedContacts.get(key) === state) learnedContacts.delete(key);
  }

  function labelOf(state: ClientState): string {
    return state.user ?? state.contact ?? `client-${state.serial}`;
  }

  function record(from: string, to: string, raw: string, summary: string): void {
    if (messageLimit === 0) return;
    records.push({ from, to, raw, summary, at: performance.now() });
    if (records.length > messageLimit) records.splice(0, records.length - messageLimit);
  }

  function disconnectAll(): void {
    for (const state of [...clients]) {
      forget(state);
      state.connection.close(ABNORMAL_CLOSURE, 'Connection dropped by the simulated switch');
    }
  }

  return {
    url,
    domain,
    handler,
    registrations() {
      const now = Date.now();
      return [...bindings.values()]
        .filter((b) => isLive(b, now))
        .map((b) => ({ user: b.user, contact: b.contact, expires: secondsLeft(b, now) }));
    },
    messages() {
      return records.slice();
    },
    clearMessages() {
      records.length = 0;
    },
    disconnectAll,
    setOnline(value) {
      online = value;
    },
    answerRegistrations(answer) {
      registerAnswer = answer;
    },
    loseMessages(predicate) {
      lose = predicate;
    },
    sendRaw(user, frame) {
      const binding = disposed ? undefined : latestBinding(user);
      if (binding === undefined) return false;
      const bytes = typeof frame === 'string' ? encoder.encode(frame).length : frame.byteLength;
      // Recorded as text (lossy for bytes that are not UTF-8), at most 64 KB of it.
      const text = typeof frame === 'string' ? frame : decoder.decode(frame);
      record('switch', labelOf(binding.client), text.length > RAW_RECORD_LIMIT ? text.slice(0, RAW_RECORD_LIMIT) : text, `raw (${bytes} bytes)`);
      // A copy: the caller may reuse its buffer before the frame leaves.
      send(binding.client, typeof frame === 'string' ? frame : frame.slice());
      return true;
    },
    dispose() {
      disconnectAll();
      disposed = true;
      if (inPageServers().get(url) === instance) inPageServers().delete(url);
      queue.length = 0;
      network.port1.close();
      bindings.clear();
      learnedContacts.clear();
      transactions.clear();
      nonces.clear();
      records.length = 0;
    },
  };
}

function transactionKey(branch: string, sentBy: string): string {
  return `${branch}|${sentBy.toLowerCase()}`;
}

/** `user@host[:port]` of a SIP URI, the identity of a contact; undefined when not a SIP URI. */
function contactKeyOf(uri: string): string | undefined {
  const parsed = parseSipUri(uri);
  if (!parsed) return undefined;
  return `${parsed.user ?? ''}@${parsed.host}${parsed.port === undefined ? '' : `:${parsed.port}`}`;
}

function registeringUser(request: SipRequest): string | undefined {
  const to = parseNameAddr(request.headers.get('to') ?? '');
  return to === undefined ? undefined : uriUser(to.uri);
}

function parseExpires(value: string | undefined): number | undefined {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return undefined;
  return Number(value);
}

function isLive(binding: Binding, now: number): boolean {
  return !binding.client.closed && binding.expiresAt > now;
}

function secondsLeft(binding: Binding, now: number): number {
  return Math.max(0, Math.round((binding.expiresAt - now) / 1000));
}
