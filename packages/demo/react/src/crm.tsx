import type { PhoneApi } from '@cx/core';
import { callerLabel, type CxCallAcceptedEvent, type CxCallEndedEvent } from '@cx/elements';
import { CxBanner } from '@cx/elements/react';
import { useState } from 'react';

export interface CrmProps {
  /** The agent's phone: `createPhone(...)` from `@cx/core`. */
  phone: PhoneApi;
  /** Told of each answered call too (the screen pop below is this page's own reaction). */
  onCallAccepted?: (event: CxCallAcceptedEvent) => void;
}

/** A CRM screen with the agent's Banner: a screen pop when a call is answered, a log when it ends. */
export function Crm({ phone, onCallAccepted }: CrmProps) {
  const [onTheLine, setOnTheLine] = useState('');
  const [log, setLog] = useState<string[]>([]);

  const accepted = (event: CxCallAcceptedEvent) => {
    setOnTheLine(callerLabel(event.detail.call.snapshot));
    onCallAccepted?.(event);
  };
  const ended = (event: CxCallEndedEvent) => {
    setOnTheLine('');
    setLog((lines) => [`${callerLabel(event.detail.call.snapshot)}: ${event.detail.reason}`, ...lines]);
  };

  return (
    <>
      <section className="crm-record" aria-labelledby="record-title">
        <h1 id="record-title">Customer record</h1>
        <p className="screen-pop" role="status">
          {onTheLine ? `On the line: ${onTheLine}` : 'No call yet.'}
        </p>
        <h2>Call log</h2>
        <ol className="call-log">
          {log.map((line, i) => (
            <li key={log.length - i}>{line}</li>
          ))}
        </ol>
      </section>
      <aside className="crm-phone" aria-label="Phone">
        <CxBanner phone={phone} onCxCallAccepted={accepted} onCxCallEnded={ended} />
      </aside>
    </>
  );
}
