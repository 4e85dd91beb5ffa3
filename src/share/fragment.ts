/** Recognising a share link's fragment without loading the decoder (the app checks every address). */

/** Whether a URL fragment (with or without its `#`) is meant as a share link (`#lr1=…`, or a later version), valid or not. */
export function isShareFragment(fragment: string): boolean {
  return /^#?lr\d+=/.test(fragment);
}
