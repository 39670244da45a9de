// The portal module of the web app: articles and photos (editors), comment moderation (editors,
// the Fatherland Front), citizens' feedback (the Front, commune and province officers).
import type { AppModule } from '../../modules';
import { IconPortal } from './icon';

export const portalModule: AppModule = {
  id: 'portal',
  order: 70,
  routes: [
    { path: 'portal/articles', load: () => import('./ArticlesPage'), permission: 'portal.edit' },
    { path: 'portal/articles/new', load: () => import('./ArticleEditPage'), permission: 'portal.edit' },
    { path: 'portal/articles/:id', load: () => import('./ArticleEditPage'), permission: 'portal.edit' },
    { path: 'portal/comments', load: () => import('./CommentsPage'), permission: 'portal.moderate' },
    {
      path: 'portal/feedback',
      load: () => import('./FeedbackPage'),
      permission: 'feedback.triage',
    },
  ],
  nav: [
    {
      path: 'portal/articles',
      label: { vi: 'Bài viết', en: 'Articles' },
      icon: <IconPortal />,
      permission: 'portal.edit',
    },
    {
      path: 'portal/comments',
      label: { vi: 'Kiểm duyệt bình luận', en: 'Comment moderation' },
      icon: <IconPortal />,
      permission: 'portal.moderate',
    },
    {
      path: 'portal/feedback',
      label: { vi: 'Góp ý – phản ánh', en: 'Feedback' },
      icon: <IconPortal />,
      permission: 'feedback.triage',
    },
  ],
};
