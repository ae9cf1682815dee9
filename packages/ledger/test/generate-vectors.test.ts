/**
 * Writes test/vectors/ (with UPDATE_VECTORS=1) or checks that the committed files are exactly
 * what this generator produces. Expected values come from outside the modules under test: the
 * RFCs' published values (asserted here as facts), naive references written from the RFCs
 * (test/reference/), and node:crypto or @noble point arithmetic called directly.
 */
import { createHash, createPrivateKey, createPublicKey, sign as nodeSign } from 'node:crypto';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ed25519 } from '@noble/curves/ed25519.js';
import { bytesToNumberLE, numberToBytesLE } from '@noble/curves/utils.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { describe, expect, it } from 'vitest';
import type { Receipt } from '../src/receipt.js';
import { testGenesis, testGenesisDoc, testReceipt } from '../src/testing.js';
import { hex, listVectors, unhex, VECTORS_DIR } from './load-vectors.js';

import { refEncodeHeader, refSha256d } from './reference/header.js';
import { refCanonical } from './reference/jcs.js';
import { refLeafHash, refPath, refRoot, refVerify } from './reference/merkle.js';
import type {
  CommitmentFile,
  Ed25519Case,
  Ed25519File,
  HeaderFields,
  HeaderFile,
  InclusionCase,
  InclusionFile,
  JcsFile,
  JcsInvalidFile,
  JcsNumbersFile,
  MerkleRootsFile,
  RecordAnchorCase,
  RecordAnchorFile,
  TxFile,
} from './vector-types.js';

const sha256 = (...parts: Uint8Array[]): Uint8Array => {
  const h = createHash('sha256');
  for (const p of parts) h.update(p);
  return new Uint8Array(h.digest());
};
const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

// ---------------------------------------------------------------------------------------------
// JCS

/** RFC 8785 Appendix B: IEEE-754 bit patterns and their serialization (null: must be refused). */
const RFC8785_NUMBERS: [string, string | null][] = [
  ['0000000000000000', '0'],
  ['8000000000000000', '0'],
  ['0000000000000001', '5e-324'],
  ['8000000000000001', '-5e-324'],
  ['7fefffffffffffff', '1.7976931348623157e+308'],
  ['ffefffffffffffff', '-1.7976931348623157e+308'],
  ['4340000000000000', '9007199254740992'],
  ['c340000000000000', '-9007199254740992'],
  ['4430000000000000', '295147905179352830000'],
  ['7fffffffffffffff', null],
  ['7ff0000000000000', null],
  ['44b52d02c7e14af5', '9.999999999999997e+22'],
  ['44b52d02c7e14af6', '1e+23'],
  ['44b52d02c7e14af7', '1.0000000000000001e+23'],
  ['444b1ae4d6e2ef4e', '999999999999999700000'],
  ['444b1ae4d6e2ef4f', '999999999999999900000'],
  ['444b1ae4d6e2ef50', '1e+21'],
  ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
  ['3eb0c6f7a0b5ed8d', '0.000001'],
  ['41b3de4355555553', '333333333.3333332'],
  ['41b3de4355555554', '333333333.33333325'],
  ['41b3de4355555555', '333333333.3333333'],
  ['41b3de4355555556', '333333333.3333334'],
  ['41b3de4355555557', '333333333.33333343'],
  ['becbf647612f3696', '-0.0000033333333333333333'],
  ['43143ff3c1cb0959', '1424953923781206.2'],
];

export const ieeeToNumber = (bits: string): number => Buffer.from(bits, 'hex').readDoubleBE(0);

/** RFC 8785 §3.2.3 (sorting) and §3.2.4 (the complete example): input text and published output. */
const RFC8785_EXAMPLES: { name: string; input: string; output: string }[] = [
  {
    name: 'rfc8785-3.2.3-sorting',
    input:
      '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\ufb33":"Hebrew Letter Dalet With Dagesh","1":"One",' +
      '"\\ud83d\\ude00":"Emoji: Grinning Face","\\u0080":"Control","\\u00f6":"Latin Small Letter O With Diaeresis"}',
    output:
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
      '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
  },
  {
    name: 'rfc8785-3.2.4-example',
    input:
      '{\n  "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n' +
      '  "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/",\n  "literals": [null, true, false]\n}',
    output:
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],' +
      '"string":"\u20ac$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
  },
];

/** Our own cases, after the groups of cyberphone/json-canonicalization's testdata. */
const JCS_GROUPS: Record<string, { desc: string; inputs: [string, string][] }> = {
  arrays: {
    desc: 'arrays keep their order; objects inside them are sorted; whitespace goes',
    inputs: [
      ['empty', '[ ]'],
      ['nested-empty', '[ [ ], [ [ ] ], { } ]'],
      ['mixed', '[56, {"d": true, "10": null, "1": [ ]}]'],
      ['scalars', '[ 1 , "a" , null , true , false , -0 , 1.0 ]'],
      ['objects-not-reordered', '[{"b":1},{"a":2}]'],
    ],
  },
  french: {
    desc: 'accented keys sort by UTF-16 code unit, not by any locale (é U+00E9 before ê U+00EA)',
    inputs: [
      [
        'accents',
        '{"pêche":"non","péché":"oui","peach":"no","sin":"ignore locale","prénom":"Élodie","Zoé":"Z before a-z"}',
      ],
      [
        'medical-record',
        '{"médecin":"Dr Lefèvre","diagnostic":"Hypertension artérielle","traitement":"Périndopril 5 mg",' +
          '"remarques":"Contrôle à 3 mois — tension à surveiller"}',
      ],
    ],
  },
  structures: {
    desc: 'nested objects are sorted at every level; keys compare as strings ("10" before "2")',
    inputs: [
      ['numeric-like-keys', '{"2":"two","10":"ten","1":"one","":"empty","01":"zero one"}'],
      [
        'deep',
        '{"1":{"f":{"f":"hi","F":5},"\\n":56.0},"10":{},"":"empty","a":{},"111":[{"e":"yes","E":"no"}],"A":{}}',
      ],
      ['case', '{"b":1,"B":2,"a":3,"A":4,"_":5}'],
    ],
  },
  unicode: {
    desc: 'no Unicode normalization; non-ASCII is written as UTF-8, never escaped; surrogate pairs sort as code units',
    inputs: [
      ['unnormalized', '{"Unnormalized Unicode":"A\\u030a","normalized":"\\u00c5"}'],
      ['astral', '{"\\ud83d\\ude00":"emoji","\\uffff":"last BMP","\\ue000":"private use"}'],
      ['line-separators', '["\\u2028","\\u2029","\\u007f","\\u0085"]'],
      ['scripts', '{"中文":"病历","العربية":"سجل طبي","ελληνικά":"ιατρικό αρχείο","русский":"медкарта"}'],
    ],
  },
  values: {
    desc: 'literals, number forms and string escapes',
    inputs: [
      ['literals', '{"t":true,"f":false,"n":null}'],
      ['integers', '[0, -0, 1, -1, 9007199254740991, -9007199254740991, 9007199254740993]'],
      ['exponents', '[1E21, 1e20, 1e-6, 1e-7, 1E+2, 123e-2, 0.1, 100, 2.5e-3]'],
      ['number-examples', '[333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001]'],
      ['controls', '"\\u0000\\u0001\\u0008\\u0009\\u000a\\u000b\\u000c\\u000d\\u001f\\u0020"'],
      ['escapes', '"quote \\" backslash \\\\ slash \\/ tab \\t"'],
    ],
  },
  weird: {
    desc: 'keys chosen to break naive sorts and escapers',
    inputs: [
      [
        'keys',
        '{"\\u20ac":"Euro Sign","\\r":"Carriage Return","\\u000a":"Newline","1":"One","</script>":"Browser Challenge",' +
          '"\\u0080":"Control\\u007f","\\u00f6":"Latin Small Letter O With Diaeresis","\\ud83d\\ude02":"Smiley",' +
          '"\\ufb33":"Hebrew Letter Dalet With Dagesh"}',
      ],
      ['duplicate-free-prefixes', '{"a":1,"ab":2,"a\\u0000":3,"":4}'],
    ],
  },
};

