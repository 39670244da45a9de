// Rate limits of what the public may send (comments, feedback): per client address (req.ip), per
// window. The address is the socket's peer; X-Forwarded-For is believed only from the proxies
// named in GIAMNGHEO_TRUST_PROXY (docs/decisions/0014-edge-hardening.md), so a client cannot
// rotate the header to escape the limit.
export const PUBLIC_POST_LIMIT = { max: 10, timeWindow: '10 minutes' } as const;
