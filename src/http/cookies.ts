export const SESSION_COOKIE = 'gn_session';
