import { useEffect } from 'react';
import { useMessages } from '../i18n';
import { common } from '../i18n/common';

/** "Page — Giảm nghèo bền vững" in the browser tab (and for screen readers on navigation). */
export function usePageTitle(title: string): void {
  const t = useMessages(common);
  useEffect(() => {
    document.title = `${title} — ${t.productName}`;
  }, [title, t.productName]);
}
