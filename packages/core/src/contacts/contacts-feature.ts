// Loaded when the phone needs a caller's contact (a chunk of its own in the
// script-tag build): with a `contacts.lookup` hook or a platform at once,
// else at the first call or the first read of `phone.contacts.$folders`.
// The file parsers load later still, on the first `phone.contacts.import()`.
import type { WritableAtom } from 'nanostores';
import { CxError, CxErrorCode } from '../index.js';
import type { Call } from '../call/call.js';
import type { Feature, FeatureContext } from '../features/feature.js';
import { comparableNumber } from '../missed/missed-calls.js';
import { e164Of } from '../crm/e164.js';
import type { CallInfo } from '../call/call-info.js';
import { contactCard } from './contact-card.js';
import { folderIndex, folderStore, type StoredFolder } from './contact-folders.js';
import { runContactLookup } from './contact-lookup.js';
import type { Contact, ContactAnswer, ContactFolder, ContactImportOptions, ContactLookup } from './contact-options.js';
import { findContact, type ContactSource } from './contact-sources.js';

/** What the contacts feature gives the phone. */
export interface ContactsApi {
  /** Fills `phone.contacts.$folders` (once; later calls do nothing). */
  start($folders: WritableAtom<readonly ContactFolder[]>): void;
  import(file: Blob, options?: ContactImportOptions): Promise<ContactFolder>;
  removeFolder(id: string): Promise<void>;
  /** `info` with the caller's number in E.164 (`remote.e164`), when it is a phone number: the phone sets it before it announces a call. */
  withE164(info: CallInfo): CallInfo;
}

/**
 * Names callers: asks the sources in order — the `contacts.lookup` hook,
 * the platform's contact search, the local folders — once per call, without
 * holding anything up; the first name found wins. The card lands in
 * `call.snapshot.contact` and its name in `call.snapshot.contactName` (a
 * `call:changed`) whenever it comes, even after the call ended. Failing or
 * slow sources are logged and passed over. With `contacts.autoOpen`, emits
 * `contact:open` and calls `hooks.openContact` once per call.
 */
