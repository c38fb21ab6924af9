import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { QueueForm } from '../platform/platform-schemas.js';
import { checkDraft, EMPTY_DRAFT, isBlank, mergeDraft, MAX_VALUE_LENGTH, wrapUpRequestOf } from './wrap-up-rules.js';

const form: QueueForm = {
  fields: [
    { name: 'outcome', label: 'Outcome', type: 'select', options: ['Sold', 'Lost'], required: true },
    { name: 'notes', label: 'Notes', type: 'textarea' },
    { name: 'agree', label: 'Consent', type: 'checkbox', required: true },
  ],
  tags: ['VIP'],
};

describe('wrap-up rules', () => {
  test('required fields, choices and tags are checked in the platform\'s words', () => {
    assert.deepEqual(checkDraft(form, EMPTY_DRAFT), { outcome: 'Outcome is required.', agree: 'Consent is required.' });
    const draft = mergeDraft(EMPTY_DRAFT, { values: { outcome: 'Maybe', notes: '  ', agree: true }, tags: ['VIP', 'Gold'] });
    assert.deepEqual(checkDraft(form, draft), { outcome: 'Choose one of: Sold, Lost.', tags: 'Unknown tags: Gold.' });
    assert.deepEqual(checkDraft(form, mergeDraft(draft, { values: { outcome: 'Sold' }, tags: ['VIP'] })), {});
    assert.deepEqual(checkDraft(undefined, EMPTY_DRAFT), {}, 'no form, nothing to check');
  });

  test('drafts merge and stay clean: text bounded, booleans kept, anything else dropped', () => {
    const hostile = { values: { notes: 'x'.repeat(MAX_VALUE_LENGTH + 5), n: 42 as unknown as string, ok: false }, tags: ['VIP', 'VIP', 7 as unknown as string] };
    const draft = mergeDraft(EMPTY_DRAFT, hostile);
    assert.equal((draft.values['notes'] as string).length, MAX_VALUE_LENGTH);
    assert.equal('n' in draft.values, false);
    assert.equal(draft.values['ok'], false);
    assert.deepEqual(draft.tags, ['VIP']);
    const linked = mergeDraft(draft, { contactId: 'c1', contactName: 'Ann' });
    assert.equal(linked.contactId, 'c1');
    assert.equal(mergeDraft(linked, { contactId: '' }).contactId, undefined, 'an empty id unlinks');
  });

  test('blank means nothing typed; the request carries exactly the draft', () => {
    assert.equal(isBlank(EMPTY_DRAFT), true);
    assert.equal(isBlank(mergeDraft(EMPTY_DRAFT, { values: { notes: ' ', agree: false } })), true);
    assert.equal(isBlank(mergeDraft(EMPTY_DRAFT, { caseId: 'k1' })), false);
    const draft = mergeDraft(EMPTY_DRAFT, { values: { outcome: 'Sold' }, tags: ['VIP'], caseId: 'k1', caseName: 'Case 1' });
    assert.deepEqual(wrapUpRequestOf(draft), { values: { outcome: 'Sold' }, tags: ['VIP'], caseId: 'k1' });
  });
});
