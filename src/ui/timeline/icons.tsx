/** The playback icons, drawn (the symbol fonts of a bare Linux box lack ⏮ ⏭ ⏸). */
const box = { width: 14, height: 14, viewBox: '0 0 14 14', 'aria-hidden': true, focusable: false } as const;

export const PrevIcon = () => (
  <svg {...box}>
    <rect x="2" y="2" width="2" height="10" fill="currentColor" />
    <path d="M12 2 L5 7 L12 12 Z" fill="currentColor" />
  </svg>
);

export const NextIcon = () => (
  <svg {...box}>
    <path d="M2 2 L9 7 L2 12 Z" fill="currentColor" />
    <rect x="10" y="2" width="2" height="10" fill="currentColor" />
  </svg>
);

export const PlayIcon = () => (
  <svg {...box}>
    <path d="M3 1.5 L12 7 L3 12.5 Z" fill="currentColor" />
  </svg>
);

export const PauseIcon = () => (
  <svg {...box}>
    <rect x="3" y="2" width="3" height="10" fill="currentColor" />
    <rect x="8" y="2" width="3" height="10" fill="currentColor" />
  </svg>
);
