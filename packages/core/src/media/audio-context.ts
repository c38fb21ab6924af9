/**
 * One AudioContext for the whole page: tones, meters and mixing all share it
 * (browsers limit how many a page may open, and each costs a thread).
 */
let shared: AudioContext | undefined;

export function sharedAudioContext(): AudioContext {
  if (!shared || shared.state === 'closed') shared = new AudioContext();
  if (shared.state === 'suspended') void shared.resume().catch(() => undefined);
  return shared;
}

/** How many AudioContexts this module has created and kept (0 or 1). */
export function audioContextCount(): number {
  return shared && shared.state !== 'closed' ? 1 : 0;
}
