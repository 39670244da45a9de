// Response headers that limit what a browser does with our answers.
// - Every response: no MIME sniffing (a JSON body or an uploaded file is never run as HTML or
//   script), and the Referer leaves the site with the origin only (paths carry household and unit
//   identifiers).
// - The web app (/app/): a Content Security Policy. Scripts come only from our own files (the
//   Vite build emits no inline script), nothing may frame the app (clickjacking), no plugins, no
//   <base> rewriting, forms post only to us. Styles allow 'unsafe-inline' because Mantine and
//   ECharts set style attributes and inject <style> elements at run time; images allow data: and
//   blob: for the charts' and the map's canvases and the Excel/PDF downloads made in the browser.

export const COMMON_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
};

export const APP_CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export const APP_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  ...COMMON_SECURITY_HEADERS,
  'content-security-policy': APP_CONTENT_SECURITY_POLICY,
  // frame-ancestors for browsers that predate it.
  'x-frame-options': 'DENY',
};
