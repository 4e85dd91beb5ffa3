/** The diagnostics panel (issue 6): to be built. */
export function DiagnosticsPanel() {
  return null;
}
