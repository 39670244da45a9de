// The tabs of the Reports screen: the year's balance, and the Annex VII tables. Each tab is its own
// route (reports, reports/annex7), so a table can be linked to and reloaded.
import { Tabs } from '@mantine/core';
import { useLocation, useNavigate } from 'react-router';
import { defineMessages, useMessages } from '../../i18n';

const m = defineMessages({
  vi: { balance: 'Diễn biến trong năm', annex7: 'Biểu Phụ lục VII', label: 'Các báo cáo' },
  en: { balance: 'The year’s balance', annex7: 'Annex VII tables', label: 'Reports' },
});

export function ReportTabs() {
  const t = useMessages(m);
  const navigate = useNavigate();
  const here = useLocation().pathname.endsWith('/annex7') ? 'annex7' : 'balance';
  return (
    <Tabs
      value={here}
      onChange={(v) => v && void navigate(v === 'annex7' ? '/reports/annex7' : '/reports')}
      aria-label={t.label}
    >
      <Tabs.List>
        <Tabs.Tab value="balance">{t.balance}</Tabs.Tab>
        <Tabs.Tab value="annex7">{t.annex7}</Tabs.Tab>
      </Tabs.List>
    </Tabs>
  );
}