const JCS_INVALID: { name: string; input: string }[] = [
  { name: 'lone-high-surrogate', input: '"\\ud800"' },
  { name: 'lone-low-surrogate', input: '"\\udc00"' },
  { name: 'lone-surrogate-in-key', input: '{"\\ud83d":1}' },
  { name: 'reversed-surrogate-pair', input: '["\\ude00\\ud83d"]' },
];

function jcsVectors(files: Map<string, unknown>, txBodies: Record<string, unknown>): void {
  for (const [group, { desc, inputs }] of Object.entries(JCS_GROUPS)) {
    const file: JcsFile = {
      source: 'ChartProof, after the input groups of cyberphone/json-canonicalization testdata (RFC 8785)',
      desc: `${desc}; output from test/reference/jcs.ts, written from RFC 8785`,
      cases: inputs.map(([name, input]) => ({ name, input, output: refCanonical(JSON.parse(input)) })),
    };
    files.set(`jcs/${group}.json`, file);
  }
  for (const ex of RFC8785_EXAMPLES) {
    // The reference must reproduce the RFC's own published output.
    if (refCanonical(JSON.parse(ex.input)) !== ex.output)
      throw new Error(`reference disagrees with ${ex.name}`);
  }
  files.set('jcs/rfc8785-examples.json', {
    source: 'RFC 8785 §3.2.3 (sorting of properties) and §3.2.4 (complete example), published output',
    desc: 'input is JSON text; output is the exact canonical form the RFC prints',
    cases: RFC8785_EXAMPLES,
  } satisfies JcsFile);
  for (const [bits, output] of RFC8785_NUMBERS) {
    const n = ieeeToNumber(bits);
    const got = Number.isFinite(n) ? refCanonical(n) : null;
    if (got !== output) throw new Error(`RFC 8785 Appendix B ${bits}: reference gives ${got}, RFC ${output}`);
  }
  files.set('jcs/rfc8785-numbers.json', {
    source: 'RFC 8785 Appendix B, number serialization samples (IEEE-754 hex → JSON text)',
    desc: 'output null: NaN or Infinity, which canonicalization must refuse',
    cases: RFC8785_NUMBERS.map(([ieee, output]) => ({ ieee, output })),
  } satisfies JcsNumbersFile);
  files.set('jcs/invalid.json', {
    source: 'ChartProof; RFC 8785 §3.2.2.2 (strings must be valid Unicode: no lone surrogates)',
    desc: 'JSON text that parses in JavaScript but has no canonical form',
    cases: JCS_INVALID.map((c) => ({ ...c, wantErr: 'BAD_ENCODING' })),
  } satisfies JcsInvalidFile);
  files.set('jcs/tx-bodies.json', {
    source: 'ChartProof transaction bodies (design.md, Ledger rules), keys deliberately out of order',
    desc: 'output from test/reference/jcs.ts',
    cases: Object.entries(txBodies).map(([name, body]) => {
      const keys = Object.keys(body as object).reverse();
      const input = JSON.stringify(body, keys);
      return { name, input, output: refCanonical(body) };
    }),
  } satisfies JcsFile);
}

// ---------------------------------------------------------------------------------------------
// Merkle

/** The leaf inputs of certificate-transparency's and transparency-dev's RFC 6962 test trees, plus one. */
const MERKLE_LEAVES = [
  '',
  '00',
  '10',
  '2021',
  '3031',
  '40414243',
  '5051525354555657',
  '606162636465666768696a6b6c6d6e6f',
  '63686172747072616f6f66', // ours: "chartproof"
];

function flipBit(b: Uint8Array, bit: number): Uint8Array {
  const out = Uint8Array.from(b); // never b.slice(): on a Buffer that is a view
  out[bit >> 3]! ^= 1 << (bit & 7);
  return out;
}

