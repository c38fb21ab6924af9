import { atom, computed, type ReadableAtom } from 'nanostores';
import type { Call } from '../call/call.js';

/** Ended calls kept in `$calls` (for the call boxes' history). */
const KEEP_ENDED = 20;

/**
 * The phone's calls: live calls first (newest first), then up to 20
 * recently ended ones, and the one the agent is talking on.
 */
export class CallList {
  readonly #calls = atom<readonly Call[]>([]);
  readonly $calls: ReadableAtom<readonly Call[]> = this.#calls;
  /** The call the agent is talking on (or dialing, or connecting), else the last held one. */
  readonly $active: ReadableAtom<Call | undefined> = computed(this.#calls, (calls) => pickActive(calls));

  add(call: Call): void {
    this.#calls.set([call, ...this.#calls.get()]);
  }

  /** A call changed: subscribers see a new list; an ended call joins the history. */
  changed(call: Call): void {
    if (!call.ended) {
      this.#calls.set([...this.#calls.get()]);
      return;
    }
    const calls = this.#calls.get();
    const live = calls.filter((c) => !c.ended);
    const ended = calls.filter((c) => c.ended).slice(0, KEEP_ENDED);
    this.#calls.set([...live, ...ended]);
  }

  live(): Call[] {
    return this.#calls.get().filter((c) => !c.ended);
  }
}

function pickActive(calls: readonly Call[]): Call | undefined {
  return (
    calls.find((c) => c.state === 'active' || c.state === 'connecting' || c.state === 'dialing') ??
    calls.find((c) => c.state === 'held')
  );
}
