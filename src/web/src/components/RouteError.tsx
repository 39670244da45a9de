// Shown when a page cannot be loaded at all (e.g. a new version was deployed and an old chunk is
// gone): a plain message and a reload button, never a blank screen.
import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useRouteError } from 'react-router';
import { defineMessages, useMessages } from '../i18n';
import { useErrorText } from './ErrorPanel';

const m = defineMessages({
  vi: { title: 'Không mở được trang', reload: 'Tải lại trang' },
  en: { title: 'The page could not be opened', reload: 'Reload the page' },
});

export function RouteError() {
  const error = useRouteError();
  const t = useMessages(m);
  const text = useErrorText();
  return (
    <Center mih="60vh" p="md">
      <Paper p="lg" maw={520}>
        <Stack>
          <Title order={1}>{t.title}</Title>
          <Text role="alert">{text(error)}</Text>
          <Button onClick={() => window.location.reload()} w="fit-content">
            {t.reload}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
