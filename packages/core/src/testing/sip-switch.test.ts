// Component tier: the simulated switch with real sip.js user agents and
// real WebRTC media between two peer connections in the same page.
//
// WebSocket interception needs no service worker: msw's InterceptorSource
// with the WebSocketInterceptor patches the page's WebSocket class. (msw's
// `setupWorker().start()` would also register `/mockServiceWorker.js` and
// reject when that file is missing.)
import { expect } from '@esm-bundle/chai';
import {
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  UserAgent,
  type Invitation,
  type Session,
  type URI,
  type Web,
} from 'sip.js';
import { interceptWebSockets, type WebSocketInterception } from './simulated-contact-center.js';
import { createSipSwitch } from './sip-switch.js';
import { parseSipMessage, type SipResponse } from './sip-message.js';

const USERS = { '1001': 'secret-1001', '2001': 'secret-2001', '3001': 'secret-3001' } as const;

/** Values pushed by callbacks, awaited in order by the test. */
class Inbox<T> {
  private readonly items: T[] = [];
  private readonly waiters: Array<(item: T) => void> = [];

  push(item: T): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(item);
    else this.items.push(item);
  }

  next(label: string, ms = 5000): Promise<T> {
    const item = this.items.shift();
    if (item !== undefined) return Promise.resolve(item);
    return within(ms, new Promise<T>((resolve) => this.waiters.push(resolve)), label);
  }
}

