// Random text mutations of the kinds a user (or a broken tool) produces, for fuzzing.
export type Rand = () => number;

/** Deterministic PRNG (LCG) so a failing seed reproduces. */
export function seeded(seed: number): Rand {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const MUTATIONS = [
  'delete-line',
  'duplicate-line',
  'swap-lines',
  'indent',
  'dedent',
  'random-bytes',
  'truncate',
  'delete-char',
  'odd-unicode',
  'line-endings',
] as const;

/** Characters editors and broken tools produce that trip parsers: NUL, BOM, lone surrogates, emoji, CR, tab, NBSP, RTL mark. */
const ODD = [
  '\u0000',
  '\uFEFF',
  '\uD800',
  '\uDC00',
  '\uD83D\uDE00',
  '\r',
  '\t',
  '\u00A0',
  '\u200F',
  '\u2028',
  '\uFFFD',
  '\\',
  '"',
  "'",
  '{',
  '[',
  '&a',
  '*a',
  '<<: ',
  '? ',
  '!!binary ',
  '%YAML 1.1\n',
];
export type Mutation = (typeof MUTATIONS)[number];

export function mutate(text: string, rand: Rand): { text: string; mutation: Mutation } {
  const lines = text.split('\n');
  const pick = () => Math.floor(rand() * lines.length);
  const mutation = MUTATIONS[Math.floor(rand() * MUTATIONS.length)];
  switch (mutation) {
    case 'delete-line':
      lines.splice(pick(), 1);
      break;
    case 'duplicate-line': {
      const i = pick();
      lines.splice(i, 0, lines[i]);
      break;
    }
    case 'swap-lines': {
      const i = pick();
      const j = Math.min(lines.length - 1, i + 1 + Math.floor(rand() * 3));
      [lines[i], lines[j]] = [lines[j], lines[i]];
      break;
    }
    case 'indent':
      lines[pick()] = '  ' + lines[pick()];
      break;
    case 'dedent': {
      const i = pick();
      lines[i] = lines[i].replace(/^ {1,2}/, '');
      break;
    }
    case 'random-bytes': {
      const i = pick();
      const at = Math.floor(rand() * (lines[i].length + 1));
      let junk = '';
      for (let k = 0; k < 1 + Math.floor(rand() * 8); k++) junk += String.fromCharCode(Math.floor(rand() * 0x2500));
      lines[i] = lines[i].slice(0, at) + junk + lines[i].slice(at);
      break;
    }
    case 'truncate':
      return { text: text.slice(0, Math.floor(rand() * text.length)), mutation };
    case 'odd-unicode': {
      const i = pick();
      const at = Math.floor(rand() * (lines[i].length + 1));
      lines[i] = lines[i].slice(0, at) + ODD[Math.floor(rand() * ODD.length)] + lines[i].slice(at);
      break;
    }
    case 'line-endings': {
      // CRLF for one line, or a lone CR (old Mac) that some parsers take as a line break and others not.
      const i = pick();
      lines[i] = lines[i] + (rand() < 0.5 ? '\r' : '\r\r');
      break;
    }
    case 'delete-char': {
      const i = pick();
      const at = Math.floor(rand() * lines[i].length);
      lines[i] = lines[i].slice(0, at) + lines[i].slice(at + 1);
      break;
    }
  }
  return { text: lines.join('\n'), mutation };
}
