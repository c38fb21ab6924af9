import { Component, CUSTOM_ELEMENTS_SCHEMA, input, signal } from '@angular/core';
import type { PhoneApi } from '@cx/core';
import { callerLabel, type CxCallAcceptedEvent, type CxCallEndedEvent } from '@cx/elements';

@Component({
  selector: 'app-call-banner',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <p role="status">{{ onTheLine() ? 'On the line: ' + onTheLine() : 'No call yet.' }}</p>
    <ol>
      @for (line of log(); track $index) {
        <li>{{ line }}</li>
      }
    </ol>
    <cx-banner [phone]="phone()" theme="light" (cx-call-accepted)="accepted($event)" (cx-call-ended)="ended($event)"></cx-banner>
  `,
})
export class CallBannerComponent {
  readonly phone = input.required<PhoneApi>();
  readonly onTheLine = signal('');
  readonly log = signal<string[]>([]);

  accepted(event: CxCallAcceptedEvent): void {
    this.onTheLine.set(callerLabel(event.detail.call.snapshot));
  }

  ended(event: CxCallEndedEvent): void {
    this.onTheLine.set('');
    this.log.update((lines) => [`${callerLabel(event.detail.call.snapshot)}: ${event.detail.reason}`, ...lines]);
  }
}