function within<T>(ms: number, promise: Promise<T>, label: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${label}`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

async function waitFor(condition: () => boolean | Promise<boolean>, label: string, ms = 5000): Promise<void> {
  const end = performance.now() + ms;
  while (!(await condition())) {
    if (performance.now() > end) throw new Error(`timed out after ${ms} ms: ${label}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const sw = createSipSwitch({ users: USERS });

interface TestPhone {
  readonly user: string;
  readonly ua: UserAgent;
  readonly registerer: Registerer;
  readonly invitations: Inbox<Invitation>;
  readonly disconnects: Inbox<Error | undefined>;
}

const phones: TestPhone[] = [];

function createPhone(user: string, password: string): TestPhone {
  const invitations = new Inbox<Invitation>();
  const disconnects = new Inbox<Error | undefined>();
  const ua = new UserAgent({
    uri: uri(`sip:${user}@${sw.domain}`),
    transportOptions: { server: sw.url, traceSip: false },
    logLevel: 'error',
    authorizationUsername: user,
    authorizationPassword: password,
    sessionDescriptionHandlerFactoryOptions: {
      peerConnectionConfiguration: { iceServers: [] },
      iceGatheringTimeout: 1000,
    },
    delegate: {
      onInvite: (invitation) => invitations.push(invitation),
      onDisconnect: (error) => disconnects.push(error),
    },
  });
  const phone = { user, ua, registerer: new Registerer(ua), invitations, disconnects };
  phones.push(phone);
  return phone;
}

function uri(text: string): URI {
  const parsed = UserAgent.makeURI(text);
  if (!parsed) throw new Error(`bad URI ${text}`);
  return parsed;
}

/** Registers and resolves with the final status code (sip.js answers the 401 challenge itself). */
function register(phone: TestPhone): Promise<number> {
  return within(
    5000,
    new Promise<number>((resolve, reject) => {
      phone.registerer
        .register({
          requestDelegate: {
            onAccept: (response) => resolve(response.message.statusCode ?? 0),
            onReject: (response) => resolve(response.message.statusCode ?? 0),
          },
        })
        .catch(reject);
    }),
    `REGISTER of ${phone.user}`,
  );
}

/** Sends an INVITE and resolves with the final status code of a rejection. */
function inviteRejected(caller: TestPhone, target: string): Promise<number> {
  const inviter = new Inviter(caller.ua, uri(target));
  return within(
    5000,
    new Promise<number>((resolve, reject) => {
      inviter
        .invite({ requestDelegate: { onReject: (response) => resolve(response.message.statusCode ?? 0) } })
        .catch(reject);
    }),
    `INVITE ${target}`,
  );
}

function reach(session: Session, state: SessionState, label: string): Promise<void> {
  if (session.state === state) return Promise.resolve();
  return within(
    5000,
    new Promise<void>((resolve) => {
      const listener = (next: SessionState): void => {
        if (next !== state) return;
        session.stateChange.removeListener(listener);
        resolve();
      };
      session.stateChange.addListener(listener);
    }),
    `${label} reaches ${state}`,
  );
}

function peerConnection(session: Session): RTCPeerConnection {
  const handler = session.sessionDescriptionHandler as Web.SessionDescriptionHandler | undefined;
  const pc = handler?.peerConnection;
  if (!pc) throw new Error('no peer connection');
  return pc;
}

async function audioPacketsReceived(pc: RTCPeerConnection): Promise<number> {
  let packets = 0;
  (await pc.getStats()).forEach((report: { type?: string; kind?: string; packetsReceived?: number }) => {
    if (report.type === 'inbound-rtp' && report.kind === 'audio') packets += report.packetsReceived ?? 0;
  });
  return packets;
}

function lastMessage(predicate: (m: ReturnType<typeof sw.messages>[number]) => boolean) {
  return [...sw.messages()].reverse().find(predicate);
}

let network: WebSocketInterception;

describe('createSipSwitch', () => {
  let agent: TestPhone; // 1001, takes calls
  let caller: TestPhone; // 2001, places them

  before(async () => {
    network = await interceptWebSockets([sw.handler]);
    agent = createPhone('1001', USERS['1001']);
    caller = createPhone('2001', USERS['2001']);
    await Promise.all([agent.ua.start(), caller.ua.start()]);
  });

  after(async () => {
    for (const phone of phones) await phone.ua.stop().catch(() => undefined);
    network.disable();
    sw.dispose();
  });

  it('registers users after a digest challenge and lists their contacts', async () => {
    expect(await register(agent)).to.equal(200);
    expect(await register(caller)).to.equal(200);
    expect(agent.registerer.state).to.equal(RegistererState.Registered);
    expect(caller.registerer.state).to.equal(RegistererState.Registered);

    const bindings = sw.registrations().map(({ user, contact }) => ({ user, contact }));
    expect(bindings).to.have.deep.members([
      { user: '1001', contact: agent.ua.contact.uri.toString() },
      { user: '2001', contact: caller.ua.contact.uri.toString() },
    ]);
    expect(sw.registrations().every((r) => r.expires > 500)).to.equal(true);

    const conversation = sw
      .messages()
      .filter((m) => m.from === '1001' || m.to === '1001')
      .map((m) => `${m.from} -> ${m.to}: ${m.summary}`);
    expect(conversation).to.deep.equal([
      `1001 -> switch: REGISTER sip:${sw.domain}`,
      'switch -> 1001: 401 REGISTER',
      `1001 -> switch: REGISTER sip:${sw.domain}`,
      'switch -> 1001: 200 REGISTER',
    ]);
    const challenge = lastMessage((m) => m.summary === '401 REGISTER');
    expect(challenge?.raw).to.match(/WWW-Authenticate: Digest realm="sim\.cx\.invalid", nonce="\w+", algorithm=MD5, qop="auth"/);
  });

  it('rejects a wrong password with 403 and binds nothing', async () => {
    const intruder = createPhone('1001', 'wrong password');
    await intruder.ua.start();
    expect(await register(intruder)).to.equal(403);
    expect(intruder.registerer.state).to.not.equal(RegistererState.Registered);
    expect(sw.registrations().map((r) => r.contact)).to.not.include(intruder.ua.contact.uri.toString());
    expect(sw.registrations().filter((r) => r.user === '1001')).to.have.length(1);
    await intruder.ua.stop();
  });

  it('routes a call: header, real media, hold, INFO and BYE', async () => {
    const inviter = new Inviter(caller.ua, uri(`sip:1001@${sw.domain}`), { extraHeaders: ['X-CX-Queue: Sales'] });
    await inviter.invite();
    const invitation = await agent.invitations.next('INVITE at 1001');

    expect(invitation.request.getHeader('X-CX-Queue')).to.equal('Sales');
    expect(invitation.request.ruri?.user, 'Request-URI rewritten to the contact').to.equal(agent.ua.contact.uri.user);
    const infos = new Inbox<string>();
    invitation.delegate = {
      onInfo: (info) => {
        infos.push(info.request.body);
        void info.accept();
      },
    };

    await invitation.accept();
    await Promise.all([reach(inviter, SessionState.Established, 'caller'), reach(invitation, SessionState.Established, 'agent')]);

    // Real media: both peer connections connect over loopback and receive audio packets.
    const pcs = [peerConnection(inviter), peerConnection(invitation)];
    await waitFor(() => pcs.every((pc) => pc.connectionState === 'connected'), 'peer connections connected');
    await waitFor(async () => (await Promise.all(pcs.map(audioPacketsReceived))).every((n) => n > 5), 'audio both ways');

    const hold: Web.SessionDescriptionHandlerOptions = { hold: true };
    const holdStatus = await within(
      5000,
      new Promise<number>((resolve, reject) => {
        inviter
          .invite({
            sessionDescriptionHandlerOptions: hold,
            requestDelegate: {
              onAccept: (response) => resolve(response.message.statusCode ?? 0),
              onReject: (response) => resolve(response.message.statusCode ?? 0),
            },
          })
          .catch(reject);
      }),
      'hold re-INVITE',
    );
    expect(holdStatus).to.equal(200);
    expect(lastMessage((m) => m.from === '2001' && m.summary.startsWith('INVITE '))?.raw).to.include('a=sendonly');
    expect(lastMessage((m) => m.from === '1001' && m.summary === '200 INVITE')?.raw).to.include('a=recvonly');

    await inviter.info({
      requestOptions: {
        body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: 'Signal=5\r\nDuration=160' },
      },
    });
    expect(await infos.next('INFO at 1001')).to.equal('Signal=5\r\nDuration=160');

    await inviter.bye();
    await Promise.all([reach(inviter, SessionState.Terminated, 'caller'), reach(invitation, SessionState.Terminated, 'agent')]);

    // In-dialog requests travel by contact, not by address of record.
    const bye = lastMessage((m) => m.summary.startsWith('BYE '));
    expect(bye?.summary).to.equal(`BYE ${agent.ua.contact.uri.toString()}`);
    expect(bye?.to).to.equal('1001');
    // The switch is a network: the 200 reaches it a task after the callee sent it.
    await waitFor(() => lastMessage((m) => m.summary === '200 BYE') !== undefined, '200 BYE through the switch');
    expect(lastMessage((m) => m.summary === '200 BYE')).to.include({ from: '1001', to: '2001' });
    expect(sw.messages().filter((m) => m.to === 'dropped')).to.deep.equal([]);
  });

  it('ends the callee invitation when the caller cancels before the answer', async () => {
    const inviter = new Inviter(caller.ua, uri(`sip:1001@${sw.domain}`));
    await inviter.invite();
    const invitation = await agent.invitations.next('INVITE at 1001');
    await reach(invitation, SessionState.Initial, 'agent');

    await inviter.cancel();
    await Promise.all([reach(invitation, SessionState.Terminated, 'agent'), reach(inviter, SessionState.Terminated, 'caller')]);

    await waitFor(() => lastMessage((m) => m.summary === 'ACK ' + `sip:1001@${sw.domain}`) !== undefined, 'ACK of the 487');
    expect(lastMessage((m) => m.summary.startsWith('CANCEL '))).to.include({ from: '2001', to: '1001' });
    expect(lastMessage((m) => m.summary === '200 CANCEL')).to.include({ from: '1001', to: '2001' });
    expect(lastMessage((m) => m.summary === '487 INVITE')).to.include({ from: '1001', to: '2001' });
    expect(lastMessage((m) => m.summary.startsWith('ACK '))).to.include({ from: '2001', to: '1001' });
  });

  it('answers 404 for an unknown user and 480 for a user who is not registered', async () => {
    expect(await inviteRejected(caller, `sip:9999@${sw.domain}`)).to.equal(404);
    expect(await inviteRejected(caller, `sip:3001@${sw.domain}`)).to.equal(480);
    expect(await inviteRejected(caller, 'sip:1001@elsewhere.invalid')).to.equal(404);
    // The ACKs of the switch's own answers go nowhere.
    expect(lastMessage((m) => m.summary.startsWith('ACK '))?.to).to.equal('dropped');
  });

  it('answers keep-alives, OPTIONS and malformed requests on a raw socket', async () => {
    const socket = new WebSocket(sw.url);
    const replies = new Inbox<string>();
    socket.addEventListener('message', (event) => replies.push(String(event.data)));
    await within(2000, new Promise((resolve) => socket.addEventListener('open', resolve)), 'socket open');

    socket.send('\r\n\r\n');
    expect(await replies.next('pong')).to.equal('\r\n');

    const head = [
      'Via: SIP/2.0/WSS raw.invalid;branch=z9hG4bKraw1',
      'From: <sip:raw@raw.invalid>;tag=r1',
      `To: <sip:${sw.domain}>`,
      'Call-ID: raw-call-1',
    ];
    socket.send([`OPTIONS sip:${sw.domain} SIP/2.0`, ...head, 'CSeq: 1 OPTIONS', '', ''].join('\r\n'));
    const options = parseSipMessage(await replies.next('200 OPTIONS'));
    expect(options.ok && options.message.kind === 'response' && options.message.status).to.equal(200);
    expect((options.ok && options.message.headers.get('allow')) || '').to.include('INVITE');

    socket.send([`MESSAGE sip:1001@${sw.domain} SIP/2.0`, ...head, 'CSeq: 2 MESSAGE', 'Content-Length: 99', '', 'short'].join('\r\n'));
    const bad = parseSipMessage(await replies.next('400'));
    if (!bad.ok || bad.message.kind !== 'response') throw new Error('expected a response');
    const response: SipResponse = bad.message;
    expect(response.status).to.equal(400);
    expect(response.headers.get('call-id')).to.equal('raw-call-1');
    expect(lastMessage((m) => m.summary === 'malformed (content-length)')?.to).to.equal('switch');

    socket.send('not SIP at all');
    socket.send('\r\n\r\n');
    expect(await replies.next('pong after garbage'), 'garbage is dropped without an answer').to.equal('\r\n');
    expect(lastMessage((m) => m.summary === 'malformed (start-line)')?.to).to.equal('dropped');
    socket.close();
  });

  it('keeps only the most recent messages', async () => {
    const small = createSipSwitch({ url: 'wss://small.cx.invalid/ws', messageLimit: 3 });
    network.use(small.handler);
    const socket = new WebSocket(small.url);
    const replies = new Inbox<string>();
    socket.addEventListener('message', (event) => replies.push(String(event.data)));
    await within(2000, new Promise((resolve) => socket.addEventListener('open', resolve)), 'socket open');
    for (let cseq = 1; cseq <= 3; cseq++) {
      socket.send(
        [
          `OPTIONS sip:${small.domain} SIP/2.0`,
          `Via: SIP/2.0/WSS raw.invalid;branch=z9hG4bKcap${cseq}`,
          'From: <sip:raw@raw.invalid>;tag=r2',
          `To: <sip:${small.domain}>`,
          'Call-ID: cap',
          `CSeq: ${cseq} OPTIONS`,
          '',
          '',
        ].join('\r\n'),
      );
      await replies.next(`200 OPTIONS ${cseq}`);
    }
    expect(small.messages().map((m) => m.summary)).to.deep.equal([
      '200 OPTIONS',
      `OPTIONS sip:${small.domain}`,
      '200 OPTIONS',
    ]);
    expect(small.messages()[2]?.raw).to.include('CSeq: 3 OPTIONS');
    socket.close();
    small.dispose();
    network.resetHandlers();
  });

  it('drops every transport on disconnectAll, refuses connections while offline', async () => {
    sw.disconnectAll();
    await Promise.all([agent.disconnects.next('1001 disconnected'), caller.disconnects.next('2001 disconnected')]);
    expect(agent.ua.isConnected()).to.equal(false);
    expect(caller.ua.isConnected()).to.equal(false);
    expect(sw.registrations()).to.deep.equal([]);

    sw.setOnline(false);
    const refused = await caller.ua.reconnect().then(
      () => 'connected',
      () => 'refused',
    );
    expect(refused).to.equal('refused');
    expect(caller.ua.isConnected()).to.equal(false);

    sw.setOnline(true);
    await caller.ua.reconnect();
    expect(caller.ua.isConnected()).to.equal(true);
    expect(await register(caller)).to.equal(200);
    expect(sw.registrations().map((r) => r.user)).to.deep.equal(['2001']);
    // 1001 is gone: a call to it now gets 480.
    expect(await inviteRejected(caller, `sip:1001@${sw.domain}`)).to.equal(480);
    await agent.ua.reconnect();
    expect(await register(agent)).to.equal(200);
    expect(sw.registrations().map((r) => r.user)).to.have.members(['1001', '2001']);
  });
});
