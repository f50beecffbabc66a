/**
 * What the ipywidgets panels (widgets/cards.py) cannot say for themselves, said here: ipywidgets sets classes
 * and titles but no ARIA. An element of class `journal-status` is a role="status" region from the moment it is
 * shown (empty, so its later text is announced); a `journal-named` control takes its title ("Approve comment
 * by Bob on Week 1") as its accessible name; the selected button of a `journal-switcher` is aria-pressed.
 * No JupyterLab here, so jest tests it on a DOM.
 */

export const STATUS = 'journal-status';
export const NAMED = 'journal-named';
export const SWITCHER = 'journal-switcher';
const PANEL = '.journal-panel';

/** Give the panels' elements under `root` (and `root` itself) their roles and names. */
export function decoratePanels(root: Element): void {
  const all = (cls: string) => [...(root.classList.contains(cls) ? [root] : []), ...Array.from(root.querySelectorAll(`.${cls}`))];
  for (const node of all(STATUS)) {
    if (node.getAttribute('role') !== 'status') {
      node.setAttribute('role', 'status');
    }
  }
  for (const node of all(NAMED)) {
    const name = node.getAttribute('title');
    // A button is the control itself; a checkbox widget is a box around its input.
    const control = node.matches('button, input') ? node : node.querySelector('input, button, textarea, select');
    if (name && control && control.getAttribute('aria-label') !== name) {
      control.setAttribute('aria-label', name);
    }
  }
  for (const group of all(SWITCHER)) {
    for (const button of Array.from(group.querySelectorAll('button'))) {
      const pressed = String(button.classList.contains('mod-active'));
      if (button.getAttribute('aria-pressed') !== pressed) {
        button.setAttribute('aria-pressed', pressed);
      }
    }
  }
}

/** Keep decorating what appears or changes under `root` (widgets render and re-render at any time). */
export function watchPanels(root: Element): MutationObserver {
  const observer = new MutationObserver(records => {
    const panels = new Set<Element>();
    for (const record of records) {
      const target = record.target instanceof Element ? record.target : record.target.parentElement;
      const inside = target?.closest(PANEL);
      if (inside) {
        panels.add(inside);
      }
      for (const added of Array.from(record.addedNodes)) {
        if (added instanceof Element) {
          added.querySelectorAll(PANEL).forEach(panel => panels.add(panel));
        }
      }
    }
    panels.forEach(decoratePanels);
  });
  observer.observe(root, { childList: true, subtree: true, attributes: true, attributeFilter: ['class', 'title'] });
  decoratePanels(root);
  return observer;
}
