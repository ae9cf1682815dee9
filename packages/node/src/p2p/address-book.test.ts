import { describe, expect, it } from 'vitest';
import { AddressBook, AddressBookLimits } from './address-book.js';

const T0 = 1_000_000;
const url = (i: number) => `ws://127.0.0.1:${10_000 + i}`;
const all = (book: AddressBook) => book.candidates(() => false);

describe('AddressBook', () => {
  it('learns an address once, and lists it for dialling', () => {
    const book = new AddressBook();
    expect(book.learn(url(1), 'src', T0)).toBe(true);
    expect(book.learn(url(1), 'other', T0)).toBe(false);
    expect(all(book)).toEqual([url(1)]);
    expect(book.candidates((u) => u === url(1))).toEqual([]);
  });

  it('drops an address after MAX_FAILURES failed dials in a row, and ignores it for FORGET_MS', () => {
    const book = new AddressBook();
    book.learn(url(1), 'src', T0);
    for (let i = 1; i < AddressBookLimits.MAX_FAILURES; i++) expect(book.failed(url(1), T0)).toBe(false);
    expect(book.failed(url(1), T0)).toBe(true);
    expect(book.has(url(1))).toBe(false);
    expect(book.learn(url(1), 'src', T0 + AddressBookLimits.FORGET_MS - 1)).toBe(false);
    expect(book.learn(url(1), 'src', T0 + AddressBookLimits.FORGET_MS)).toBe(true);
  });

  it('resets the failure count when a dial succeeds', () => {
    const book = new AddressBook();
    book.learn(url(1), 'src', T0);
    for (let i = 1; i < AddressBookLimits.MAX_FAILURES; i++) book.failed(url(1), T0);
    book.succeeded(url(1), 'k', false, T0);
    for (let i = 1; i < AddressBookLimits.MAX_FAILURES; i++) expect(book.failed(url(1), T0)).toBe(false);
    expect(book.has(url(1))).toBe(true);
  });

  it('never drops an address proven to be a genesis validator, and dials it first', () => {
    const book = new AddressBook();
    book.learn(url(1), 'src', T0);
    book.learn(url(2), 'src', T0);
    book.succeeded(url(2), 'validator-key', true, T0);
    expect(book.isPinned(url(2))).toBe(true);
    expect(all(book)).toEqual([url(2), url(1)]);
    for (let i = 0; i < 10 * AddressBookLimits.MAX_FAILURES; i++) expect(book.failed(url(2), T0)).toBe(false);
    expect(all(book)[0]).toBe(url(2));
  });

  it('keeps one pinned address per validator: a validator that moved loses its old address', () => {
    const book = new AddressBook();
    book.learn(url(1), 'src', T0);
    book.learn(url(2), 'src', T0);
    book.succeeded(url(1), 'v', true, T0);
    expect(book.succeeded(url(2), 'v', true, T0)).toEqual([url(1)]);
    expect(all(book)).toEqual([url(2)]);
  });

  it('ranks learned addresses by failures, oldest first among equals', () => {
    const book = new AddressBook();
    for (let i = 1; i <= 3; i++) book.learn(url(i), 'src', T0);
    book.failed(url(1), T0);
    expect(all(book)).toEqual([url(2), url(3), url(1)]);
  });

  it('holds at most MAX_PER_SOURCE addresses from one sender', () => {
    const book = new AddressBook();
    for (let i = 0; i < 2 * AddressBookLimits.MAX_PER_SOURCE; i++) book.learn(url(i), 'outsider', T0);
    expect(book.size).toBe(AddressBookLimits.MAX_PER_SOURCE);
    expect(book.learn(url(9999), 'honest', T0)).toBe(true);
  });

  it('holds at most MAX_ENTRIES, making room only by evicting an address that failed', () => {
    const book = new AddressBook();
    const sources = Math.ceil(AddressBookLimits.MAX_ENTRIES / AddressBookLimits.MAX_PER_SOURCE);
    let n = 0;
    for (let s = 0; s < sources; s++) {
      for (let i = 0; i < AddressBookLimits.MAX_PER_SOURCE && n < AddressBookLimits.MAX_ENTRIES; i++) {
        book.learn(url(n++), `s${s}`, T0);
      }
    }
    expect(book.size).toBe(AddressBookLimits.MAX_ENTRIES);
    expect(book.learn(url(n), 'late', T0)).toBe(false);
    book.failed(url(7), T0);
    expect(book.learn(url(n), 'late', T0)).toBe(true);
    expect(book.has(url(7))).toBe(false);
    expect(book.size).toBe(AddressBookLimits.MAX_ENTRIES);
  });
});
