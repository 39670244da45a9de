// Cổng thông tin → Bài viết: every article in every state, newest change first.
import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { useArticles, type ArticleStatus } from '../../api/portal';
import { ErrorPanel } from '../../components/ErrorPanel';
import { formatInstantVn } from '../../format';
import { useMessages } from '../../i18n';
import { usePageTitle } from '../../layout/usePageTitle';
import { portalText } from './messages';
import { SiteSettings } from './SiteSettings';

export const STATUS_COLOUR: Record<ArticleStatus, string> = {
  draft: 'gray',
  scheduled: 'yellow',
  published: 'green',
  withdrawn: 'red',
};

export default function ArticlesPage() {
  const t = useMessages(portalText);
  usePageTitle(t.articles);
  const articles = useArticles();
  return (
    <Stack gap="md">
      <Paper p="md">
        <Group justify="space-between" mb="sm">
          <Title order={1}>{t.articles}</Title>
          <Button component={Link} to="/portal/articles/new">
            {t.newArticle}
          </Button>
        </Group>
        {articles.isPending ? (
          <Skeleton h={120} />
        ) : articles.isError ? (
          <ErrorPanel error={articles.error} onRetry={() => void articles.refetch()} />
        ) : articles.data.length === 0 ? (
          <Text c="dimmed">{t.none}</Text>
        ) : (
          <Table striped highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t.title}</Table.Th>
                <Table.Th>{t.status}</Table.Th>
                <Table.Th>{t.publishedAt}</Table.Th>
                <Table.Th className="gn-num">{t.comments}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {articles.data.map((a) => (
                <Table.Tr key={a.id}>
                  <Table.Td>
                    <Anchor component={Link} to={`/portal/articles/${a.id}`}>
                      {a.title}
                    </Anchor>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={STATUS_COLOUR[a.status]} variant="dot">
                      {t[a.status]}
                    </Badge>
                  </Table.Td>
                  <Table.Td>{a.publishedAt ? formatInstantVn(a.publishedAt) : '—'}</Table.Td>
                  <Table.Td className="gn-num">{a.commentCount ?? 0}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </Paper>
      <SiteSettings />
    </Stack>
  );
}
