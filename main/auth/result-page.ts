/** The small page the browser shows after the loopback redirect. Static, no script. */

const escapeHtml = (text: string): string =>
  text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/** Success when `errorMessage` is undefined; otherwise the (already redacted) reason. */
export function resultPage(errorMessage?: string): string {
  const title = errorMessage ? 'Sign-in did not complete' : 'Signed in to Seatwise';
  const body = errorMessage
    ? `<p>${escapeHtml(errorMessage)}</p><p>You can close this tab and go back to Seatwise.</p>`
    : '<p>You can close this tab and go back to Seatwise.</p>';
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:4rem auto;padding:0 1rem;color:#1f2937}h1{font-size:1.4rem}</style>
</head><body><h1>${title}</h1>${body}</body></html>
`;
}
