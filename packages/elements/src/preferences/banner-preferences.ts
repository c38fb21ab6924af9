import type { CallHandle, CallInfo } from '@cx/core';
import type { ReadableStore } from '../controllers/store-controller.js';
import { isCallBoxColour, type CallBoxColour } from './call-box-colour.js';
import { browserStorage, type PreferenceStorage } from './preference-storage.js';

const COLOURS_KEY = 'cx-banner.call-box-colours';
/** Most callers whose colour is remembered; the oldest choices go first. */
const MAX_COLOURS = 500;

type Colours = ReadonlyMap<string, CallBoxColour>;

/** A value that tells its listeners when it changes. */
class Preference<T> implements ReadableStore<T> {
  private value: T;
  private readonly listeners = new Set<(value: T) => void>();

  constructor(value: T) {
    this.value = value;
  }

  get(): T {
    return this.value;
  }

  listen(listener: (value: T) => void): () => void {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  set(value: T): void {
    if (Object.is(value, this.value)) return;
    this.value = value;
    for (const listener of [...this.listeners]) listener(value);
  }
}

/**
 * The agent's presentational choices, remembered across reloads: the
 * colour they gave each caller's call box. Calls, state and rules live in
 * @cx/core; these are only about looks.
 */
export class BannerPreferences {
  private readonly storage: PreferenceStorage;
  private readonly colours: Preference<Colours>;
  /** Colours of calls without a caller address: kept for the page's life only. */
  private readonly anonymous = new WeakMap<CallHandle, CallBoxColour>();

  constructor(storage: PreferenceStorage = browserStorage()) {
    this.storage = storage;
    this.colours = new Preference(readColours(storage));
  }

  /** Remembered colours by caller address (a new map on every change). */
  get $colours(): ReadableStore<Colours> {
    return this.colours;
  }

  /** The colour of a call's box. */
  colourOf(call: CallHandle): CallBoxColour {
    const key = callerKey(call.info);
    return (key === undefined ? this.anonymous.get(call) : this.colours.get().get(key)) ?? 'none';
  }

  /** Gives a call's box (and later calls from the same caller) a colour. */
  setColour(call: CallHandle, colour: CallBoxColour): void {
    const key = callerKey(call.info);
    if (key === undefined) {
      this.anonymous.set(call, colour);
      this.colours.set(new Map(this.colours.get()));
      return;
    }
    const next = new Map(this.colours.get());
    next.delete(key);
    if (colour !== 'none') next.set(key, colour);
    for (const old of [...next.keys()].slice(0, Math.max(0, next.size - MAX_COLOURS))) next.delete(old);
    this.storage.setItem(COLOURS_KEY, JSON.stringify([...next]));
    this.colours.set(next);
  }
}

/** Who the caller is, for remembering: their address, else their number. */
function callerKey(info: CallInfo): string | undefined {
  return info.remote.uri || info.remote.number || undefined;
}

function readColours(storage: PreferenceStorage): Colours {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(COLOURS_KEY) ?? '[]');
    const colours = new Map<string, CallBoxColour>();
    if (!Array.isArray(parsed)) return colours;
    for (const entry of parsed as unknown[]) {
      if (!Array.isArray(entry)) continue;
      const [key, value] = entry as unknown[];
      if (typeof key === 'string' && isCallBoxColour(value)) colours.set(key, value);
    }
    return colours;
  } catch {
    return new Map();
  }
}
