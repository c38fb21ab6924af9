/**
 * @cx/core/testing: a simulated contact center for hermetic tests, the demo
 * and integrators' own tests. A SIP switch that lives in the page (on msw's
 * WebSocket interception) and customers that are real SIP user agents whose
 * voice is a tone.
 */
export {
  interceptWebSockets,
  startSimulatedContactCenter,
  type SimulatedContactCenter,
  type SimulatedContactCenterOptions,
} from './simulated-contact-center.js';
export { createSipSwitch, type SipSwitch, type SipSwitchOptions, type SipRegistration, type SipSwitchMessage } from './sip-switch.js';
export { SimulatedCustomer, waitForCall, type SimulatedCustomerOptions } from './simulated-customer.js';
export { probeSpeaker, type SpeakerProbe } from './customer-controls.js';
export { closeTab } from './close-tab.js';
export { simulateCallQuality, type SimulatedConditions } from '../quality/simulated-quality.js';
export { createToneMicrophone, createToneStream, type ToneMicrophone, type ToneStream } from '../media/tone.js';
export { FrequencyMeter } from '../media/frequency-meter.js';
export {
  createSimulatedPlatform,
  type SimulatedPlatform,
  type SimulatedPlatformOptions,
  type SimulatedDispatch,
  type SimulatedFailure,
  type SimulatedRequest,
  type PoolPlacement,
  type MissedCallPlacement,
  type VoicemailPlacement,
} from './platform/simulated-platform.js';
export { startSimulatedPlatform, type StartedSimulatedPlatform } from './platform/start-simulated-platform.js';
export {
  defaultSeed,
  toneWav,
  type SimulatedPlatformSeed,
  type SimulatedPlatformModel,
  type SimulatedUser,
  type SimulatedQueue,
  type SimulatedForm,
  type SimulatedInteraction,
  type SimulatedMissedCall,
  type SimulatedVoicemail,
  type SimulatedWrapUp,
  type SimulatedNotification,
} from './platform/simulated-platform-model.js';
