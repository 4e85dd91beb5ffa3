/** Saves generated data as a file through the browser's download (an object URL on a clicked link). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  // The download has started by the time the click returns; the URL is freed a moment later.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
