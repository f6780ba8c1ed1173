/**
 * Saves text as a file through an `<a download>` link to a Blob: no `downloads` permission needed,
 * and it works the same in Chrome's and Firefox's extension pages.
 */
export function downloadText(doc: Document, filename: string, mimeType: string, body: string | Blob): void {
  const blob = typeof body === 'string' ? new Blob([body], { type: `${mimeType};charset=utf-8` }) : body;
  const url = URL.createObjectURL(blob);
  const link = doc.createElement('a');
  link.href = url;
  link.download = filename;
  link.hidden = true;
  doc.body.append(link);
  link.click();
  link.remove();
  // Revoke later: the download starts asynchronously and still needs the URL for a moment.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
