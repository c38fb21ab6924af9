// Puts the CRM screen into a page: the React example's one way in, for its
// page (main.tsx) and for the end-to-end test that drives it on a real SIP
// server.
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { Crm, type CrmProps } from './crm.js';

/** Renders the CRM screen into `container`; returns what takes it down again. */
export function mountCrm(container: Element, props: CrmProps): () => void {
  const root = createRoot(container);
  root.render(
    <StrictMode>
      <Crm {...props} />
    </StrictMode>,
  );
  return () => root.unmount();
}
