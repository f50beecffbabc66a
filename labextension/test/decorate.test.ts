/** @jest-environment jsdom */
import { decorateNode } from '../src/decorate';

const citation = (source: string, text: string, keys: string[], missing: string[] = []) =>
  ({ source, text, keys, missing });
const REFERENCES = { schon1983: 'Schön, D.A. (1983) The reflective practitioner.' };

function host(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('decorateNode', () => {
  it('wraps each citation in the text with the style text and the works as its title', () => {
    const node = host('<p>As argued [@schon1983], and again [@schon1983].</p>');
    decorateNode(node, [citation('[@schon1983]', '(Schön, 1983)', ['schon1983'])], REFERENCES);
    const spans = node.querySelectorAll('span.jp-journal-citation');
    expect(spans).toHaveLength(2);
    expect(spans[0].textContent).toBe('(Schön, 1983)');
    expect((spans[0] as HTMLElement).title).toBe(REFERENCES.schon1983);
    expect((spans[0] as HTMLElement).dataset.source).toBe('[@schon1983]');
    expect(node.textContent).toBe('As argued (Schön, 1983), and again (Schön, 1983).');
  });

  it('marks a missing key and says so on hover', () => {
    const node = host('<p>See [@nobody2020].</p>');
    decorateNode(node, [citation('[@nobody2020]', '(nobody2020)', ['nobody2020'], ['nobody2020'])], REFERENCES);
    const span = node.querySelector('span.jp-journal-citation') as HTMLElement;
    expect(span.classList.contains('jp-journal-missing')).toBe(true);
    expect(span.title).toMatch(/^nobody2020: not found/);
  });

  it('leaves code, preformatted text and earlier wrappings alone, so a second pass changes nothing', () => {
    const node = host('<p>[@schon1983] <code>[@schon1983]</code></p><pre>[@schon1983]</pre>');
    const cited = [citation('[@schon1983]', '(Schön, 1983)', ['schon1983'])];
    decorateNode(node, cited, REFERENCES);
    const once = node.innerHTML;
    decorateNode(node, cited, REFERENCES);
    expect(node.innerHTML).toBe(once);
    expect(node.querySelectorAll('span.jp-journal-citation')).toHaveLength(1);
    expect(node.querySelector('code')!.textContent).toBe('[@schon1983]');
    expect(node.querySelector('pre')!.textContent).toBe('[@schon1983]');
  });

  it('treats names and text as text, never as markup', () => {
    const node = host('<p>[@x]</p>');
    decorateNode(node, [citation('[@x]', '<img src=x onerror=alert(1)>', ['x'])], { x: '<b>bold</b>' });
    expect(node.querySelector('img')).toBeNull();
    expect(node.querySelector('span.jp-journal-citation')!.textContent).toBe('<img src=x onerror=alert(1)>');
  });
});
