import { describe, expect, it } from 'vitest';
import { formatPayload } from './transaction-payload';

describe('formatPayload', () => {
  it('pretty-prints JSON objects and arrays', () => {
    expect(formatPayload('{"amount":"250.00","to":{"iban":"DE89"}}')).toEqual({ kind: 'json', text: '{\n  "amount": "250.00",\n  "to": {\n    "iban": "DE89"\n  }\n}' });
    expect(formatPayload(' [1,2] ')).toEqual({ kind: 'json', text: '[\n  1,\n  2\n]' });
  });

  it('keeps anything else as the exact text, markup included', () => {
    for (const text of ['Pay 10 EUR to Bob', '{not json', '<img src=x onerror=alert(1)>', '42', '"quoted"', 'UxaynsCYdykyHKaA0G7IeWaBG6DGJoGFN8mbJgvRo']) {
      expect(formatPayload(text)).toEqual({ kind: 'text', text });
    }
  });
});
