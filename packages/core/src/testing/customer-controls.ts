import type { Call } from '../call/call.js';
import { CxError, CxErrorCode } from '../errors/cx-error.js';
import type { Feature } from '../features/feature.js';
import type { CallLeg } from '../call/call-leg.js';
import { installFeature, type Phone } from '../phone/phone.js';

/** What a simulated customer can do that an agent's phone never offers. */
export interface CustomerControls {
  /** Send a REFER on the call's dialog, as a hostile or unusual peer might; resolves when accepted. */
  refer(call: Call, target: string): Promise<void>;
  /** The dialog of a call (Call-ID and tags, from this side), to build a `Replaces` header. */
  dialogOf(call: Call): CallLeg['dialog'];
}

/** A feature of the simulated customers' phones: reach into their own dialogs. */
export const customerControls: Feature<CustomerControls> = {
  name: 'customer-controls',
  install(context) {
    const legOf = (call: Call): CallLeg => {
      const leg = context.legOf(call);
      if (!leg) throw new CxError(CxErrorCode.CallEnded, 'The call is over.');
      return leg;
    };
    return {
      api: {
        refer: (call, target) => legOf(call).refer(target),
        dialogOf: (call) => legOf(call).dialog,
      },
      dispose: () => undefined,
    };
  },
};

/**
 * A customer's phone follows transfers, as real phones do: it accepts a
 * REFER (202), calls the target (with Referred-By, and Replaces for an
 * attended transfer), and tells the agent how it goes (NOTIFY).
 */
export const followRefers: Feature = {
  name: 'follow-refers',
  install(context) {
    const off = context.onRefer((refer) => {
      void refer
        .accept()
        .then(() => context.followRefer(refer))
        .catch((error: unknown) => context.logger.warn('Could not follow a REFER', error));
      return true;
    });
    return { api: undefined, dispose: off };
  },
};

/** What the agent's speaker plays now: the sources routed to it and their gains. */
export interface SpeakerProbe {
  /** Sources heard on the speaker with their gain ('mic' is never among them). */
  heard(): ReadonlyArray<{ from: string; gain: number }>;
}

/** A feature for tests: reads the routing matrix of a phone (what its speaker plays). */
const speakerProbe: Feature<SpeakerProbe> = {
  name: 'speaker-probe',
  install(context) {
    return {
      api: { heard: () => context.media.routes().filter((r) => r.to === 'speaker').map(({ from, gain }) => ({ from, gain })) },
      dispose: () => undefined,
    };
  },
};

/** What `phone`'s speaker plays: for tests of who the agent hears (a supervisor's whisper, a merge). */
export function probeSpeaker(phone: Phone): SpeakerProbe {
  return installFeature(phone, speakerProbe);
}
