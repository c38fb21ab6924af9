import { msg } from '@lit/localize';
import type { HotlineMatch } from '@cx/core';
import { css, html, nothing, type TemplateResult } from 'lit';

/**
 * The hotline entity a call reached ("Display called contact",
 * docs/hotline.md): its name prominently, the greeting to say, and the
 * template line. Every value is text (a Lit text binding); `bdi` keeps a
 * right-to-left name from reordering what is around it. Shared by the
 * popup, the call box and the active call panel (through the package index
 * for the lazy ones).
 */
export function hotlineView(hotline: HotlineMatch | undefined): TemplateResult | typeof nothing {
  if (!hotline) return nothing;
  return html`<div part="hotline" class="hotline">
    <p class="text"><span class="muted">${msg('Called contact')}</span> <strong><bdi>${hotline.entity}</bdi></strong></p>
    ${hotline.greeting ? html`<p part="greeting" class="text"><em><bdi>${hotline.greeting}</bdi></em></p>` : nothing}
    ${hotline.line ? html`<p part="hotline-line" class="muted text"><bdi>${hotline.line}</bdi></p>` : nothing}
  </div>`;
}

/** Styles of {@link hotlineView}: a stripe in the accent colour; the label and line muted. */
export const hotlineStyles = css`
  .hotline {
    border-inline-start: 3px solid var(--_accent);
    padding-inline-start: 0.5rem;
  }
  .hotline .muted {
    color: var(--_text-muted);
  }
`;
