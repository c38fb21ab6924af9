// Loaded when the phone has a `contacts.lookup` hook (a chunk of its own in
// the script-tag build).
import type { Call } from '../call/call.js';
import type { Feature } from '../features/feature.js';
import { runContactLookup } from './contact-lookup.js';

/**
 * Names callers from the CRM: asks the `contacts.lookup` hook for the other
 * party's name, once per call, without holding anything up. The name lands
 * in `call.snapshot.contactName` (a `call:changed`) whenever it comes, even
 * after the call ended (the missed call notice and the call box still show
 * it). A failing or slow hook is logged and otherwise ignored.
 */
export const contactsFeature: Feature = {
  name: 'contacts',
  install(context) {
    const { lookup, timeout } = context.options.contacts;
    if (!lookup) return { api: undefined, dispose: () => undefined };
    const lookUp = (call: Call): void => {
      void runContactLookup(lookup, {
        number: call.info.remote.number,
        call: { id: call.id, direction: call.direction, info: call.info },
        timeout,
      }).then((outcome) => {
        switch (outcome.status) {
          case 'found':
            context.annotate(call, { contactName: outcome.name });
            break;
          case 'failed':
            context.logger.warn(`The contact lookup failed for call ${call.id}`, outcome.error);
            break;
          case 'timed-out':
            context.logger.warn(`The contact lookup gave no answer within ${timeout} ms for call ${call.id}`);
            break;
          default:
            context.logger.debug(`No contact found for call ${call.id}`);
        }
      });
    };
    const offs = [context.on('call:incoming', lookUp), context.on('call:outgoing', lookUp)];
    // Calls that came while this feature was loading.
    for (const call of context.$calls.get()) if (!call.ended && call.snapshot.contactName === undefined) lookUp(call);
    return { api: undefined, dispose: () => offs.forEach((off) => off()) };
  },
};
