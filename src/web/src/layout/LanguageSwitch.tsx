// Vietnamese / English. A radio group under the hood (SegmentedControl), so arrow keys move the
// choice and screen readers announce "Ngôn ngữ / Language".
import { SegmentedControl, VisuallyHidden } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useLang, useMessages, type Lang } from '../i18n';
import { common } from '../i18n/common';

export function LanguageSwitch({ inverted = false }: { inverted?: boolean }) {
  const { lang, setLang } = useLang();
  const t = useMessages(common);
  const qc = useQueryClient();
  return (
    <SegmentedControl
      size="xs"
      value={lang}
      aria-label={t.language}
      onChange={(v) => {
        setLang(v as Lang);
        // Error messages held in the cache came in the old language: ask again.
        void qc.invalidateQueries({ predicate: (q) => q.state.status === 'error' });
      }}
      data={[
        {
          value: 'vi',
          label: (
            <>
              <span aria-hidden="true">VI</span>
              <VisuallyHidden lang="vi">Tiếng Việt</VisuallyHidden>
            </>
          ),
        },
        {
          value: 'en',
          label: (
            <>
              <span aria-hidden="true">EN</span>
              <VisuallyHidden lang="en">English</VisuallyHidden>
            </>
          ),
        },
      ]}
      {...(inverted
        ? {
            bg: 'rgba(255,255,255,0.14)',
            color: 'accent.3',
            styles: {
              label: { color: 'var(--gn-lang-label, white)' },
              indicator: { background: 'var(--mantine-color-accent-3)' },
            },
            classNames: { root: 'gn-lang-inverted' },
          }
        : {})}
    />
  );
}
