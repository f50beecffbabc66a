/** The few DOM helpers the extension's own panels share. */

/** "1 comment", "2 comments". */
export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** A `tag` element with `text` and, if given, the class `cls`. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, text = '', cls = ''): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  node.textContent = text;
  if (cls) {
    node.className = cls;
  }
  return node;
}
