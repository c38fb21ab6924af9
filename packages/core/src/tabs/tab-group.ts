// A chunk of its own in the script-tag build (loaded on the first connect()
// of a phone with `tabs: 'shared'`): eager modules come through the index.
import { CxError, CxErrorCode } from '../index.js';
import { inPageServers } from './in-page-servers.js';
import { MirrorPhone, type LostCall } from './mirror-phone.js';
import { TabHost } from './tab-host.js';
import { groupName, PROTOCOL, type HostMessage, type MirrorMessage } from './tab-protocol.js';
import type { TabGroup, TabSeat } from './tab-seat.js';

type Role = 'idle' | 'holder' | 'mirror';

/**
 * One phone's place among the agent's tabs of this origin. The tab that
 * gets the Web Lock of the agent (AOR and server) holds the registration
 * and publishes its phone ({@link TabHost}); the others mirror it
 * ({@link MirrorPhone}) and wait in the lock's queue. When the holder
 * closes or crashes, the browser gives the lock to the next tab, which
 * registers at once; calls the closed tab carried end as `tab-closed`.
 */
export function joinTabs(seat: TabSeat): TabGroup {
  const group = new Group(seat);
  groups.set(seat.local, group);
  return group;
}

const groups = new WeakMap<TabSeat['local'], Group>();

/**
 * What closing its tab does to a phone (`crash`: what a crash does, the
 * other tabs hear nothing): for tests of several tabs in one page, where
 * closing a real tab is not possible. Phones that are in no group (not
 * connected, or `tabs: 'independent'`) just drop their connection.
 */
export function vanishTab(local: TabSeat['local'], crash: boolean): void {
  const group = groups.get(local);
  if (group) group.vanish(crash);
  else local.abandon();
}

/** What keys the group: the agent, on this server (and, for a server that lives in the page, this page). */
export function groupKey(seat: TabSeat): string {
  const { aor, server } = seat.local.options.sip;
  const inPage = inPageServers().get(server);
  return `${aor.toLowerCase()} ${server}${inPage === undefined ? '' : ` page:${inPage}`}`;
}

class Group implements TabGroup {
  readonly #seat: TabSeat;
  readonly #name: string;
  #role: Role = 'idle';
  #channel: BroadcastChannel | undefined;
  #host: TabHost | undefined;
  #mirror: MirrorPhone | undefined;
  /** Cancels the wait in the lock's queue. */
  #queue: AbortController | undefined;
  /** Releases the lock this tab holds. */
  #release: (() => void) | undefined;
  /** This tab's registration, while it holds. */
  #holding: Promise<void> | undefined;
  /** Who waits for the role to change (a mirror's connect()). */
  readonly #changed = new Set<() => void>();
  readonly #onPageHide = (): void => this.#pageHide();

  constructor(seat: TabSeat) {
    this.#seat = seat;
    this.#name = groupName(groupKey(seat));
  }

