// What the download buttons share: saving bytes made or fetched in the page under a file name,
// and the short message shown beside a button when that failed.

/** Saves a blob through a temporary link (the browser's own download, no pop-up). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Why the download beside it failed; announced to screen readers. */
export function DownloadError({ text }: { text: string | null }) {
  return text ? (
    <span
      role="alert"
      style={{ color: 'var(--mantine-color-red-7)', fontSize: 'var(--mantine-font-size-sm)' }}
    >
      {text}
    </span>
  ) : null;
}
