// The portal module of the web app: articles and photos (editors), comment moderation (editors,
// the Fatherland Front), citizens' feedback (the Front, commune and province officers).
import type { AppModule } from '../../modules';
import { IconPortal } from './icon';

export const portalModule: AppModule = {
  id: 'portal',
  order: 70,
  routes: [
    { path: 'portal/articles', load: () => import('./ArticlesPage'), roles: ['editor'] },
    { path: 'portal/articles/new', load: () => import('./ArticleEditPage'), roles: ['editor'] },
    { path: 'portal/articles/:id', load: () => import('./ArticleEditPage'), roles: ['editor'] },
    { path: 'portal/comments', load: () => import('./CommentsPage'), roles: ['editor', 'supervisor'] },
    {
      path: 'portal/feedback',
      load: () => import('./FeedbackPage'),
      roles: ['supervisor', 'commune-officer', 'province-officer'],
    },
  ],
  nav: [
    {
      path: 'portal/articles',
      label: { vi: 'Bài viết', en: 'Articles' },
      icon: <IconPortal />,
      roles: ['editor'],
    },
    {
      path: 'portal/comments',
      label: { vi: 'Kiểm duyệt bình luận', en: 'Comment moderation' },
      icon: <IconPortal />,
      roles: ['editor', 'supervisor'],
    },
    {
      path: 'portal/feedback',
      label: { vi: 'Góp ý – phản ánh', en: 'Feedback' },
      icon: <IconPortal />,
      roles: ['supervisor', 'commune-officer', 'province-officer'],
    },
  ],
};
