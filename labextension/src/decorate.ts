/**
 * The rendered citations in a Markdown cell's output: each `[@key]` the server rendered is wrapped in a span
 * that shows the style's text and, on hover, the works it cites. Only the DOM and the server's reply are
 * used here, so it is tested without JupyterLab.
 */
import type { ICiteReply } from './api';
import { findAll } from './works';

/** Wrap each citation found in the text nodes of `host`; code and earlier wrappings are left alone. */
export function decorateNode(host: Element, citations: ICiteReply['cells'][number], references: Record<string, string>): void {
  const bySource = new Map(citations.map(c => [c.source, c]));
  const walker = document.createTreeWalker(host, NodeFilter.SHOW_TEXT, {
    acceptNode: node =>
      node.parentElement?.closest('code, pre, .jp-journal-citation') ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
  });
  const nodes: Text[] = [];
  while (walker.nextNode()) {
    nodes.push(walker.currentNode as Text);
  }
  for (const node of nodes) {
    const found = findAll(node.data, [...bySource.keys()]);
    if (found.length === 0) {
      continue;
    }
    const fragment = document.createDocumentFragment();
    let at = 0;
    for (const { start, end, needle } of found) {
      fragment.append(node.data.slice(at, start));
      const citation = bySource.get(needle)!;
      const span = document.createElement('span');
      span.className = 'jp-journal-citation' + (citation.missing.length ? ' jp-journal-missing' : '');
      span.textContent = citation.text;
      span.dataset.source = needle;
      span.title = citation.keys
        .map(k => references[k] ?? `${k}: not found in the entry's bibliography or references.bib`)
        .join('\n');
      fragment.append(span);
      at = end;
    }
    fragment.append(node.data.slice(at));
    node.replaceWith(fragment);
  }
}