function merkleVectors(files: Map<string, unknown>): void {
  const leaves = MERKLE_LEAVES.map(unhex);
  const roots: string[] = [];
  for (let n = 0; n <= leaves.length; n++) roots.push(hex(refRoot(leaves.slice(0, n))));
  files.set('merkle/roots.json', {
    source:
      'leaves 0..7: the RFC 6962 test tree of certificate-transparency / transparency-dev testonly; leaf 8: ChartProof',
    desc: 'roots[n] = MTH of the first n leaves (RFC 6962 §2.1), from test/reference/merkle.ts; roots[0] is SHA-256("")',
    leaves: MERKLE_LEAVES,
    leafHashes: leaves.map((l) => hex(refLeafHash(l))),
    roots,
  } satisfies MerkleRootsFile);

  for (let size = 1; size <= leaves.length; size++) {
    const tree = leaves.slice(0, size);
    const root = refRoot(tree);
    for (let index = 0; index < size; index++) {
      const leafHash = refLeafHash(tree[index]!);
      const proof = refPath(index, tree);
      const base = { leafHash, leafIndex: index, treeSize: size, proof, root };
      type Draft = { name: string; desc: string } & Partial<typeof base>;
      const drafts: Draft[] = [
        { name: 'happy-path', desc: 'the audit path of RFC 6962 §2.1.1' },
        { name: 'wrong-leaf', desc: 'leaf hash of other data', leafHash: refLeafHash(utf8('not a leaf')) },
        {
          name: 'leaf-as-node',
          desc: 'the leaf data hashed without the 0x00 prefix',
          leafHash: sha256(tree[index]!),
        },
        { name: 'wrong-root', desc: 'root with bit 0 flipped', root: flipBit(root, 0) },
        { name: 'empty-root', desc: 'the empty tree root', root: sha256() },
        { name: 'leafIdx-plus-1', desc: 'index one too high', leafIndex: index + 1 },
        { name: 'leafIdx-minus-1', desc: 'index one too low', leafIndex: index - 1 },
        { name: 'leafIdx-plus-size', desc: 'index + tree size', leafIndex: index + size },
        { name: 'size-plus-1', desc: 'tree size one too high', treeSize: size + 1 },
        { name: 'size-minus-1', desc: 'tree size one too low', treeSize: size - 1 },
        { name: 'size-zero', desc: 'tree size 0', treeSize: 0 },
        { name: 'size-plus-2^32', desc: 'tree size beyond 2^32-1', treeSize: size + 2 ** 32 },
        {
          name: 'extra-hash',
          desc: 'a hash appended to the proof',
          proof: [...proof, sha256(utf8('extra'))],
        },
        {
          name: 'extra-leading-hash',
          desc: 'a hash prepended to the proof',
          proof: [sha256(utf8('x')), ...proof],
        },
        { name: 'truncated-proof', desc: 'last proof hash dropped', proof: proof.slice(0, -1) },
        { name: 'proof-without-first', desc: 'first proof hash dropped', proof: proof.slice(1) },
        { name: 'reversed-proof', desc: 'proof hashes in reverse order', proof: [...proof].reverse() },
        { name: 'root-as-proof', desc: 'proof is [root]', proof: [root] },
      ];
      for (let i = 0; i < proof.length; i++) {
        const bit = (i * 37 + 5) % 256;
        drafts.push({
          name: `modified-proof[${i}]-bit-@${bit}`,
          desc: `bit ${bit} of proof[${i}] flipped`,
          proof: proof.map((p, j) => (j === i ? flipBit(p, bit) : p)),
        });
        drafts.push({
          name: `proof[${i}]-33-bytes`,
          desc: `proof[${i}] with a trailing byte`,
          proof: proof.map((p, j) => (j === i ? Uint8Array.of(...p, 0) : p)),
        });
        drafts.push({
          name: `proof[${i}]-31-bytes`,
          desc: `proof[${i}] with its last byte cut`,
          proof: proof.map((p, j) => (j === i ? p.slice(0, 31) : p)),
        });
      }
      const cases: InclusionCase[] = [];
      for (const d of drafts) {
        const c = { ...base, ...d };
        if (
          d.name !== 'happy-path' &&
          d.treeSize === undefined &&
          d.leafIndex === undefined &&
          !d.proof &&
          !d.leafHash &&
          !d.root
        )
          continue;
        if (d.name === 'leafIdx-minus-1' && index === 0) continue;
        if (d.name === 'size-minus-1' && size === 1) continue;
        if (d.name === 'reversed-proof' && proof.length < 2) continue;
        if (d.name === 'truncated-proof' && proof.length === 0) continue;
        if (d.name === 'proof-without-first' && proof.length === 0) continue;
        const wantErr = refVerify(c.leafHash, c.leafIndex, c.treeSize, c.proof, c.root);
        // A change the RFC's own recursion accepts is no failing sibling (e.g. size+1 for the
        // leftmost leaf of some trees, whose path folds identically): leave it out.
        if (d.name !== 'happy-path' && wantErr === null) continue;
        if (d.name === 'happy-path' && wantErr !== null) throw new Error('reference rejects its own path');
        cases.push({
          name: c.name,
          desc: c.desc,
          leafHash: hex(c.leafHash),
          leafIndex: c.leafIndex,
          treeSize: c.treeSize,
          proof: c.proof.map(hex),
          root: hex(c.root),
          wantErr,
        });
      }
      files.set(`merkle/inclusion/${size}/${index}.json`, {
        source:
          'ChartProof, after transparency-dev/merkle testdata/inclusion (happy path and named mutations)',
        desc: `leaf ${index} of the ${size}-leaf tree over merkle/roots.json leaves; paths and wantErr from test/reference/merkle.ts (RFC 6962 §2.1.1 PATH)`,
        cases,
      } satisfies InclusionFile);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Headers

function headerVectors(files: Map<string, unknown>, genesisHeader: HeaderFields): void {
  const minerKey = seedKey('validator-0').publicKey;
  const headers: { name: string; header: HeaderFields }[] = [
    { name: 'test-genesis', header: genesisHeader },
    {
      name: 'block-1',
      header: {
        version: 1,
        height: 1,
        prevHash: hex(refSha256d(refEncodeHeader(genesisHeader))),
        merkleRoot: hex(refRoot([utf8('a transaction')])),
        timestamp: 1_700_000_001_000,
        bits: 0x207fffff,
        nonce: 1,
        miner: minerKey,
      },
    },
    {
      name: 'max-fields',
      header: {
        version: 0xffff_ffff,
        height: 0xffff_ffff,
        prevHash: 'ff'.repeat(32),
        merkleRoot: 'ee'.repeat(32),
        timestamp: Number.MAX_SAFE_INTEGER,
        bits: 0x1d00ffff,
        nonce: Number.MAX_SAFE_INTEGER,
        miner: minerKey,
      },
    },
    {
      name: 'nonce-above-2^32',
      header: {
        version: 1,
        height: 123_456,
        prevHash: hex(sha256(utf8('prev'))),
        merkleRoot: hex(sha256()),
        timestamp: 1_762_258_654_969,
        bits: 0x1f00ffff,
        nonce: 2 ** 32 + 0x1234,
        miner: seedKey('validator-2').publicKey,
      },
    },
  ];
  const valid = refEncodeHeader(headers[1]!.header);
  const withU64 = (offset: number, hi: number) => {
    const b = Uint8Array.from(valid);
    new DataView(b.buffer).setUint32(offset, hi);
    return b;
  };
  files.set('header/headers.json', {
    source: 'ChartProof header layout (design.md; header.ts): 124 bytes, big-endian',
    desc: 'encodings from test/reference/header.ts (DataView), hash = SHA-256d via node:crypto, as hex',
    cases: headers.map(({ name, header }) => {
      const encoding = refEncodeHeader(header);
      return { name, header, encoding: hex(encoding), hash: hex(refSha256d(encoding)) };
    }),
    invalid: [
      { name: 'truncated', desc: '123 bytes', encoding: hex(valid.slice(0, 123)), wantErr: 'BAD_ENCODING' },
      {
        name: 'trailing-byte',
        desc: '125 bytes',
        encoding: hex(Uint8Array.of(...valid, 0)),
        wantErr: 'BAD_ENCODING',
      },
      { name: 'empty', desc: '0 bytes', encoding: '', wantErr: 'BAD_ENCODING' },
      {
        name: 'timestamp-above-2^53',
        desc: 'timestamp high word 0x00200000: the value exceeds 2^53-1',
        encoding: hex(withU64(72, 0x0020_0000)),
        wantErr: 'BAD_ENCODING',
      },
      {
        name: 'nonce-above-2^53',
        desc: 'nonce high word 0xffffffff',
        encoding: hex(withU64(84, 0xffff_ffff)),
        wantErr: 'BAD_ENCODING',
      },
    ],
  } satisfies HeaderFile);
}

// ---------------------------------------------------------------------------------------------
// Keys and transactions

const PKCS8 = Buffer.from('302e020100300506032b657004220420', 'hex');

/** testKey(name)'s seed and key, derived here with node:crypto alone. */
function seedKey(name: string): { seed: string; publicKey: string } {
  const seed = sha256(utf8(`chartproof test key: ${name}`));
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8, seed]), format: 'der', type: 'pkcs8' });
  const spki = createPublicKey(priv).export({ format: 'der', type: 'spki' });
  return { seed: hex(seed), publicKey: hex(spki.subarray(12)) };
}

