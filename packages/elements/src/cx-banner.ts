/**
 * The script-tag build: `<script src="cx-banner.js">` defines every element
 * (loading @cx/elements does) and exposes the public API of @cx/core and
 * @cx/elements as `window.CX`.
 *
 * Loaded twice, or in two versions, on one page: the first copy keeps
 * `window.CX` and the elements (each tag is defined once); every copy, the
 * first included, is listed in load order in `window[Symbol.for('cx-banner')]`
 * (each entry is a copy's API, with its `version`).
 *
 * Rarely used features and panels are not in this file: they load, when
 * first used, from `cx-banner.<name>.js` next to it. What they share with it
 * (lit, nanostores, the public API) they take from the runtime registered
 * here, so they use the very classes of the page (see
 * scripts/build/lazy-chunks.mjs).
 */
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import * as localizeInstall from '@lit/localize/init/install.js';
import * as localizeDefaultMsg from '@lit/localize/internal/default-msg.js';
import * as localizeStatus from '@lit/localize/internal/locale-status-event.js';
import * as localizeStrTag from '@lit/localize/internal/str-tag.js';
import { css, html, LitElement, noChange, nothing } from 'lit';
import { Directive, directive, PartType } from 'lit/directive.js';
import { isSingleExpression } from 'lit/directive-helpers.js';
import { ifDefined } from 'lit/directives/if-defined.js';
import { repeat } from 'lit/directives/repeat.js';
import { atom, computed } from 'nanostores';
import * as api from './script-api.js';

// Keep in step with RUNTIME_EXPORTS in scripts/build/lazy-chunks.mjs.
const runtime: Readonly<Record<string, object>> = Object.freeze({
  '@cx/core': api,
  '@cx/elements': api,
  lit: { LitElement, html, css, nothing, noChange },
  'lit/directive.js': { directive, Directive, PartType },
  'lit-html/directive.js': { directive, Directive, PartType },
  'lit-html/directive-helpers.js': { isSingleExpression },

  'lit/directives/if-defined.js': { ifDefined },
  'lit/directives/repeat.js': { repeat },
  nanostores: { atom, computed },
  // One localisation state for the page: a chunk's own copy would never translate. lit-localize's
  // runtime is a chunk (i18n/locale-runtime.ts) that installs the translating `msg` into the
  // page's `install.js` when another language than English is first chosen: chunks call `msg`
  // through this function, which reads the installed one at each call.
  // (Called through a cast: lit-localize's analyser reads every call of a `msg` as a message.)
  '@lit/localize': { msg: (...args: unknown[]): unknown => (msg as (...args: unknown[]) => unknown)(...args), str, updateWhenLocaleChanges },
  '@lit/localize/init/install.js': localizeInstall,
  '@lit/localize/internal/default-msg.js': localizeDefaultMsg,
  '@lit/localize/internal/locale-status-event.js': localizeStatus,
  '@lit/localize/internal/str-tag.js': localizeStrTag,
});
const page = globalThis as unknown as Record<PropertyKey, unknown>;
// One runtime per version (the chunks of a version read it: RUNTIME_KEY in scripts/build/lazy-chunks.mjs):
// a second copy of the same version shares the first one's, as it shares its elements.
page[Symbol.for(`cx-banner.runtime@${api.version}`)] ??= runtime;
// The first copy takes `window.CX` (even over an element with id "CX").
if (((page[Symbol.for('cx-banner')] ??= []) as object[]).push(api) === 1) page.CX = api;