export const contactsFeature: Feature<ContactsApi> = {
  name: 'contacts',
  install(context) {
    const { lookup, timeout, autoOpen } = context.options.contacts;
    const store = folderStore(context.options.sip.aor);
    const normalise = (number: string): string => comparableNumber(number, context.options.region);
    let index: Promise<ReturnType<typeof folderIndex>> | undefined;
    let $folders: WritableAtom<readonly ContactFolder[]> | undefined;
    const refresh = (folders: readonly StoredFolder[]): void => {
      index = Promise.resolve(folderIndex(folders, normalise));
      $folders?.set(folders.map(({ id, name, count, importedAt }) => ({ id, name, count, importedAt })));
    };
    const folders = (): Promise<ReturnType<typeof folderIndex>> =>
      (index ??= store.list().then((list) => {
        refresh(list);
        return index!;
      }));

    const sources = (call: Call): ContactSource[] => [
      ...(lookup ? [crmSource(lookup, call, timeout)] : []),
      ...(context.options.platform ? [platformSource(context)] : []),
      {
        kind: 'folder',
        find: async (number) => {
          const found = (await folders()).get(normalise(number));
          return found ? contactCard(found.contact, 'folder', found.folder) : undefined;
        },
      },
    ];

    const opened = new WeakSet<Call>();
    const open = (call: Call): void => {
      const contact = call.snapshot.contact;
      if (autoOpen === 'off' || !contact || call.ended || opened.has(call)) return;
      if (autoOpen === 'answered' && call.snapshot.answeredAt === undefined) return;
      opened.add(call);
      context.emit('contact:open', call, contact);
      const hook = context.options.hooks.openContact;
      if (!hook) return;
      try {
        Promise.resolve(hook(contact)).catch((error: unknown) => context.logger.warn('hooks.openContact failed', error));
      } catch (error) {
        context.logger.warn('hooks.openContact threw', error);
      }
    };

    const withE164 = (info: CallInfo): CallInfo => {
      const e164 = info.remote.e164 ?? e164Of(info.remote.number, context.options.region);
      return e164 === info.remote.e164 ? info : Object.freeze({ ...info, remote: Object.freeze({ ...info.remote, e164 }) });
    };

    const lookUp = (call: Call): void => {
      // A call that came while this feature was loading: its number in E.164 now (a `call:changed`).
      const info = withE164(call.info);
      if (info !== call.info) context.annotate(call, { info });
      void findContact(sources(call), call.info.remote.number, { timeout }).then(({ contact, tried }) => {
        for (const outcome of tried) {
          if (outcome.status === 'failed') context.logger.warn(`The ${outcome.kind} contact search failed for call ${call.id}`, outcome.error);
          if (outcome.status === 'timed-out') context.logger.warn(`The ${outcome.kind} contact search gave no answer within ${timeout} ms for call ${call.id}`);
        }
        if (!contact) {
          context.logger.debug(`No contact found for call ${call.id}`);
          return;
        }
        context.annotate(call, { contactName: contact.name, contact });
        open(call);
      });
    };
    const offs = [context.on('call:incoming', lookUp), context.on('call:outgoing', lookUp), context.on('call:accepted', open)];
    // Calls that came while this feature was loading.
    for (const call of context.$calls.get()) if (!call.ended && call.snapshot.contact === undefined) lookUp(call);

    return {
      api: {
        start(target) {
          if ($folders) return;
          $folders = target;
          void folders().catch((error: unknown) => context.logger.warn('The local contact folders could not be read', error));
        },
        async import(file, options = {}) {
          const { readContactFile } = await import('./contact-files.js');
          const { contacts } = await readContactFile(file);
          const fileName = typeof (file as Partial<File>).name === 'string' ? (file as File).name : '';
          const name = contactCard(options.folder ?? (fileName.replace(/\.[^.]*$/, '') || 'Contacts'), 'folder')?.name ?? 'Contacts';
          const list = await store.list();
          const replaced = list.find((folder) => folder.name === name);
          const folder: StoredFolder = { id: replaced?.id ?? crypto.randomUUID(), name, count: contacts.length, importedAt: Date.now(), contacts };
          await store.put(folder);
          refresh([...list.filter((f) => f.id !== folder.id), folder].sort((a, b) => a.importedAt - b.importedAt));
          return { id: folder.id, name: folder.name, count: folder.count, importedAt: folder.importedAt };
        },
        async removeFolder(id) {
          const list = await store.list();
          if (!list.some((folder) => folder.id === id)) {
            throw new CxError(CxErrorCode.ContactFolderNotFound, `No local contact folder has the id "${String(id)}".`);
          }
          await store.remove(id);
          refresh(list.filter((folder) => folder.id !== id));
        },
        withE164,
      },
      dispose: () => offs.forEach((off) => off()),
    };
  },
};

/** The CRM hook, run safely (bounded, never throwing), as a source. */
function crmSource(lookup: ContactLookup, call: Call, timeout: number): ContactSource {
  return {
    kind: 'crm',
    find: async (number, signal) => {
      // The search's own bound (the same `timeout`) comes first and reports the
      // timeout; this one, a little later, only makes sure the hook is stopped.
      const outcome = await runContactLookup(lookup, { number, call: { id: call.id, direction: call.direction, info: call.info }, timeout: timeout + 50, signal });
      if (outcome.status === 'failed') throw outcome.error;
      return outcome.status === 'found' ? outcome.contact : undefined;
    },
  };
}

/** The platform's contact search (`GET /contacts?number=`): its first contact. */
function platformSource(context: FeatureContext): ContactSource {
  return {
    kind: 'platform',
    find: async (number) => {
      const [first] = await (await context.platform()).client.contacts(number);
      return contactCard(first as ContactAnswer | undefined, 'platform');
    },
  };
}
