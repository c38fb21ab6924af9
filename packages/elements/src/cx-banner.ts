/**
 * The script-tag build: `<script src="cx-banner.js">` defines every element
 * (loading @cx/elements does) and exposes the public API of @cx/core and
 * @cx/elements as `window.CX`.
 */
export * from '@cx/core';
export * from './index.js';