  async connect(): Promise<void> {
    if (this.#role === 'holder') return (this.#holding = this.#seat.local.connect());
    if (this.#role === 'mirror') return this.#mirrorReady();
    this.#open();
    if (await this.#lock(true)) return this.#hold();
    this.#startMirror();
    this.#queue = new AbortController();
    void this.#lock(false, this.#queue.signal).then((granted) => {
      if (granted) this.#takeOver();
    });
    return this.#mirrorReady();
  }

  async disconnect(): Promise<void> {
    // The holder hangs up first, so that the other tabs see its calls end as they do.
    if (this.#role === 'holder') await this.#seat.local.disconnect();
    this.#close();
    this.#release?.();
    this.#release = undefined;
  }

  async leave(): Promise<void> {
    await this.disconnect();
  }

  /** The channel of the group, and the page's departure. */
  #open(): void {
    const channel = new BroadcastChannel(this.#name);
    channel.onmessage = (event: MessageEvent) => this.#receive(event.data);
    this.#channel = channel;
    globalThis.addEventListener?.('pagehide', this.#onPageHide);
  }

  /** Leaves the group; `bye`: tells the other tabs (a crash does not). */
  #close(bye = true): void {
    if (this.#role === 'holder') this.#host?.stop(bye);
    if (this.#role === 'mirror' && this.#mirror) this.#post({ v: PROTOCOL, from: this.#mirror.id, t: 'leave' });
    this.#queue?.abort();
    this.#queue = undefined;
    this.#mirror?.dispose();
    this.#mirror = undefined;
    this.#host = undefined;
    this.#seat.mirror(undefined);
    this.#channel?.close();
    this.#channel = undefined;
    globalThis.removeEventListener?.('pagehide', this.#onPageHide);
    this.#role = 'idle';
    this.#holding = undefined;
    for (const check of [...this.#changed]) check();
  }

  /** Asks for the agent's lock: at once (`ifAvailable`), or in the queue; holds it until released. */
  #lock(ifAvailable: boolean, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const options: LockOptions = ifAvailable ? { ifAvailable: true } : { signal: signal as AbortSignal };
      navigator.locks
        .request(this.#name, options, (lock) => {
          if (!lock) {
            resolve(false);
            return undefined;
          }
          resolve(true);
          return new Promise<void>((release) => (this.#release = release));
        })
        .catch((error: unknown) => {
          if (!signal?.aborted) this.#seat.logger.warn('The lock of the agent could not be taken', error);
          resolve(false);
        });
    });
  }

  /** This tab holds the registration: publish the phone and connect it. */
  #hold(): Promise<void> {
    this.#role = 'holder';
    this.#seat.mirror(undefined);
    const host = new TabHost(this.#seat.local, (message) => this.#channel?.postMessage(message), this.#seat.logger);
    this.#host = host;
    host.start();
    this.#holding = this.#seat.local.connect();
    this.#holding.catch(() => undefined);
    for (const check of [...this.#changed]) check();
    return this.#holding;
  }

  #startMirror(): void {
    this.#role = 'mirror';
    const mirror = new MirrorPhone(
      (message) => this.#post(message),
      (name, ...args) => this.#seat.emit(name, ...args),
      this.#seat.local.$agentState.get(),
    );
    this.#mirror = mirror;
    this.#seat.mirror(mirror);
    mirror.hello();
  }

  /**
   * The holder left and the lock came to this tab: this tab registers now.
   * The calls the holder carried ended with it (`tab-closed`); each one
   * that was answered is taken over, once registered, with an INVITE that
   * replaces its dialog (RFC 3891): where the other side supports it, the
   * conversation goes on as a new call of this tab.
   */
  #takeOver(): void {
    if (this.#role !== 'mirror') return;
    this.#mirror?.hostGone();
    const lost = this.#mirror?.lost ?? [];
    this.#mirror?.dispose();
    this.#mirror = undefined;
    const registered = this.#hold();
    registered.catch((error: unknown) => this.#seat.logger.error('This tab could not register after taking over', error));
    if (lost.length === 0) return;
    this.#seat.logger.warn(`${lost.length} call(s) ended with the tab that carried them; taking over the answered ones`);
    void registered.then(() => Promise.all(lost.map((lostCall) => this.#replace(lostCall))), () => undefined);
  }

  /** Calls the other party of a lost call again, replacing the dialog the closed tab had with it. */
  async #replace({ call, dialog }: LostCall): Promise<void> {
    if (!dialog || !call.info.remote.uri) return;
    const target = call.info.remote.uri.replace(/^(sips?:[^;?>]*).*$/, '$1');
    try {
      const taken = await this.#seat.local.call(target, {
        headers: { Replaces: `${dialog.callId};to-tag=${dialog.remoteTag};from-tag=${dialog.localTag}` },
      });
      this.#seat.logger.info(`Call ${call.id} taken over by this tab as ${taken.id}`);
    } catch (error) {
      this.#seat.logger.warn(`Call ${call.id} could not be taken over`, error);
    }
  }

  /**
   * Resolves once the holder is registered (or this tab took over and
   * registered); rejects after `sip.connectTimeout`.
   */
  #mirrorReady(): Promise<void> {
    const timeout = this.#seat.local.options.sip.connectTimeout;
    return new Promise<void>((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#changed.delete(check);
        off?.();
      };
      const timer = setTimeout(() => {
        done();
        const status = this.#mirror?.host === undefined ? undefined : this.#mirror.$connection.get();
        reject(
          status
            ? new CxError(CxErrorCode.ConnectionFailed, `The tab of this agent that holds the connection is not registered${status.reason ? `: ${status.reason}` : ''}.`, {
                solutions: ['It keeps trying; this tab follows it.'],
              })
            : new CxError(CxErrorCode.ConnectionFailed, 'Another tab of this agent holds the connection but did not answer in time.', {
                solutions: ['Bring the other tab to the front, or close it: this tab then takes over.'],
              }),
        );
      }, timeout);
      const check = (): void => {
        if (this.#role === 'holder' && this.#holding) {
          done();
          this.#holding.then(resolve, reject);
        } else if (this.#role !== 'mirror') {
          done();
          reject(new CxError(CxErrorCode.NotConnected, 'The phone was disconnected.'));
        } else if (this.#mirror?.host !== undefined && this.#mirror.$connection.get().state === 'registered') {
          done();
          resolve();
        } else if (this.#mirror?.host !== undefined && this.#mirror.$connection.get().state === 'failed') {
          // The server refused the holder: it would refuse this tab too.
          const status = this.#mirror.$connection.get();
          done();
          reject(
            new CxError(CxErrorCode.RegistrationFailed, `The SIP server refused the registration${status.reason ? `: ${status.reason}` : ''}.`, {
              ...(status.statusCode === undefined ? {} : { statusCode: status.statusCode }),
            }),
          );
        }
      };
      this.#changed.add(check);
      const off = this.#mirror?.$connection.listen(check);
      check();
    });
  }

  #receive(data: unknown): void {
    if (typeof data !== 'object' || data === null || (data as { v?: unknown }).v !== PROTOCOL) return;
    const message = data as HostMessage | MirrorMessage;
    if ('host' in message) {
      if (this.#role === 'mirror') this.#mirror?.receive(message);
    } else if (this.#role === 'holder') {
      this.#host?.receive(message);
    }
  }

  #post(message: MirrorMessage): void {
    try {
      this.#channel?.postMessage(message);
    } catch (error) {
      this.#seat.logger.warn('A message to the holding tab could not be sent', error);
    }
  }

  /**
   * The page goes away. The holder tells the others (they take over at
   * once) and, when no other tab is there to take its calls, hangs them up
   * so that nobody is left in a silent call. A mirror just says goodbye.
   */
  #pageHide(): void {
    if (this.#role === 'holder' && this.#host && this.#host.mirrors.size === 0) {
      void this.#seat.local.disconnect();
      return;
    }
    this.#close();
    this.#release?.();
  }

  /** What closing (or, with `crash`, killing) the page does to this phone: for tests of several tabs in one page. */
  vanish(crash: boolean): void {
    if (crash) this.#close(false);
    else this.#pageHide();
    this.#release?.();
    this.#seat.local.abandon();
  }
}
