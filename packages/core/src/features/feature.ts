import type { ReadableAtom } from 'nanostores';
import type { Call, CallPatch } from '../call/call.js';
import type { CallLeg } from '../call/call-leg.js';
import type { CallPermits, EndReason } from '../call/call-state.js';
import type { CallOptions } from '../phone/phone-api.js';
import type { Logger } from '../logger.js';
import type { MediaTap } from '../media/media-graph.js';
import type { Ringer } from '../media/ringer.js';
import type { Route } from '../media/routing.js';
import type { PhoneEventMap } from '../phone/phone-events.js';
import type { ResolvedPhoneOptions } from '../phone/phone-options.js';
import type { IncomingRefer } from '../sip/sip-leg.js';
import type { PlatformApi } from '../platform/platform-feature.js';

/**
 * What a feature gets from the phone: the calls, their legs, the media
 * graph, the events and the logger. A feature reads the calls and drives
 * the network through legs; it never moves a call's state itself.
 */
export interface FeatureContext {
  readonly options: ResolvedPhoneOptions;
  readonly logger: Logger;
  /** The phone's calls: live ones first (newest first), then recently ended ones. */
  readonly $calls: ReadableAtom<readonly Call[]>;
  /** Listen to the phone's events; returns the function that stops listening. */
  on<K extends keyof PhoneEventMap>(name: K, fn: (...args: PhoneEventMap[K]) => void): () => void;
  /** Emit one of the phone's events. */
  emit<K extends keyof PhoneEventMap>(name: K, ...args: PhoneEventMap[K]): void;
  /** Add what the feature knows about a call (a contact name, its recording, ...): a `call:changed`, never a state change. */
  annotate(call: Call, patch: Pick<CallPatch, 'contactName' | 'contact' | 'recording' | 'conferenceId' | 'transfer' | 'monitor' | 'info' | 'quality'>): void;
  /** The platform feature (loaded on first use); rejects with `no-platform` without the option. */
  platform(): Promise<PlatformApi>;
  /** What the call may do beyond its state (`snapshot.can.merge`, `.record`, `.transfer`). */
  permit(call: Call, permits: Partial<CallPermits>): void;
  /** Places a call, as `phone.call()` does (the active call is held first). */
  call(target: string, options?: CallOptions): Promise<Call>;
  /** Ends a call that another took over (`transferred`): BYE, and that reason. */
  release(call: Call, reason: Extract<EndReason, 'transferred'>): Promise<void>;
  /** After accepting a REFER: places the call it asks for (a customer's phone being transferred). */
  followRefer(refer: IncomingRefer): Call;
  /** The leg that carries a live call now. */
  legOf(call: Call): CallLeg | undefined;
  /**
   * The feature's entries of the routing matrix (a merge routes each leg to
   * the other; a whisper routes the supervisor's leg to the agent only), as
   * a function the phone reads each time it routes the audio.
   */
  setRoutes(routes: () => readonly Route[]): void;
  /** Routes the audio again, now (the feature's entries changed). */
  reroute(): void;
  /** The next INVITE for this interaction was asked for (the agent took it from the pool): answer it at once. */
  expectTaken(interactionId: string, withinMs?: number): void;
  /** In-dialog REFERs: a handler that returns true takes (and answers) the request. */
  onRefer(handler: (refer: IncomingRefer) => boolean): () => void;
  /**
   * An outbound dialog that is not a call of the agent's (a supervisor's
   * monitoring leg): the feature owns it, its media and its routes.
   */
  openLeg(uri: string, headers: readonly string[]): CallLeg;
  /** The media graph, for legs a feature owns and for recorders. */
  readonly media: {
    /** Puts a leg the feature owns in the graph (its remote audio arrives through its listener: `setRemote`). */
    addLeg(leg: CallLeg): void;
    setRemote(leg: CallLeg, stream: MediaStream): void;
    removeLeg(leg: CallLeg): void;
    /** A mix of the microphone and these legs' audio, for a recorder. */
    tap(sources: readonly string[]): Promise<MediaTap>;
    /** The routing matrix in force: who hears whom. */
    routes(): readonly Route[];
    /** A recording played to the agent (a voicemail), in an element the feature made; returns the function that removes it. */
    addPlayback(element: HTMLMediaElement): () => void;
    /** The ringer output (loaded on first use): the ringtone and notification sounds play there. */
    ringer(): Promise<Ringer>;
  };
}

/** A feature once installed: its API for the phone to expose, and how to remove it. */
export interface InstalledFeature<Api> {
  readonly api: Api;
  dispose(): void;
}

/**
 * A phone feature: one folder, one `install(context)`. The phone installs
 * the features it is built with (`phone.ts` wires, it does not grow), and
 * a feature owns its state (nanostores atoms) that others may read.
 *
 * @example
 * export const callCounter: Feature<{ $count: ReadableAtom<number> }> = {
 *   name: 'call-counter',
 *   install(context) {
 *     const $count = atom(0);
 *     const off = context.on('call:incoming', () => $count.set($count.get() + 1));
 *     return { api: { $count }, dispose: off };
 *   },
 * };
 */
export interface Feature<Api = void> {
  readonly name: string;
  install(context: FeatureContext): InstalledFeature<Api>;
}
