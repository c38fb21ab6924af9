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
export { createToneMicrophone, createToneStream, type ToneMicrophone, type ToneStream } from '../media/tone.js';
export { FrequencyMeter } from '../media/frequency-meter.js';
