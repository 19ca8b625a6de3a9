// The environment, read and checked once. The app talks to the API on its own origin unless VITE_API_URL names
// another one (an absolute http(s) URL, e.g. for `npm run dev` against a remote server).
function readApiUrl(value: string | undefined): string {
  const url = (value ?? '').trim().replace(/\/+$/, '');
  if (url !== '' && !/^https?:\/\/[^/\s]+(\/[^\s]*)?$/.test(url)) {
    throw new Error(`VITE_API_URL must be an absolute http(s) URL or empty, got "${value}"`);
  }
  return url;
}

export const env = {
  apiUrl: readApiUrl(import.meta.env.VITE_API_URL as string | undefined),
} as const;
