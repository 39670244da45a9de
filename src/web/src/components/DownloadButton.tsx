// A document the server writes (a certificate PDF, a recognised list): fetched on click and saved
// under the server's file name, or — when the server refuses (not recognised yet, not poor, no
// rights) — its coded message shown beside the button instead of a saved error page.
import { useState, type ReactNode } from 'react';
import { Button, type ButtonProps } from '@mantine/core';
import { ApiError, type ApiErrorBody } from '../api/client';
import { useErrorText } from './ErrorPanel';
import { DownloadError, saveBlob } from './saveFile';

function fileNameOf(res: Response, fallback: string): string {
  const m = /filename="([^"]+)"/.exec(res.headers.get('content-disposition') ?? '');
  return m?.[1] ?? fallback;
}

export function DownloadButton({
  href,
  fileName,
  children,
  ...button
}: { href: string; fileName: string; children: ReactNode } & ButtonProps) {
  const errorText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      const res = await fetch(href, { credentials: 'same-origin' }).catch(() => {
        throw new ApiError(0, { code: 'NETWORK' });
      });
      if (!res.ok) {
        const body = (await res.json().catch(() => undefined)) as { error?: ApiErrorBody } | undefined;
        throw new ApiError(res.status, body?.error ?? { code: 'BAD_RESPONSE' });
      }
      saveBlob(await res.blob(), fileNameOf(res, fileName));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button {...button} onClick={() => void run()} loading={busy}>
        {children}
      </Button>
      <DownloadError text={error} />
    </>
  );
}
