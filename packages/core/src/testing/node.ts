/**
 * @cx/core/testing/node: the simulated platform served over HTTP, for Node
 * tests and the contract check (`servePlatform`). Node only.
 */
export { servePlatform } from './platform/serve-platform.js';
