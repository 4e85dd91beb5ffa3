/**
 * A severity as a shape and a word, never a colour alone: an octagon for an error, a triangle
 * for a warning, a circle for info. Drawn as SVG so no font has to carry the glyphs.
 */
import type { Severity } from './findings';

function SeverityIcon({ severity }: { severity: Severity }) {
  const common = {
    width: 14,
    height: 14,
    viewBox: '0 0 16 16',
    'aria-hidden': true,
    focusable: false,
    className: `sev-icon ${severity}`,
  } as const;
  if (severity === 'error') {
    return (
      <svg {...common}>
        <polygon points="5,1 11,1 15,5 15,11 11,15 5,15 1,11 1,5" fill="currentColor" />
        <path d="M5.5 5.5l5 5M10.5 5.5l-5 5" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
    );
  }
  if (severity === 'warning') {
    return (
      <svg {...common}>
        <polygon points="8,1 15.5,14.5 0.5,14.5" fill="currentColor" />
        <path d="M8 5.5v4.5" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="8" cy="12.2" r="1" fill="#fff" />
      </svg>
    );
  }
  return (
    <svg {...common}>
      <circle cx="8" cy="8" r="7" fill="currentColor" />
      <circle cx="8" cy="4.6" r="1.1" fill="#fff" />
      <path d="M8 7.2v5" stroke="#fff" strokeWidth="1.8" strokeLinecap="round" />
    </svg>
  );
}

export function SeverityBadge({ severity, count }: { severity: Severity; count?: number }) {
  return (
    <span className={`sev-badge ${severity}`} data-severity={severity}>
      <SeverityIcon severity={severity} />
      {count === undefined ? severity : `${count} ${count === 1 || severity === 'info' ? severity : `${severity}s`}`}
    </span>
  );
}
