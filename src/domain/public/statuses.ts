// The kinds and states of citizens' feedback and comments: one list each, which the services check
// input against, the API's response schemas publish and the web app's editor screens read.
export const FEEDBACK_KINDS = ['list', 'program'] as const;
export const FEEDBACK_STATUSES = ['received', 'in-progress', 'answered', 'closed'] as const;
export const COMMENT_STATUSES = ['pending', 'published', 'rejected'] as const;
export type FeedbackKind = (typeof FEEDBACK_KINDS)[number];
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];
export type CommentStatus = (typeof COMMENT_STATUSES)[number];
