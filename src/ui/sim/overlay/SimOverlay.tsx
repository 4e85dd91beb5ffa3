/** The canvas animation layer (issue 6): to be built. */
export function SimOverlay() {
  return null;
}
