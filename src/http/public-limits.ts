// Rate limits of what the public may send (comments, feedback): per client address, per window.
// Behind a reverse proxy the address comes from X-Forwarded-For (buildApp sets trustProxy), so the
// proxy must be the only way in.
export const PUBLIC_POST_LIMIT = { max: 10, timeWindow: '10 minutes' } as const;
