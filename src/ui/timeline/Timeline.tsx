/** The timeline under the canvas (issue 6): to be built. */
export function Timeline() {
  return null;
}
