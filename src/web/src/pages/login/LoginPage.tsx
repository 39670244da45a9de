// Sign-in. Errors appear where they belong (GOV.UK habit): a field the API names gets the
// message under it; anything else (wrong password, disabled account) goes in a summary above
// the form, announced to screen readers and focused so keyboard users land on it.
import { useEffect, useRef, useState, type FormEvent } from 'react';
import {
  Alert,
  Box,
  Button,
  Center,
  Group,
  List,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { isApiError } from '../../api/client';
import { useLogin, useSession } from '../../auth/session';
import { defineMessages, useMessages } from '../../i18n';
import { common } from '../../i18n/common';
import { LanguageSwitch } from '../../layout/LanguageSwitch';
import { BrandMark } from '../../layout/BrandMark';
import { useErrorText } from '../../components/ErrorPanel';
import { usePageTitle } from '../../layout/usePageTitle';

const m = defineMessages({
  vi: {
    title: 'Đăng nhập',
    intro: 'Dành cho cán bộ các cấp thực hiện Chương trình. Dùng tài khoản do đơn vị cấp.',
    username: 'Tên đăng nhập',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    showPassword: 'Hiện hoặc ẩn mật khẩu',
    usernameRequired: 'Nhập tên đăng nhập.',
    passwordRequired: 'Nhập mật khẩu.',
    problem: 'Chưa đăng nhập được',
    help: 'Quên mật khẩu? Liên hệ quản trị hệ thống của đơn vị để được cấp lại.',
    footer: 'Hệ thống quản lý Chương trình mục tiêu quốc gia giảm nghèo bền vững — từ xã đến tỉnh.',
    point1: 'Sổ hộ nghèo, hộ cận nghèo theo từng thôn, tổ dân phố.',
    point2: 'Rà soát hằng năm và thường xuyên theo đúng các bước quy định.',
    point3: 'Chỉ tiêu, kinh phí và báo cáo từ xã, phường đến tỉnh, theo địa giới trước và sau 01/07/2025.',
  },
  en: {
    title: 'Sign in',
    intro: 'For officers at every level carrying out the Program. Use the account your unit gave you.',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    showPassword: 'Show or hide the password',
    usernameRequired: 'Enter your username.',
    passwordRequired: 'Enter your password.',
    problem: 'You are not signed in yet',
    help: 'Forgot your password? Ask your unit’s system administrator to reset it.',
    footer:
      'Management system of the National Target Program for Sustainable Poverty Reduction — from commune to province.',
    point1: 'The register of poor and near-poor households, village by village.',
    point2: 'Annual and regular reviews, step by step as the regulations require.',
    point3: 'Targets, funds and reports from commune to province, on the map before and after 01/07/2025.',
  },
});

type Field = 'username' | 'password';

/** Only paths inside the app: never send a user to another site after sign-in. */
function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

export default function LoginPage() {
  const t = useMessages(m);
  const c = useMessages(common);
  usePageTitle(t.title);
  const session = useSession();
  const login = useLogin();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const errorText = useErrorText();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [missing, setMissing] = useState<Partial<Record<Field, true>>>({});
  const summaryRef = useRef<HTMLDivElement>(null);
  const usernameRef = useRef<HTMLInputElement>(null);

  const apiError = login.error;
  const apiField =
    isApiError(apiError) && (apiError.field === 'username' || apiError.field === 'password')
      ? apiError.field
      : null;
  const fieldError = (f: Field): string | undefined => {
    if (missing[f]) return f === 'username' ? t.usernameRequired : t.passwordRequired;
    if (apiField === f) return errorText(apiError);
    return undefined;
  };
  const summary = apiError && !apiField ? errorText(apiError) : null;

  useEffect(() => {
    if (summary) summaryRef.current?.focus();
  }, [summary, login.submittedAt]);

  useEffect(() => usernameRef.current?.focus(), []);

  if (session.data) return <Navigate to={safeNext(params.get('next'))} replace />;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const miss: Partial<Record<Field, true>> = {};
    if (!username.trim()) miss.username = true;
    if (!password) miss.password = true;
    setMissing(miss);
    if (miss.username || miss.password) {
      login.reset();
      return;
    }
    login.mutate(
      { username: username.trim(), password },
      { onSuccess: () => void navigate(safeNext(params.get('next')), { replace: true }) },
    );
  };

  return (
    <Box mih="100vh" bg="gray.1" style={{ display: 'flex', flexDirection: 'column' }}>
      <Box bg="brand.9" c="white" px="lg" py="sm">
        <Group justify="space-between" wrap="nowrap">
          <Group gap={10} wrap="nowrap">
            <BrandMark size={34} />
            <div>
              <Text fw={700} size="lg" lh={1.15}>
                {c.productName}
              </Text>
              <Text size="xs" c="brand.1" lh={1.2}>
                {c.productTagline}
              </Text>
            </div>
          </Group>
          <LanguageSwitch inverted />
        </Group>
      </Box>
      <Center style={{ flex: 1 }} p="md">
        <Paper
          component="main"
          w="100%"
          maw={{ base: 420, md: 860 }}
          shadow="xs"
          style={{ display: 'flex', overflow: 'hidden' }}
        >
          <Box
            visibleFrom="md"
            w={400}
            p="xl"
            c="white"
            style={{
              flexShrink: 0,
              background:
                'linear-gradient(160deg, var(--mantine-color-brand-8), var(--mantine-color-brand-9))',
            }}
          >
            <Text fw={700} size="lg" lh={1.35}>
              {c.productTagline}
            </Text>
            <List spacing="sm" mt="lg" size="sm" c="brand.0" icon={<Text c="accent.3">●</Text>}>
              <List.Item>{t.point1}</List.Item>
              <List.Item>{t.point2}</List.Item>
              <List.Item>{t.point3}</List.Item>
            </List>
          </Box>
          <Box p="xl" style={{ flex: 1 }}>
            <form onSubmit={submit} noValidate aria-labelledby="login-title">
              <Stack gap="md">
                <div>
                  <Title order={1} id="login-title">
                    {t.title}
                  </Title>
                  <Text size="sm" c="dimmed" mt={4}>
                    {t.intro}
                  </Text>
                </div>
                {summary ? (
                  <Alert
                    ref={summaryRef}
                    tabIndex={-1}
                    color="red"
                    variant="light"
                    title={t.problem}
                    role="alert"
                    data-testid="login-error"
                    data-code={isApiError(apiError) ? apiError.code : undefined}
                  >
                    {summary}
                  </Alert>
                ) : null}
                <TextInput
                  ref={usernameRef}
                  label={t.username}
                  name="username"
                  autoComplete="username"
                  autoCapitalize="none"
                  spellCheck={false}
                  value={username}
                  onChange={(e) => setUsername(e.currentTarget.value)}
                  error={fieldError('username')}
                  required
                  withAsterisk={false}
                  size="md"
                />
                <PasswordInput
                  label={t.password}
                  name="password"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fieldError('password')}
                  required
                  withAsterisk={false}
                  visibilityToggleButtonProps={{ 'aria-label': t.showPassword }}
                  size="md"
                />
                <Button type="submit" size="md" loading={login.isPending} fullWidth>
                  {t.submit}
                </Button>
                <Text size="sm" c="dimmed">
                  {t.help}
                </Text>
              </Stack>
            </form>
          </Box>
        </Paper>
      </Center>
      <Text component="footer" size="xs" c="dimmed" ta="center" p="md">
        {t.footer}
      </Text>
    </Box>
  );
}
