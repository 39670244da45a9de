// How the app shows an error: the API's own message in the current language (the catalogue
// of src/errors.ts), its code for the help desk, and a way to try again.
import { Alert, Button, Group, Text } from '@mantine/core';
import { isApiError } from '../api/client';
import { fill, useLang, useMessages, type Lang } from '../i18n';
import { common } from '../i18n/common';

/** The text to show for any error thrown by the API client (or anything else). */
export function errorText(
  error: unknown,
  lang: Lang,
  t: Record<keyof (typeof common)['vi'], string>,
): string {
  if (isApiError(error)) {
    if (error.code === 'NETWORK') return t.networkError;
    if (error.code === 'BAD_RESPONSE') return fill(t.unexpectedError, { status: error.status });
    return error.messageIn(lang) ?? error.code;
  }
  return error instanceof Error ? error.message : String(error);
}

export function useErrorText(): (error: unknown) => string {
  const { lang } = useLang();
  const t = useMessages(common);
  return (error) => errorText(error, lang, t);
}

export function ErrorPanel({
  error,
  onRetry,
  title,
}: {
  error: unknown;
  onRetry?: () => void;
  title?: string;
}) {
  const text = useErrorText();
  const t = useMessages(common);
  return (
    <Alert color="red" variant="light" role="alert" {...(title ? { title } : {})}>
      <Group justify="space-between" wrap="nowrap" gap="md">
        <Text size="sm">
          {text(error)}
          {isApiError(error) && error.status > 0 ? (
            <Text span c="dimmed" size="xs" ml={6} className="gn-code">
              ({error.code})
            </Text>
          ) : null}
        </Text>
        {onRetry ? (
          <Button variant="default" size="xs" onClick={onRetry}>
            {t.retry}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
