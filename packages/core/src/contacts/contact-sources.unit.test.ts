import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { Contact, ContactSourceKind } from './contact-options.js';
import { findContact, type ContactSource } from './contact-sources.js';

const card = (name: string, source: ContactSourceKind): Contact => ({ name, numbers: [], source });

/** A source that answers `answer` (or throws it when it is an Error) after `ms`, and notes that it was asked. */
function source(kind: ContactSourceKind, answer: Contact | undefined | Error | 'never', asked: string[], ms = 0): ContactSource {
  return {
    kind,
    find: (number, signal) => {
      asked.push(`${kind}:${number}`);
      if (answer === 'never') return new Promise(() => undefined);
      return new Promise((resolve, reject) => {
        setTimeout(() => (answer instanceof Error ? reject(answer) : resolve(answer)), ms);
        signal.addEventListener('abort', () => reject(new Error('aborted')));
      });
    },
  };
}

describe('findContact: the CRM hook, then the platform, then the local folders; the first name wins', () => {
  test('the first source with a contact wins, and the later ones are not asked', async () => {
    const asked: string[] = [];
    const result = await findContact(
      [source('crm', card('From CRM', 'crm'), asked), source('platform', card('From platform', 'platform'), asked), source('folder', card('From folder', 'folder'), asked)],
      '+33612345678',
      { timeout: 2000 },
    );
    assert.equal(result.contact?.name, 'From CRM');
    assert.deepEqual(asked, ['crm:+33612345678']);
    assert.deepEqual(result.tried, [{ kind: 'crm', status: 'found' }]);
  });

  test('a source that knows nothing passes to the next, even a faster one after it waits its turn', async () => {
    const asked: string[] = [];
    const result = await findContact(
      [source('crm', undefined, asked, 20), source('platform', card('From platform', 'platform'), asked), source('folder', card('From folder', 'folder'), asked)],
      '1234',
      { timeout: 2000 },
    );
    assert.equal(result.contact?.name, 'From platform');
    assert.deepEqual(asked, ['crm:1234', 'platform:1234']);
    assert.deepEqual(result.tried.map((t) => `${t.kind}:${t.status}`), ['crm:unknown', 'platform:found']);
  });

  test('failing and slow sources are passed over: the folder answers', async () => {
    const asked: string[] = [];
    const boom = new Error('CRM down');
    const started = performance.now();
    const result = await findContact(
      [source('crm', boom, asked), source('platform', 'never', asked), source('folder', card('From folder', 'folder'), asked)],
      '1234',
      { timeout: 40 },
    );
    assert.equal(result.contact?.name, 'From folder');
    assert.ok(performance.now() - started < 3000);
    assert.deepEqual(result.tried.map((t) => `${t.kind}:${t.status}`), ['crm:failed', 'platform:timed-out', 'folder:found']);
    assert.equal(result.tried[0]?.status === 'failed' ? result.tried[0].error : undefined, boom);
  });

  test('a source answering a card without a name counts as unknown; none found gives no contact', async () => {
    const asked: string[] = [];
    const result = await findContact([source('crm', { name: '', numbers: [], source: 'crm' }, asked), source('folder', undefined, asked)], '1234', { timeout: 2000 });
    assert.equal(result.contact, undefined);
    assert.deepEqual(result.tried.map((t) => t.status), ['unknown', 'unknown']);
  });

  test('a source that throws synchronously fails without breaking the search', async () => {
    const result = await findContact(
      [
        {
          kind: 'crm',
          find: () => {
            throw new Error('sync');
          },
        },
        { kind: 'folder', find: () => card('Sync folder', 'folder') },
      ],
      '1234',
      { timeout: 2000 },
    );
    assert.equal(result.contact?.name, 'Sync folder');
  });

  test('an empty number is looked up nowhere; an aborted search stops', async () => {
    const asked: string[] = [];
    assert.deepEqual(await findContact([source('crm', card('x', 'crm'), asked)], '', { timeout: 100 }), { contact: undefined, tried: [] });
    assert.deepEqual(asked, []);
    const controller = new AbortController();
    const pending = findContact([source('crm', 'never', asked), source('folder', card('y', 'folder'), asked)], '1', { timeout: 5000, signal: controller.signal });
    controller.abort();
    const result = await pending;
    assert.equal(result.contact, undefined);
    assert.deepEqual(asked, ['crm:1']);
  });
});