function nodeSignRaw(seed: string, message: Uint8Array): string {
  const priv = createPrivateKey({ key: Buffer.concat([PKCS8, unhex(seed)]), format: 'der', type: 'pkcs8' });
  return hex(nodeSign(null, message, priv));
}

const id128 = (label: string) => hex(sha256(utf8(label)).subarray(0, 16));

function txVectors(
  files: Map<string, unknown>,
  genesisHash: string,
  maxTxBytes: number,
): Record<string, unknown> {
  const names = ['central-authority', 'hospital-a', 'patient-1', 'api-service', 'doctor-1'];
  const keys = Object.fromEntries(names.map((n) => [n, seedKey(n)]));
  const pk = (n: string) => keys[n]!.publicKey;
  const specs: { name: string; type: string; signer: string; body: Record<string, unknown> }[] = [
    {
      name: 'account.register',
      type: 'account.register',
      signer: 'central-authority',
      body: { account: pk('hospital-a'), role: 'health_authority', subject: id128('user:hospital-a') },
    },
    {
      name: 'record.anchor',
      type: 'record.anchor',
      signer: 'hospital-a',
      body: {
        record_id: id128('record:1'),
        patient: pk('patient-1'),
        creator: pk('doctor-1'),
        date: '2025-11-04T12:17:34.969Z',
        commitment: hex(sha256(utf8('commitment of record 1'))),
      },
    },
    {
      name: 'access.grant',
      type: 'access.grant',
      signer: 'patient-1',
      body: { record_id: id128('record:1'), grantee: pk('hospital-a'), request_id: id128('request:1') },
    },
    {
      name: 'access.revoke',
      type: 'access.revoke',
      signer: 'patient-1',
      body: { record_id: id128('record:1'), grantee: pk('hospital-a'), request_id: id128('request:1') },
    },
    {
      name: 'audit.checkpoint',
      type: 'audit.checkpoint',
      signer: 'api-service',
      body: { from: 1, to: 250, root: hex(refRoot([utf8('access 1'), utf8('access 2')])) },
    },
  ];
  const gh = unhex(genesisHash);
  const message = (type: string, signer: string, body: unknown) =>
    Buffer.concat([
      utf8(`chartproof/v1/tx/${type}`),
      Uint8Array.of(0),
      gh,
      utf8(refCanonical({ type, signer, body })),
    ]);
  const cases = specs.map((s) => {
    const msg = message(s.type, pk(s.signer), s.body);
    const tx = {
      type: s.type,
      signer: pk(s.signer),
      body: s.body,
      sig: nodeSignRaw(keys[s.signer]!.seed, msg),
    };
    const leafData = utf8(refCanonical(tx));
    return {
      name: s.name,
      signer: s.signer,
      tx,
      signingMessage: hex(msg),
      txId: hex(sha256(msg)),
      leafData: hex(leafData),
      leafHash: hex(refLeafHash(leafData)),
    };
  });
  const anchor = cases[1]!.tx;
  const grant = cases[2]!.tx;
  const withBody = (patch: Record<string, unknown>) => ({ ...anchor, body: { ...anchor.body, ...patch } });
  const invalid: TxFile['invalid'] = [
    {
      name: 'unknown-top-level-field',
      desc: 'an extra "memo"',
      json: { ...anchor, memo: 'x' },
      wantErr: 'TX_SCHEMA',
      field: '(root)',
    },
    {
      name: 'unknown-body-field',
      desc: 'an extra body field',
      json: withBody({ extra: 1 }),
      wantErr: 'TX_SCHEMA',
      field: 'body',
    },
    {
      name: 'unknown-type',
      desc: 'type record.delete',
      json: { ...anchor, type: 'record.delete' },
      wantErr: 'TX_SCHEMA',
      field: 'type',
    },
    {
      name: 'uppercase-signer',
      desc: 'signer in uppercase hex',
      json: { ...anchor, signer: anchor.signer.toUpperCase() },
      wantErr: 'TX_SCHEMA',
      field: 'signer',
    },
    {
      name: 'uppercase-sig',
      desc: 'sig in uppercase hex',
      json: { ...anchor, sig: anchor.sig.toUpperCase() },
      wantErr: 'TX_SCHEMA',
      field: 'sig',
    },
    {
      name: 'short-sig',
      desc: 'sig of 63 bytes',
      json: { ...anchor, sig: anchor.sig.slice(2) },
      wantErr: 'TX_SCHEMA',
      field: 'sig',
    },
    {
      name: 'uppercase-record-id',
      desc: 'record_id in uppercase hex',
      json: withBody({ record_id: (anchor.body.record_id as string).toUpperCase() }),
      wantErr: 'TX_SCHEMA',
      field: 'body.record_id',
    },
    {
      name: 'date-without-ms',
      desc: 'date without milliseconds',
      json: withBody({ date: '2025-11-04T12:17:34Z' }),
      wantErr: 'TX_SCHEMA',
      field: 'body.date',
    },
    {
      name: 'date-offset',
      desc: 'date with a +01:00 offset',
      json: withBody({ date: '2025-11-04T13:17:34.969+01:00' }),
      wantErr: 'TX_SCHEMA',
      field: 'body.date',
    },
    {
      name: 'date-feb-30',
      desc: 'February 30th',
      json: withBody({ date: '2025-02-30T12:00:00.000Z' }),
      wantErr: 'TX_SCHEMA',
      field: 'body.date',
    },
    {
      name: 'date-hour-24',
      desc: 'hour 24',
      json: withBody({ date: '2025-11-04T24:00:00.000Z' }),
      wantErr: 'TX_SCHEMA',
      field: 'body.date',
    },
    {
      name: 'date-number',
      desc: 'date as epoch ms',
      json: withBody({ date: 1_762_258_654_969 }),
      wantErr: 'TX_SCHEMA',
      field: 'body.date',
    },
    {
      name: 'missing-commitment',
      desc: 'no commitment',
      json: { ...anchor, body: { ...anchor.body, commitment: undefined } },
      wantErr: 'TX_SCHEMA',
      field: 'body.commitment',
    },
    {
      name: 'register-central-authority-role',
      desc: 'role central_authority cannot be registered',
      json: { ...cases[0]!.tx, body: { ...cases[0]!.tx.body, role: 'central_authority' } },
      wantErr: 'TX_SCHEMA',
      field: 'body.role',
    },
    {
      name: 'checkpoint-to-below-from',
      desc: 'to < from',
      json: { ...cases[4]!.tx, body: { ...cases[4]!.tx.body, from: 10, to: 9 } },
      wantErr: 'TX_SCHEMA',
      field: 'body.to',
    },
    {
      name: 'checkpoint-fractional',
      desc: 'from 1.5',
      json: { ...cases[4]!.tx, body: { ...cases[4]!.tx.body, from: 1.5 } },
      wantErr: 'TX_SCHEMA',
      field: 'body.from',
    },
    { name: 'not-an-object', desc: 'an array', json: [anchor], wantErr: 'TX_SCHEMA', field: '(root)' },
    {
      name: 'oversize',
      desc: `valid, but parsed with a limit 1 byte below its canonical size`,
      json: anchor,
      wantErr: 'TX_TOO_LARGE',
      field: null,
    },
  ];
  const otherGenesis = hex(sha256(utf8('another network')));
  const badSignatures: TxFile['badSignatures'] = [
    {
      name: 'other-genesis',
      desc: 'valid transaction checked against another genesis hash',
      tx: anchor,
      genesisHash: otherGenesis,
    },
    {
      name: 'grant-sig-on-revoke',
      desc: 'the access.grant signature on the same body as access.revoke',
      tx: { ...grant, type: 'access.revoke' },
      genesisHash,
    },
    {
      name: 'other-signer',
      desc: 'signer replaced by another key',
      tx: { ...anchor, signer: pk('doctor-1') },
      genesisHash,
    },
    {
      name: 'body-changed',
      desc: 'commitment changed after signing',
      tx: withBody({ commitment: hex(sha256(utf8('other'))) }),
      genesisHash,
    },
    {
      name: 'sig-of-other-tx',
      desc: 'the signature of the grant on the anchor',
      tx: { ...anchor, sig: grant.sig },
      genesisHash,
    },
    {
      name: 'raw-body-signature',
      desc: 'signature over JCS(body) alone, without tag and genesis',
      tx: { ...anchor, sig: nodeSignRaw(keys['hospital-a']!.seed, utf8(refCanonical(anchor))) },
      genesisHash,
    },
  ];
  files.set('tx/transactions.json', {
    source:
      'ChartProof transactions (design.md, Ledger rules) signed with testKey(name) seeds = SHA-256("chartproof test key: " + name)',
    desc:
      'signingMessage = "chartproof/v1/tx/<type>" ‖ 0x00 ‖ genesisHash ‖ JCS({type, signer, body}); sig by node:crypto Ed25519; ' +
      'txId = SHA-256(signingMessage); leafData = JCS(tx); leafHash = SHA-256(0x00 ‖ leafData). genesisHash is testGenesis().',
    genesisHash,
    maxTxBytes,
    keys,
    cases,
    invalid,
    badSignatures,
  } satisfies TxFile);
  return Object.fromEntries(specs.map((s) => [s.name, s.body]));
}

