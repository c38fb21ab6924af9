// The Datas tab of the active call panel: the path the call took in the
// routing tree and the IVR variables. Loaded when the tab is first shown (a
// chunk of its own in the script-tag build).
import { msg } from '@lit/localize';
import type { CallInfo } from '@cx/core';
import { css, html, nothing, type TemplateResult } from 'lit';
import { formatNumber } from '../index.js';

const styles = css`
  .datas {
    display: grid;
    gap: 0.75rem;
  }

  .section-title {
    font-weight: 600;
    margin-bottom: 0.25rem;
  }

  .route {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    list-style: none;
    counter-reset: step;
  }

  .route li {
    counter-increment: step;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: var(--_surface-raised);
  }

  .route li::before {
    content: counter(step) '. ';
    color: var(--_text-muted);
  }

  .pairs {
    display: grid;
    gap: 0.15rem;
  }

  .pairs div {
    display: grid;
    grid-template-columns: minmax(6rem, max-content) 1fr;
    gap: 0.75rem;
  }

  dt {
    color: var(--_text-muted);
  }

  dd {
    margin: 0;
  }
`;

function render(info: CallInfo): TemplateResult {
  const { route, data, queue, called, interactionId } = info;
  const variables = Object.entries(data);
  return html`
    <div role="group" aria-labelledby="route-title">
      <p id="route-title" class="section-title">${msg('Route')}</p>
      ${route.length > 0
        ? html`<ol part="route" class="route">
            ${route.map((step) => html`<li class="text"><bdi>${step}</bdi></li>`)}
          </ol>`
        : html`<p class="none">${msg('No routing steps for this call.')}</p>`}
    </div>
    <div role="group" aria-labelledby="variables-title">
      <p id="variables-title" class="section-title">${msg('IVR variables')}</p>
      ${variables.length > 0
        ? html`<dl part="variables" class="pairs">
            ${variables.map(
              ([name, value]) => html`<div><dt class="text">${name}</dt><dd class="text"><bdi>${value}</bdi></dd></div>`,
            )}
          </dl>`
        : html`<p class="none">${msg('No IVR variables for this call.')}</p>`}
    </div>
    <dl class="pairs about">
      ${queue ? html`<div><dt>${msg('Queue')}</dt><dd class="text"><bdi>${queue.name || queue.id}</bdi></dd></div>` : nothing}
      ${called ? html`<div><dt>${msg('Number called')}</dt><dd class="text"><bdi>${formatNumber(called)}</bdi></dd></div>` : nothing}
      ${interactionId ? html`<div><dt>${msg('Interaction')}</dt><dd class="text">${interactionId}</dd></div>` : nothing}
    </dl>
  `;
}

export interface DatasView {
  readonly styles: typeof styles;
  render(info: CallInfo): TemplateResult;
}

export const datasView: DatasView = { styles, render };
