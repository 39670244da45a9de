import { Anchor, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useMessages } from '../i18n';
import { common } from '../i18n/common';
import { usePageTitle } from '../layout/usePageTitle';

export default function NotFoundPage() {
  const t = useMessages(common);
  usePageTitle(t.notFoundTitle);
  return (
    <Stack gap="sm">
      <Title order={1}>{t.notFoundTitle}</Title>
      <Text>{t.notFoundBody}</Text>
      <Anchor component={Link} to="/">
        {t.backHome}
      </Anchor>
    </Stack>
  );
}