// ---------------------------------------------------------------------------------------------
// Ed25519

const RFC8032: { name: string; secretKey: string; publicKey: string; message: string; signature: string }[] =
  [
    {
      name: 'rfc8032-7.1-test-1',
      secretKey: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
      publicKey: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
      message: '',
      signature:
        'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
    },
    {
      name: 'rfc8032-7.1-test-2',
      secretKey: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
      publicKey: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
      message: '72',
      signature:
        '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
    },
    {
      name: 'rfc8032-7.1-test-3',
      secretKey: 'c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7',
      publicKey: 'fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025',
      message: 'af82',
      signature:
        '6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a',
    },
    {
      name: 'rfc8032-7.1-test-sha(abc)',
      secretKey: '833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42',
      publicKey: 'ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf',
      message:
        'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
      signature:
        'dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b58909351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704',
    },
  ];

const Point = ed25519.Point;
const L = Point.Fn.ORDER;
const P = 2n ** 255n - 19n;
const B = Point.BASE;
const modL = (x: bigint) => ((x % L) + L) % L;
const le32 = (x: bigint) => numberToBytesLE(x, 32);
const challenge = (r: Uint8Array, a: Uint8Array, m: Uint8Array) =>
  modL(bytesToNumberLE(sha512(Buffer.concat([r, a, m]))));

