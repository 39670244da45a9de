// The signed-in layout: a header (product, the user and their scope, language, sign-out), the
// module navigation built from src/modules.tsx, and the page. Below 62em (a 10-inch tablet held
// upright) the navigation folds behind a menu button.
import { Suspense, useEffect, useRef } from 'react';
import {
  AppShell,
  Box,
  Burger,
  Button,
  Center,
  Group,
  Loader,
  NavLink,
  Progress,
  ScrollArea,
  Stack,
  Text,
  UnstyledButton,
} from '@mantine/core';
import { useDisclosure, useMediaQuery } from '@mantine/hooks';
import { Link, Outlet, useLocation, useNavigate, useNavigation } from 'react-router';
import { isStandalonePath, navFor } from '../modules';
import { useLogout, useUser } from '../auth/session';
import { fill, useBilingual, useMessages } from '../i18n';
import { common } from '../i18n/common';
import { LanguageSwitch } from './LanguageSwitch';
import { BrandMark } from './BrandMark';
import { unitNotFoundData, useUnit } from '../api/units';
import { todayVn } from '../format';
import { useErrorText } from '../components/ErrorPanel';

function ScopeLabel({ unitCode }: { unitCode: string | null }) {
  const t = useMessages(common);
  // The scope unit today; one that no longer exists (a district before 2025) by its last name.
  const unit = useUnit(unitCode, todayVn());
  if (!unitCode) return <>{t.wholeCountry}</>;
  const name = unit.data?.name ?? unitNotFoundData(unit.error)?.versions.at(-1)?.name;
  // Officers know their unit by name; its code stays in the tooltip, for the help desk.
  return name ? <span title={fill(t.unitCodeTitle, { code: unitCode })}>{name}</span> : <>{unitCode}</>;
}

export default function AppLayout() {
  const [opened, { toggle, close }] = useDisclosure(false);
  const user = useUser();
  const t = useMessages(common);
  const pick = useBilingual();
  const location = useLocation();
  const navigation = useNavigation();
  const navigate = useNavigate();
  const logout = useLogout();
  const errorText = useErrorText();
  const items = navFor(user.role);
  // The entry for the current page: the longest navigation path the address starts with
  // ("finance/targets" over "finance"), so exactly one entry is marked current.
  const activePath = items
    .map((i) => i.path)
    .filter((p) => location.pathname === `/${p}` || location.pathname.startsWith(`/${p}/`))
    .sort((a, b) => b.length - a.length)[0];
  // Below the md breakpoint the navigation slides out of view; hide it for real then, so Tab and
  // screen readers do not walk through links nobody can see.
  // After moving to another page, start reading (and tabbing) from its content, as a full page
  // load would; the first render keeps the browser's own focus.
  const mainRef = useRef<HTMLElement>(null);
  const firstPath = useRef(location.pathname);
  useEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    mainRef.current?.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }, [location.pathname]);
  const folded = useMediaQuery('(max-width: 61.99em)') === true && !opened;

  const signOut = () =>
    logout.mutate(undefined, {
      onSuccess: () => {
        // Both updates land in one render: the layout unmounts as the sign-in page opens.
        logout.forget();
        void navigate('/login', { replace: true });
      },
    });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 232, breakpoint: 'md', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="gn-skip-link" href="#main">
        {t.skipToContent}
      </a>
      <AppShell.Header withBorder={false} bg="brand.9" c="white">
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="md"
              size="sm"
              color="white"
              aria-label={t.mainNav}
              aria-expanded={opened}
              aria-controls="main-nav"
            />
            <UnstyledButton component={Link} to="/" c="white" aria-label={t.productName}>
              <Group gap={10} wrap="nowrap">
                <BrandMark size={30} />
                <Box visibleFrom="xs">
                  <Text fw={700} size="md" lh={1.15}>
                    {t.productName}
                  </Text>
                  <Text size="xs" c="brand.1" lh={1.15} visibleFrom="lg">
                    {t.productTagline}
                  </Text>
                </Box>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="md" wrap="nowrap">
            <Box ta="right" visibleFrom="md" data-testid="current-user">
              <Text size="sm" fw={600} lh={1.2}>
                {user.displayName}
              </Text>
              <Text size="xs" c="brand.1" lh={1.2}>
                {t[`role.${user.role}`]} · <ScopeLabel unitCode={user.unitCode} />
              </Text>
            </Box>
            <LanguageSwitch inverted />
            <Button
              variant="white"
              color="brand.9"
              size="xs"
              onClick={signOut}
              loading={logout.isPending}
              style={{ flexShrink: 0 }}
              title={fill(t.signedInAs, { name: user.username })}
            >
              {t.signOut}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>

      <AppShell.Navbar
        p="xs"
        aria-label={t.mainNav}
        component="nav"
        id="main-nav"
        style={folded ? { visibility: 'hidden' } : undefined}
      >
        <AppShell.Section grow component={ScrollArea}>
          <Stack gap={2}>
            {items.map((item) => {
              const to = `/${item.path}`;
              const active = item.path === activePath;
              return (
                <NavLink
                  key={item.path}
                  component={Link}
                  to={to}
                  label={pick(item.label)}
                  leftSection={item.icon}
                  active={active}
                  aria-current={active ? 'page' : undefined}
                  data-standalone={isStandalonePath(item.path) ? 'true' : undefined}
                  onClick={close}
                  variant="light"
                  fw={active ? 600 : 500}
                  styles={{ root: { borderRadius: 'var(--mantine-radius-sm)' } }}
                />
              );
            })}
          </Stack>
        </AppShell.Section>
        <AppShell.Section hiddenFrom="md" pt="sm" data-testid="current-user-folded">
          <Text size="sm" fw={600}>
            {user.displayName}
          </Text>
          <Text size="xs" c="dimmed">
            {t[`role.${user.role}`]} · <ScopeLabel unitCode={user.unitCode} />
          </Text>
        </AppShell.Section>
        {logout.isError ? (
          <Text size="xs" c="red" role="alert">
            {errorText(logout.error)}
          </Text>
        ) : null}
      </AppShell.Navbar>

      <AppShell.Main id="main" ref={mainRef} tabIndex={-1} style={{ outline: 'none' }}>
        {navigation.state === 'loading' ? (
          <Progress
            value={100}
            animated
            size="xs"
            pos="fixed"
            top={56}
            left={0}
            right={0}
            style={{ zIndex: 200 }}
            aria-hidden
          />
        ) : null}
        <Box maw={1280}>
          <Suspense
            fallback={
              <Center p="xl">
                <Loader aria-label={t.loading} />
              </Center>
            }
          >
            <Outlet />
          </Suspense>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}
