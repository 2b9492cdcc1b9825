// The workload blob: exact round trips, URL-safe characters, and damage (truncation, a changed
// character, foreign characters) that is reported instead of silently changing the workload.

import fc from 'fast-check';
import LZString from 'lz-string';
import { describe, expect, it } from 'vitest';
import { checksum, packBlob, unpackBlob, type BlobParam } from './blob.ts';

const SAMPLE: BlobParam[] = [
  { key: 'sz', value: '1:60,2:10,4:10,8:8,16:6,32:3,64:3' },
  { key: 'lat', value: 'uni:120:60' },
  { key: 'iv', value: 'pause@100+30:1-63;mode@150:strict;mig@20:0>5' },
];

describe('workload blob', () => {
  it('round-trips any keys and values, including & = % and non-ASCII, in unreserved URL characters only', () => {
    const paramArb = fc.record({ key: fc.string({ minLength: 1, maxLength: 8 }), value: fc.string({ maxLength: 60, unit: 'grapheme' }) });
    fc.assert(
      fc.property(fc.array(paramArb, { maxLength: 5 }), (params) => {
        const blob = packBlob(params);
        expect(blob).toMatch(/^[A-Za-z0-9_~-]+$/);
        expect(unpackBlob(blob)).toEqual({ ok: true, params });
      }),
      { numRuns: 300 },
    );
  });

  it('every truncation is reported or reads the same content, never a different workload', () => {
    const blob = packBlob(SAMPLE);
    let reported = 0;
    for (let n = 0; n < blob.length; n++) {
      const u = unpackBlob(blob.slice(0, n));
      if (u.ok) expect(u.params, `prefix ${n}`).toEqual(SAMPLE);
      else {
        reported++;
        expect(u.error).toMatch(/empty|truncated|garbled/);
      }
    }
    // Only the last character or two can go unnoticed (they hold padding bits).
    expect(reported).toBeGreaterThanOrEqual(blob.length - 2);
  });

  it('every one-character change is reported or reads the same content', () => {
    const blob = packBlob(SAMPLE);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_~-';
    let reported = 0;
    let tried = 0;
    for (let i = 0; i < blob.length; i++) {
      for (const c of [alphabet[(alphabet.indexOf(blob[i]) + 1) % 65], alphabet[(alphabet.indexOf(blob[i]) + 29) % 65]]) {
        tried++;
        const u = unpackBlob(blob.slice(0, i) + c + blob.slice(i + 1));
        if (u.ok) expect(u.params, `${i}:${c}`).toEqual(SAMPLE);
        else reported++;
      }
    }
    expect(reported).toBeGreaterThan(tried * 0.9);
  });

  it('reads lz-string\'s own alphabet too (+ and $, and + that arrived as a space)', () => {
    const text = 'sz=1:1';
    const raw = LZString.compressToEncodedURIComponent(`${checksum(text)}|${text}`);
    expect(unpackBlob(raw)).toEqual({ ok: true, params: [{ key: 'sz', value: '1:1' }] });
    expect(unpackBlob(raw.replace(/\+/g, ' '))).toEqual({ ok: true, params: [{ key: 'sz', value: '1:1' }] });
  });

  it('specific messages: empty, foreign characters, no checksum, too large', () => {
    expect(unpackBlob('')).toEqual({ ok: false, error: 'the workload blob is empty' });
    expect(unpackBlob('abc<script>')).toEqual({ ok: false, error: expect.stringMatching(/characters a blob never has \("<" ">"\)/) });
    const noSum = LZString.compressToEncodedURIComponent('sz=1:1');
    expect(unpackBlob(noSum)).toEqual({ ok: false, error: expect.stringMatching(/checksum does not match/) });
    const big = 'x'.repeat(30_000);
    const bomb = LZString.compressToEncodedURIComponent(`${checksum(big)}|${big}`);
    expect(bomb.length).toBeLessThan(400);
    expect(unpackBlob(bomb)).toEqual({ ok: false, error: 'the workload blob expands to 30006 characters; at most 20000 are read' });
  });
});