/** The canonical encodings of the eight points of order dividing 8 ("Taming the many EdDSAs", table 6). */
export const SMALL_ORDER = [
  '0100000000000000000000000000000000000000000000000000000000000000',
  'ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f',
  '0000000000000000000000000000000000000000000000000000000000000000',
  '0000000000000000000000000000000000000000000000000000000000000080',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
  '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
  'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa',
];

/**
 * RFC 8032 §5.1.7 with the cofactorless equation, byte for byte as OpenSSL does it: decode A
 * strictly, require S < L, compute [S]B − [k]A and compare its canonical encoding with R's bytes.
 */
function refVerifyCofactorless(pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): boolean {
  if (pub.length !== 32 || sig.length !== 64) return false;
  let A: InstanceType<typeof Point>;
  try {
    A = Point.fromBytes(pub, false);
  } catch {
    return false;
  }
  const s = bytesToNumberLE(sig.subarray(32));
  if (s >= L) return false;
  const r = sig.subarray(0, 32);
  const check = B.multiplyUnsafe(s).subtract(A.multiplyUnsafe(challenge(r, pub, msg)));
  return hex(check.toBytes()) === hex(r);
}

/** y (sign bit cleared) below p, as keys.ts requires of R and A. */
function canonicalY(enc: Uint8Array): boolean {
  const y = bytesToNumberLE(Uint8Array.of(...enc.subarray(0, 31), enc[31]! & 0x7f));
  return y < P;
}

/** y = ±1 has x = 0, so a set sign bit makes the encoding invalid (RFC 8032 §5.1.3 step 4). */
function zeroXWithSignBit(enc: Uint8Array): boolean {
  if ((enc[31]! & 0x80) === 0) return false;
  const y = bytesToNumberLE(Uint8Array.of(...enc.subarray(0, 31), enc[31]! & 0x7f));
  return y === 1n || y === P - 1n;
}

function isSmallOrderEncoding(enc: Uint8Array): boolean {
  try {
    return Point.fromBytes(enc, true).isSmallOrder();
  } catch {
    return false;
  }
}

function accountKeyRule(pub: Uint8Array): boolean {
  if (pub.length !== 32 || !canonicalY(pub)) return false;
  try {
    const A = Point.fromBytes(pub, false);
    return (
      !A.isSmallOrder() &&
      A.multiplyUnsafe(L - 1n)
        .add(A)
        .is0()
    );
  } catch {
    return false;
  }
}

function edCase(name: string, desc: string, pub: Uint8Array, msg: Uint8Array, sig: Uint8Array): Ed25519Case {
  const backend = refVerifyCofactorless(pub, msg, sig);
  const strict =
    pub.length === 32 &&
    sig.length === 64 &&
    canonicalY(pub) &&
    canonicalY(sig.subarray(0, 32)) &&
    bytesToNumberLE(sig.subarray(32)) < L &&
    !isSmallOrderEncoding(pub);
  return {
    name,
    desc,
    publicKey: hex(pub),
    message: hex(msg),
    signature: hex(sig),
    // Where A is not a canonical RFC 8032 encoding, or is of small order, the backends may
    // legitimately differ: OpenSSL decodes the identity with its sign bit set and @noble refuses
    // it; OpenSSL 3.5 (Node 24) refuses small-order keys that OpenSSL 3.0 (Node 20), @noble and the
    // RFC's cofactorless equation accept. keys.ts refuses all of these before any backend is
    // asked, so consensus never depends on a backend's answer for them.
    backend:
      pub.length === 32 && canonicalY(pub) && !zeroXWithSignBit(pub) && !isSmallOrderEncoding(pub)
        ? backend
        : null,
    verifyBytes: strict && backend,
    isValidAccountKey: accountKeyRule(pub),
  };
}

