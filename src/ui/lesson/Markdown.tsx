/**
 * Lesson text as markdown, safely: lessons arrive in share links, so their text is untrusted.
 * react-markdown builds React elements (never innerHTML) and shows raw HTML as text; on top of
 * that only prose elements are allowed: no images (they would fetch from the network), no
 * tables or headings bigger than the card's own.
 */
import ReactMarkdown, { type Components } from 'react-markdown';

const ALLOWED = [
  'p',
  'strong',
  'em',
  'del',
  'code',
  'pre',
  'ul',
  'ol',
  'li',
  'a',
  'blockquote',
  'br',
  'hr',
  'h3',
  'h4',
];

// Headings in a narration are sub-headings of the step's title.
const BLOCK: Components = {
  h1: ({ children }) => <h3>{children}</h3>,
  h2: ({ children }) => <h3>{children}</h3>,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
};

// A choice or a short feedback line sits inside a label: paragraphs become spans.
const INLINE: Components = { ...BLOCK, p: ({ children }) => <span>{children}</span> };

export function Markdown({ text, inline }: { text: string; inline?: boolean }) {
  return (
    <ReactMarkdown allowedElements={[...ALLOWED, 'h1', 'h2']} unwrapDisallowed components={inline ? INLINE : BLOCK}>
      {text}
    </ReactMarkdown>
  );
}
