// Smoke test of the SIP test bed itself, with sip.js alone: two browser user
// agents register on the loopback Kamailio and hold a call (hold re-INVITE,
// INFO DTMF, BYE), then survive a crash and restart of the server.
import { expect } from '@esm-bundle/chai';
import { executeServerCommand } from '@web/test-runner-commands';
import {
  Invitation,
  Inviter,
  Registerer,
  RegistererState,
  SessionState,
  TransportState,
  UserAgent,
  Web,
  type Session,
} from 'sip.js';

interface SipEnv {
  wsUrl: string;
  domain: string;
  users: Array<{ user: string; password: string; aor: string }>;
}

const envUrl = '/__cx/sip-env.js';
const env = (await import(/* @vite-ignore */ envUrl)).default as SipEnv;

const constraints = { audio: true, video: false };
const sdhOptions = { constraints };

interface Endpoint {
  ua: UserAgent;
  registerer: Registerer;
  invitations: Invitation[];
  nextInvitation(timeout?: number): Promise<Invitation>;
}

const endpoints: Endpoint[] = [];

function account(user: string): SipEnv['users'][number] {
  const found = env.users.find((u) => u.user === user);
  if (!found) throw new Error(`sip-env has no account ${user}`);
  return found;
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms waiting for ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Sends REGISTER and resolves once the registrar accepted it. */
function register(registerer: Registerer, what: string): Promise<void> {
  const registered = new Promise<void>((resolve, reject) => {
    if (registerer.state === RegistererState.Registered) return resolve();
    const listener = (state: RegistererState): void => {
      if (state === RegistererState.Registered) {
        registerer.stateChange.removeListener(listener);
        resolve();
      }
    };
    registerer.stateChange.addListener(listener);
    registerer
      .register({
        requestDelegate: {
          onReject: (response) => reject(new Error(`${what}: REGISTER rejected ${response.message.statusCode}`)),
        },
      })
      .catch(reject);
  });
  return within(registered, 10_000, `${what} to register`);
}

function reachState(session: Session, state: SessionState, what: string): Promise<void> {
  const reached = new Promise<void>((resolve) => {
    if (session.state === state) return resolve();
    const listener = (next: SessionState): void => {
      if (next === state) {
        session.stateChange.removeListener(listener);
        resolve();
      }
    };
    session.stateChange.addListener(listener);
  });
  return within(reached, 10_000, `${what} to reach ${state}`);
}

async function endpoint(user: string): Promise<Endpoint> {
  const { aor, password } = account(user);
  const invitations: Invitation[] = [];
  const waiting: Array<(invitation: Invitation) => void> = [];
  const uri = UserAgent.makeURI(aor);
  if (!uri) throw new Error(`bad AOR ${aor}`);
  const ua = new UserAgent({
    uri,
    authorizationUsername: user,
    authorizationPassword: password,
    displayName: `Test ${user}`,
    logLevel: 'error',
    transportOptions: { server: env.wsUrl, traceSip: false, keepAliveInterval: 5 },
    sessionDescriptionHandlerFactoryOptions: {
      iceGatheringTimeout: 1000,
      peerConnectionConfiguration: { iceServers: [] },
    },
    delegate: {
      onInvite(invitation) {
        const waiter = waiting.shift();
        if (waiter) waiter(invitation);
        else invitations.push(invitation);
      },
    },
  });
  await ua.start();
  const registerer = new Registerer(ua, { expires: 300 });
  const result: Endpoint = {
    ua,
    registerer,
    invitations,
    nextInvitation(timeout = 10_000) {
      const queued = invitations.shift();
      if (queued) return Promise.resolve(queued);
      return within(new Promise((resolve) => waiting.push(resolve)), timeout, `an INVITE for ${user}`);
    },
  };
  endpoints.push(result);
  await register(registerer, user);
  return result;
}

/** `caller` calls `callee`; the callee accepts. Resolves with both sessions established. */
async function call(caller: Endpoint, callee: Endpoint, calleeUser: string): Promise<[Inviter, Invitation]> {
  const target = UserAgent.makeURI(`sip:${calleeUser}@${env.domain}`);
  if (!target) throw new Error('bad target URI');
  const inviter = new Inviter(caller.ua, target, { sessionDescriptionHandlerOptions: sdhOptions });
  const offered = callee.nextInvitation();
  await inviter.invite();
  const invitation = await offered;
  // The callee may not start a re-INVITE before the ACK of its 200 OK.
  const acked = new Promise<void>((resolve) => {
    invitation.delegate = { onAck: () => resolve() };
  });
  await invitation.accept({ sessionDescriptionHandlerOptions: sdhOptions });
  await Promise.all([
    reachState(inviter, SessionState.Established, 'caller'),
    reachState(invitation, SessionState.Established, 'callee'),
    within(acked, 10_000, 'the ACK to reach the callee'),
  ]);
  return [inviter, invitation];
}

async function disposeEndpoints(): Promise<void> {
  for (const { ua } of endpoints.splice(0)) {
    await ua.stop().catch(() => undefined);
  }
}

describe('SIP test bed (sip.js on the loopback Kamailio)', () => {
  afterEach(disposeEndpoints);

  it('carries a call with hold, INFO DTMF and BYE between two WebSocket clients', async () => {
    const agent = await endpoint('1001');
    const customer = await endpoint('2001');

    const [inviter, invitation] = await call(customer, agent, '1001');

    const holdOptions: Web.SessionDescriptionHandlerOptions = { ...sdhOptions, hold: true };
    const holdAnswer = new Promise<string>((resolve, reject) => {
      invitation
        .invite({
          sessionDescriptionHandlerOptions: holdOptions,
          requestDelegate: {
            onAccept: (response) => resolve(String(response.message.body)),
            onReject: (response) => reject(new Error(`hold re-INVITE rejected ${response.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
    const answer = await within(holdAnswer, 10_000, 'the hold re-INVITE to be answered');
    expect(answer).to.match(/a=(recvonly|inactive)\r\n/);

    const dtmf = new Promise<{ contentType: string; body: string }>((resolve) => {
      invitation.delegate = {
        onInfo(info) {
          void info.accept();
          resolve({
            contentType: String(info.request.getHeader('Content-Type')),
            body: String(info.request.body),
          });
        },
      };
    });
    const infoAccepted = new Promise<number>((resolve, reject) => {
      inviter
        .info({
          requestOptions: {
            body: {
              contentDisposition: 'render',
              contentType: 'application/dtmf-relay',
              content: 'Signal=5\r\nDuration=160\r\n',
            },
          },
          requestDelegate: {
            onAccept: (response) => resolve(response.message.statusCode ?? 0),
            onReject: (response) => reject(new Error(`INFO rejected ${response.message.statusCode}`)),
          },
        })
        .catch(reject);
    });
    const received = await within(dtmf, 10_000, 'the INFO to reach the agent');
    expect(received.contentType).to.equal('application/dtmf-relay');
    expect(received.body).to.match(/^Signal=5\r\nDuration=160/);
    expect(await within(infoAccepted, 10_000, 'the INFO to be answered')).to.equal(200);

    await invitation.bye();
    await Promise.all([
      reachState(inviter, SessionState.Terminated, 'caller'),
      reachState(invitation, SessionState.Terminated, 'callee'),
    ]);
  });

  it('comes back after the server crashes: reconnect, register anew, call again', async () => {
    const agent = await endpoint('1001');
    const customer = await endpoint('2001');

    const dropped = Promise.all(
      [agent, customer].map(
        ({ ua }) =>
          new Promise<void>((resolve) => {
            ua.transport.stateChange.addListener((state) => {
              if (state === TransportState.Disconnected) resolve();
            });
          }),
      ),
    );
    await executeServerCommand('sip-server:kill');
    await within(dropped, 5000, 'both WebSockets to drop');
    expect(agent.ua.isConnected()).to.equal(false);

    await executeServerCommand('sip-server:restart');
    for (const peer of [agent, customer]) {
      await peer.ua.reconnect();
      // The old Registerer may be stuck with a REGISTER in progress.
      await peer.registerer.dispose().catch(() => undefined);
      peer.registerer = new Registerer(peer.ua, { expires: 300 });
      await register(peer.registerer, `${peer.ua.configuration.uri.user} after restart`);
    }

    const [inviter, invitation] = await call(customer, agent, '1001');
    await inviter.bye();
    await reachState(invitation, SessionState.Terminated, 'callee after restart');

    const log = await executeServerCommand<string, undefined>('sip-server:log');
    expect(log).to.contain('REQ REGISTER');
  });
});