function ed25519Vectors(files: Map<string, unknown>): void {
  for (const v of RFC8032) {
    if (hex(ed25519.getPublicKey(unhex(v.secretKey))) !== v.publicKey)
      throw new Error(`${v.name}: public key`);
    if (nodeSignRaw(v.secretKey, unhex(v.message)) !== v.signature) throw new Error(`${v.name}: signature`);
  }
  files.set('ed25519/rfc8032.json', {
    source: 'RFC 8032 §7.1, test vectors for Ed25519 (TEST 1, 2, 3 and SHA(abc); TEST 1024 omitted)',
    desc: 'secretKey is the 32-byte seed; each re-signed with node:crypto by the generator before being written',
    cases: RFC8032.map((v) => ({
      ...edCase(
        v.name,
        'RFC 8032 published vector',
        unhex(v.publicKey),
        unhex(v.message),
        unhex(v.signature),
      ),
      secretKey: v.secretKey,
    })),
  } satisfies Ed25519File);

  const t1 = RFC8032[0]!;
  const a = ed25519.utils.getExtendedPublicKey(unhex(t1.secretKey)).scalar;
  const A = unhex(t1.publicKey);
  const sig1 = unhex(t1.signature);
  const R1 = sig1.subarray(0, 32);
  const S1 = bytesToNumberLE(sig1.subarray(32));
  const msg = utf8('chartproof edge case');
  const identity = unhex(SMALL_ORDER[0]!);
  const T8 = Point.fromBytes(unhex(SMALL_ORDER[4]!));
  const r = modL(bytesToNumberLE(sha512(utf8('chartproof nonce'))));
  const zeroS = new Uint8Array(32);

  /** Signs honestly with scalar a, but with R and A chosen by the caller; loops until k mod 8 is as wanted. */
  function craft(Rpt: InstanceType<typeof Point>, Apub: Uint8Array, kMod8Zero: boolean) {
    const Rb = Rpt.toBytes();
    for (let i = 0; ; i++) {
      const m = utf8(`chartproof torsion ${i}`);
      const k = challenge(Rb, Apub, m);
      if ((k % 8n === 0n) === kMod8Zero) return { m, sig: Buffer.concat([Rb, le32(modL(r + k * a))]) };
    }
  }
  const mixedA = B.multiply(a).add(T8).toBytes();
  const torsionR = craft(B.multiply(r).add(T8), A, false);
  const mixedNonZero = craft(B.multiply(r), mixedA, false);
  const mixedZero = craft(B.multiply(r), mixedA, true);
  const nonCanonicalIdentity = le32(P + 1n); // y = p + 1 ≡ 1: the identity, spelled non-canonically
  const sPlusL = Buffer.concat([R1, le32(S1 + L)]);

  const cases: Ed25519Case[] = [
    edCase('valid', 'RFC 8032 test 1, for reference', A, new Uint8Array(0), sig1),
    edCase(
      's-plus-l',
      'RFC 8032 test 1 with S + L: the same group equation, malleated',
      A,
      new Uint8Array(0),
      sPlusL,
    ),
    edCase('s-equals-l', 'S = L', A, new Uint8Array(0), Buffer.concat([R1, le32(L)])),
    edCase(
      's-max',
      'S = 2^256 - 1',
      A,
      new Uint8Array(0),
      Buffer.concat([R1, new Uint8Array(32).fill(0xff)]),
    ),
    edCase(
      'r-non-canonical-identity',
      'R = identity spelled y = p + 1, S = 0, A = identity: ZIP-215 accepts, RFC 8032 strict does not',
      identity,
      msg,
      Buffer.concat([nonCanonicalIdentity, zeroS]),
    ),
    edCase(
      'r-non-canonical-valid-key',
      'R spelled with y >= p on a valid key',
      A,
      new Uint8Array(0),
      Buffer.concat([le32(P + 3n), sig1.subarray(32)]),
    ),
    edCase(
      'a-non-canonical-identity',
      'A = identity spelled y = p + 1',
      nonCanonicalIdentity,
      msg,
      Buffer.concat([identity, zeroS]),
    ),
    edCase(
      'a-y-equals-p',
      'A spelled y = p (≡ 0, a point of order 4)',
      le32(P),
      msg,
      Buffer.concat([identity, zeroS]),
    ),
    edCase(
      'a-x0-sign-bit',
      'A = identity with the sign bit set (x = 0, x_0 = 1: RFC 8032 decoding fails)',
      Uint8Array.of(...identity.subarray(0, 31), 0x80),
      msg,
      Buffer.concat([identity, zeroS]),
    ),
    ...SMALL_ORDER.map((enc, i) =>
      edCase(
        `small-order-key-${i}`,
        'small-order A with R = identity, S = 0: [S]B - [k]A = identity for some or all k',
        unhex(enc),
        msg,
        Buffer.concat([identity, zeroS]),
      ),
    ),
    edCase(
      'small-order-key-zero-sig',
      'A = all zero (order 4), signature all zero',
      new Uint8Array(32),
      msg,
      new Uint8Array(64),
    ),
    edCase('all-zero-signature', 'valid key, signature all zero', A, msg, new Uint8Array(64)),
    edCase(
      'torsioned-r',
      'valid key; R = rB + T8 and S = r + ka: the cofactored equation holds, the cofactorless one does not',
      A,
      torsionR.m,
      torsionR.sig,
    ),
    edCase(
      'mixed-order-key-k-not-0-mod-8',
      'A = aB + T8 (torsioned key), honest R: cofactored holds, cofactorless does not',
      mixedA,
      mixedNonZero.m,
      mixedNonZero.sig,
    ),
    edCase(
      'mixed-order-key-k-0-mod-8',
      'A = aB + T8, k ≡ 0 mod 8: both equations hold; such a key is refused as an account key',
      mixedA,
      mixedZero.m,
      mixedZero.sig,
    ),
    edCase('short-signature', 'signature of 63 bytes', A, new Uint8Array(0), sig1.subarray(0, 63)),
    edCase('short-key', 'key of 31 bytes', A.subarray(0, 31), new Uint8Array(0), sig1),
    edCase('not-on-curve', 'A with y = 2, which has no x on the curve', le32(2n), new Uint8Array(0), sig1),
  ];
  files.set('ed25519/edge-cases.json', {
    source:
      'ChartProof, after ZIP-215 and "Taming the many EdDSAs" (Chalkias et al. 2020); built from RFC 8032 test 1 with @noble point arithmetic',
    desc:
      'backend: the cofactorless RFC 8032 §5.1.7 check (null where A is not a canonical encoding: y >= p, or x = 0 with the sign bit set, which OpenSSL decodes and @noble refuses; and null where A is of small order, which OpenSSL 3.5 refuses and OpenSSL 3.0 and @noble accept); ' +
      'verifyBytes: keys.ts (canonical R, S < L, canonical non-small-order A, then backend); isValidAccountKey: canonical, prime-order subgroup, not small order',
    cases,
  } satisfies Ed25519File);
}

// ---------------------------------------------------------------------------------------------
// Commitments

function commitmentVectors(files: Map<string, unknown>): void {
  const records: { name: string; record: unknown; salt: Uint8Array }[] = [
    {
      name: 'demo-record',
      record: {
        record_id: id128('record:1'),
        patient_personal_id: '1234567890',
        date: '2025-11-04T12:17:34.969Z',
        fields: { diagnostic: 'Hypertension artérielle', traitement: 'Périndopril 5 mg' },
      },
      salt: sha256(utf8('salt 1')),
    },
    { name: 'empty-object-zero-salt', record: {}, salt: new Uint8Array(32) },
    { name: 'same-record-other-salt', record: {}, salt: new Uint8Array(32).fill(0xff) },
    { name: 'unicode', record: { note: 'ü😀\u2028', n: [1e21, 0.1, -0] }, salt: sha256(utf8('salt 2')) },
  ];
  files.set('commitment/commitments.json', {
    source: 'ChartProof record commitment (design.md): SHA-256("chartproof/record/v1" ‖ salt ‖ JCS(record))',
    desc: 'the domain is the 20 ASCII bytes of the tag with no separator; canonical from test/reference/jcs.ts, hash from node:crypto',
    cases: records.map(({ name, record, salt }) => {
      const canonical = refCanonical(record);
      return {
        name,
        record,
        salt: hex(salt),
        canonical,
        commitment: hex(sha256(utf8('chartproof/record/v1'), salt, utf8(canonical))),
      };
    }),
  } satisfies CommitmentFile);
}

