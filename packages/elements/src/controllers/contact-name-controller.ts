import type { Call } from '@cx/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { lookUpContact, type ContactLookup } from '../contacts/contact-lookup.js';

/**
 * The contact name of the host's call, from the host's lookup hook: ''
 * until (and unless) the lookup answers, then the name. Follows the host
 * when its call or its lookup changes; a late answer for a previous call is
 * ignored.
 */
export class ContactNameController implements ReactiveController {
  /** The contact's name, '' when unknown. */
  name = '';
  private readonly host: ReactiveControllerHost;
  private readonly source: () => { call: Call | undefined; lookup: ContactLookup | undefined };
  private call: Call | undefined;
  private lookup: ContactLookup | undefined;

  constructor(
    host: ReactiveControllerHost,
    source: () => { call: Call | undefined; lookup: ContactLookup | undefined },
  ) {
    this.host = host;
    this.source = source;
    host.addController(this);
  }

  hostUpdate(): void {
    const { call, lookup } = this.source();
    if (call === this.call && lookup === this.lookup) return;
    this.call = call;
    this.lookup = lookup;
    this.name = '';
    if (!call || !lookup) return;
    void lookUpContact(lookup, call).then((name) => {
      if (call !== this.call || lookup !== this.lookup || name === this.name) return;
      this.name = name;
      this.host.requestUpdate();
    });
  }
}
