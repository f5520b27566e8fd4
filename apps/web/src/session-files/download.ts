import type { SessionExportFile } from '@mlb/contracts';

/** Saves an export as a file: a Blob behind a temporary <a download>, clicked once. */
export function downloadFile(file: SessionExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.filename;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later, not at once: the browser may still be reading the Blob for the download.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