// ---------------------------------------------------------------------------------------------
// Record anchors: does this receipt anchor this record?

const ANCHORED_RECORD = {
  _id: id128('record:anchored'),
  date: '04-11-2025',
  diagnosis: 'Hypertension',
  patient_id: id128('user:patient'),
};
const ANCHORED_SALT = sha256(utf8('anchored salt'));
const anchoredCommitment = (record: unknown, salt: Uint8Array) =>
  hex(sha256(utf8('chartproof/record/v1'), salt, utf8(refCanonical(record))));

function recordAnchorVectors(files: Map<string, unknown>, anchored: Receipt): void {
  const record = ANCHORED_RECORD;
  const salt = hex(ANCHORED_SALT);
  const [patient, creator] = [seedKey('patient').publicKey, seedKey('hospital').publicKey];
  const happy = { record, salt, record_id: record._id, patient, creator };
  const c = (
    name: string,
    desc: string,
    over: Partial<RecordAnchorCase>,
    wantAnchored: boolean,
    wantFailed: RecordAnchorCase['wantFailed'],
  ): RecordAnchorCase => ({ name, desc, ...happy, ...over, wantAnchored, wantFailed });
  const cases: RecordAnchorCase[] = [
    c('happy-path', 'the record, salt, id and both keys the anchor states', {}, true, []),
    c(
      'ids-only',
      'keys not known to the caller are not compared',
      { patient: undefined, creator: undefined },
      true,
      [],
    ),
    c('wrong-record-id', 'the receipt is for another record', { record_id: id128('record:other') }, true, [
      'record_id',
    ]),
    c(
      'record-altered',
      'one character of the diagnosis changed',
      { record: { ...record, diagnosis: 'HypertensioN' } },
      true,
      ['commitment'],
    ),
    c('field-added', 'a field added after anchoring', { record: { ...record, note: '' } }, true, [
      'commitment',
    ]),
    c('wrong-salt', 'the salt of another record', { salt: hex(sha256(utf8('other salt'))) }, true, [
      'commitment',
    ]),
    c('salt-not-hex', 'no commitment can be computed, so none matches', { salt: 'zz'.repeat(32) }, true, [
      'commitment',
    ]),
    c('wrong-patient', 'anchored for another patient', { patient: seedKey('validator-0').publicKey }, true, [
      'patient',
    ]),
    c('wrong-creator', 'anchored by another authority', { creator: seedKey('validator-0').publicKey }, true, [
      'creator',
    ]),
    c(
      'keys-swapped',
      'patient and creator the other way round',
      { patient: creator, creator: patient },
      true,
      ['patient', 'creator'],
    ),
    c(
      'tx-not-an-anchor',
      'the transaction type changed to access.grant: no record.anchor to read',
      { receipt: { ...anchored, tx: { ...anchored.tx, type: 'access.grant' } } },
      false,
      [],
    ),
    c(
      'tx-missing',
      'a receipt without its transaction',
      { receipt: { ...anchored, tx: undefined } },
      false,
      [],
    ),
    c('not-a-receipt', 'null instead of a receipt', { receipt: null }, false, []),
  ];
  files.set('record-anchor/anchors.json', {
    source:
      'ChartProof (design.md): record.anchor body against the record; receipt from src/testing.ts testReceipt(), commitment from test/reference/jcs.ts and node:crypto',
    desc: 'checkRecordAnchor(receipt, {record_id, commitment: recordCommitment(record, salt) or null, patient?, creator?}); wantFailed lists the fields that differ, in that order',
    commitment: anchoredCommitment(record, ANCHORED_SALT),
    receipt: anchored,
    cases: cases.map((k) => JSON.parse(JSON.stringify(k)) as RecordAnchorCase),
  } satisfies RecordAnchorFile);
}

// ---------------------------------------------------------------------------------------------

function generate(): Map<string, unknown> {
  const files = new Map<string, unknown>();
  const genesis = testGenesis();
  const g = genesis.header;
  const genesisHeader: HeaderFields = { ...g };
  // testGenesis() is a fixture; its hash must at least be the SHA-256d of its header bytes.
  if (hex(refSha256d(refEncodeHeader(genesisHeader))) !== genesis.hash) throw new Error('genesis hash');
  const bodies = txVectors(files, genesis.hash, genesis.params.max_tx_bytes);
  jcsVectors(files, bodies);
  merkleVectors(files);
  headerVectors(files, genesisHeader);
  ed25519Vectors(files);
  commitmentVectors(files);
  files.set('receipt/receipt.json', {
    source: 'src/testing.ts testReceipt(): testGenesis() and test keys, built with the ledger itself',
    desc: 'a receipt for the second of three anchors in block 2, acknowledged by validator 1 (block 2) and validator 0 (block 3); verifyReceipt accepts it on both backends',
    genesis: testGenesisDoc(),
    receipt: receipt.receipt,
  });
  recordAnchorVectors(files, anchored.receipt);
  return files;
}

const receipt = await testReceipt();
const anchored = await testReceipt({
  record_id: ANCHORED_RECORD._id,
  commitment: anchoredCommitment(ANCHORED_RECORD, ANCHORED_SALT),
});

const serialize = (v: unknown) => `${JSON.stringify(v, null, 2)}\n`;

describe('test vectors', () => {
  const files = generate();
  if (process.env.UPDATE_VECTORS === '1') {
    it('regenerates test/vectors/', () => {
      rmSync(VECTORS_DIR, { recursive: true, force: true });
      for (const [path, content] of files) {
        const full = join(VECTORS_DIR, path);
        mkdirSync(dirname(full), { recursive: true });
        writeFileSync(full, serialize(content));
      }
      expect(listVectors().length).toBe(files.size);
    });
  } else {
    it('committed vectors are exactly what the generator writes (UPDATE_VECTORS=1 to regenerate)', () => {
      expect(listVectors()).toEqual([...files.keys()].sort());
      for (const [path, content] of files) {
        expect(readFileSync(join(VECTORS_DIR, path), 'utf8'), path).toBe(serialize(content));
      }
    });
  }
});
