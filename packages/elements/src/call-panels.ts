// The call panels, <cx-active-call> and <cx-call-box>: only needed once there
// is a call, so they load together (a chunk of their own in the script-tag
// build) when one rings or is placed, and beforehand once the phone is
// registered, so that Accept never waits for them (lazy-panels.ts).
export { CxActiveCall, type ActiveCallTab } from './active-call/active-call.js';
export { CxCallBox } from './call-box/call-box.js';
