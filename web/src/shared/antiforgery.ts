export const XsrfCookie = 'XSRF-TOKEN';
export const XsrfHeader = 'X-XSRF-TOKEN';

/** The value of a cookie readable from script, or null. */
export function readCookie(name: string, cookies: string = document.cookie): string | null {
  for (const part of cookies.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

/** Only state-changing requests carry the token; the server checks it on those. */
export function needsAntiforgery(method: string): boolean {
  return !['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase());
}
