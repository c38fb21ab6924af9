// Every string the elements show is translated in every locale, and the
// locale modules the elements load are built from those translations.
// lit-localize's own analyser reads the sources (as `npm run i18n:extract`
// does), so a `msg()` added without a translation fails here.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { before, describe, test } from 'node:test';
import { readConfigFileAndWriteSchema } from '@lit/localize-tools/lib/config.js';
import { RuntimeLitLocalizer } from '@lit/localize-tools/lib/modes/runtime.js';
import type { Locale } from '@lit/localize-tools/lib/types/locale.js';
import type { RuntimeOutputConfig } from '@lit/localize-tools/lib/types/modes.js';

const elements = resolve(process.cwd(), 'packages/elements');
const config = readConfigFileAndWriteSchema(resolve(elements, 'lit-localize.json'));
const LOCALES = ['fr', 'de', 'it'] as const;

/** The ids of the messages in a built locale module (packages/elements/src/locales/<locale>.ts). */
function builtIds(locale: string): Set<string> {
  const text = readFileSync(resolve(elements, `src/locales/${locale}.ts`), 'utf8');
  return new Set(Array.from(text.matchAll(/^\s*'([sh][0-9a-f]{16})':/gm), (m) => m[1] as string));
}

describe('translations', { timeout: 120_000 }, () => {
  let localizer: RuntimeLitLocalizer;
  let source: Map<string, string>;

  before(() => {
    localizer = new RuntimeLitLocalizer(config as typeof config & { output: RuntimeOutputConfig });
    const { messages, errors } = localizer.extractSourceMessages();
    assert.deepEqual(errors.map((e) => String(e.messageText)), [], 'the sources analyse cleanly');
    source = new Map(messages.map((m) => [m.name, m.contents.map((c) => (typeof c === 'string' ? c : c.untranslatable)).join('')]));
  });

  test('the configuration is English with French, German and Italian', () => {
    assert.equal(config.sourceLocale, 'en');
    assert.deepEqual([...config.targetLocales].sort(), [...LOCALES].sort());
    assert.ok(source.size > 150, `only ${source.size} messages found: is msg() still used?`);
  });

  for (const locale of LOCALES) {
    test(`${locale}: every message is translated, none is left over, placeholders match`, () => {
      const translated = new Set((localizer.readTranslationsSync().translations.get(locale as Locale) ?? []).map((m) => m.name));
      const missing = [...source].filter(([id]) => !translated.has(id)).map(([, text]) => text);
      assert.deepEqual(missing, [], `${locale}: missing translations (npm run i18n:extract, then fill packages/elements/xliff/${locale}.xlf)`);
      const stale = [...translated].filter((id) => !source.has(id));
      assert.deepEqual(stale, [], `${locale}: translations of messages that no longer exist (npm run i18n:extract)`);
      assert.deepEqual(localizer.validateTranslations().errors, []);
    });

    test(`${locale}: the built locale module is in step with the sources`, () => {
      const built = builtIds(locale);
      const missing = [...source].filter(([id]) => !built.has(id)).map(([, text]) => text);
      assert.deepEqual(missing, [], `${locale}: src/locales/${locale}.ts is out of date: npm run i18n:build`);
      assert.deepEqual([...built].filter((id) => !source.has(id)), [], `${locale}: src/locales/${locale}.ts has old messages: npm run i18n:build`);
    });
  }
});
