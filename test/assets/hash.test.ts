import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { contentAddressedKey, sha256Hex } from '../../src/assets/hash.js';

const EMPTY = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

describe('hash helpers', () => {
  it('sha256Hex: lower-case hex of bytes, strings as UTF-8', () => {
    assert.equal(sha256Hex(Buffer.alloc(0)), EMPTY);
    assert.equal(sha256Hex(''), EMPTY);
    assert.equal(sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    assert.equal(sha256Hex('\u00fc'), sha256Hex(Buffer.from([0xc3, 0xbc])));
  });

  const keys: [string, string][] = [
    ['s3://bucket/prefix', `s3://bucket/prefix/assets/${EMPTY}/sourcedir.tar.gz`],
    ['s3://bucket/prefix/', `s3://bucket/prefix/assets/${EMPTY}/sourcedir.tar.gz`],
    ['llama3-dpo', `llama3-dpo/assets/${EMPTY}/sourcedir.tar.gz`],
  ];
  for (const [prefix, expected] of keys) {
    it(`contentAddressedKey(${JSON.stringify(prefix)})`, () => {
      assert.equal(contentAddressedKey(prefix, EMPTY, 'sourcedir.tar.gz'), expected);
    });
  }

  it('contentAddressedKey rejects a malformed digest or a name with a slash', () => {
    assert.throws(() => contentAddressedKey('p', EMPTY.toUpperCase(), 'x'), /sha256/);
    assert.throws(() => contentAddressedKey('p', 'abc', 'x'), /sha256/);
    assert.throws(() => contentAddressedKey('p', EMPTY, 'a/b'), /plain file name/);
  });
});
