import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formatClock, formatDuration, isoDuration } from './format-duration.js';

describe('formatClock', () => {
  test('minutes and seconds, then hours', () => {
    assert.equal(formatClock(0), '0:00');
    assert.equal(formatClock(7.9), '0:07');
    assert.equal(formatClock(754), '12:34');
    assert.equal(formatClock(3723), '1:02:03');
  });

  test('never negative', () => {
    assert.equal(formatClock(-5), '0:00');
  });
});

describe('formatDuration', () => {
  test('in words', () => {
    assert.equal(formatDuration(45), '45 s');
    assert.equal(formatDuration(60), '1 min');
    assert.equal(formatDuration(125), '2 min 5 s');
    assert.equal(formatDuration(3600), '1 h');
    assert.equal(formatDuration(3780), '1 h 3 min');
  });
});

describe('isoDuration', () => {
  test('whole seconds', () => {
    assert.equal(isoDuration(65.4), 'PT65S');
  });
});
