/** The public API of the script-tag build: everything of @cx/core and @cx/elements. */
export * from '@cx/core';
export * from './index.js';
