import { describe, expect, it } from 'vitest';
import { MAX_URL_LENGTH, isWebUrl } from './url.ts';

describe('isWebUrl', () => {
  it('lets http(s) through and nothing else', () => {
    expect(isWebUrl('https://blog.example/posts/a/')).toBe(true);
    expect(isWebUrl('http://blog.example/a.png')).toBe(true);
    for (const bad of ['data:image/png;base64,AAAA', 'javascript:alert(1)', 'ftp://x.example/a', 'file:///etc/passwd', '/relative/path', '', undefined]) {
      expect(isWebUrl(bad), String(bad)).toBe(false);
    }
  });

  it('refuses credentials in the URL and anything over the length cap', () => {
    expect(isWebUrl('https://user:secret@blog.example/a')).toBe(false);
    expect(isWebUrl('https://user@blog.example/a')).toBe(false);
    const long = `https://blog.example/${'a'.repeat(MAX_URL_LENGTH)}`;
    expect(isWebUrl(long)).toBe(false);
    expect(isWebUrl('https://blog.example/abc', 20)).toBe(false);
  });
});
