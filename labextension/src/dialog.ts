/** Insert citation: search the works, tick one or several, add a locator or choose the narrative form. */
import { Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { citationText, IWork, narrativePreview, search, sortedKeys } from './works';

class CitationForm extends Widget {
  constructor(private works: IWork[]) {
    super();
    this.addClass('jp-journal-CitationForm');
    this.query.type = 'search';
    this.query.placeholder = 'Search by author, year, title or key';
    this.query.setAttribute('aria-label', 'Search works');
    this.locator.placeholder = 'Locator, e.g. p. 6';
    this.locator.setAttribute('aria-label', 'Locator');
    this.list.className = 'jp-journal-CitationForm-list';
    this.list.setAttribute('role', 'group');
    this.list.setAttribute('aria-label', 'Works');
    const narrative = document.createElement('label');
    narrative.append(this.narrative, this.narrativeText);
    this.narrative.type = 'checkbox';
    this.node.append(this.query, this.list, this.locator, narrative);
    this.query.addEventListener('input', () => this.fill());
    this.locator.addEventListener('input', () => this.preview());
    this.fill();
    this.preview();
  }

  /** The narrative form of what is ticked, as it will be written; off and explained for none or several. */
  private preview(): void {
    const works = this.chosen.map(key => this.works.find(w => w.key === key)!).filter(Boolean);
    this.narrativeText.textContent = ' ' + narrativePreview(works, this.locator.value);
    this.narrative.disabled = works.length !== 1;
    if (this.narrative.disabled) {
      this.narrative.checked = false;
    }
  }

  /** The citation in pandoc's syntax, or why it cannot be written (for the student). */
  getValue(): { text?: string; error?: string } {
    try {
      // In the style's order (author, year, suffix), as the text will render them, not the order ticked.
      const keys = sortedKeys(this.works, this.chosen);
      return { text: citationText(keys, { locator: this.locator.value, narrative: this.narrative.checked }) };
    } catch (reason) {
      return { error: (reason as Error).message };
    }
  }

  protected onAfterAttach(): void {
    this.query.focus();
  }

  private fill(): void {
    this.list.replaceChildren();
    for (const work of search(this.works, this.query.value)) {
      const box = document.createElement('input');
      box.type = 'checkbox';
      box.value = work.key;
      box.checked = this.chosen.includes(work.key);
      box.addEventListener('change', () => {
        this.chosen = box.checked ? [...this.chosen, work.key] : this.chosen.filter(k => k !== work.key);
        this.preview();
      });
      const label = document.createElement('label');
      label.className = 'jp-journal-work';
      label.title = work.reference;
      const text = document.createElement('span');
      text.textContent = `${work.author} (${work.year}) ${work.title}`;
      const where = document.createElement('small');
      where.textContent = work.where === 'entry' ? ' embedded' : ' references.bib';
      label.append(box, text, where);
      this.list.append(label);
    }
  }

  private chosen: string[] = [];
  private query = document.createElement('input');
  private locator = document.createElement('input');
  private narrative = document.createElement('input');
  private narrativeText = document.createElement('span');
  private list = document.createElement('div');
}

/** Ask for a citation; null when cancelled. */
export async function askCitation(works: IWork[]): Promise<string | null> {
  if (works.length === 0) {
    await showErrorMessage('Insert citation', 'No works to cite: add them to references.bib or embed them with journal refs add.');
    return null;
  }
  for (;;) {
    const result = await showDialog({
      title: 'Insert citation',
      body: new CitationForm(works),
      buttons: [Dialog.cancelButton(), Dialog.okButton({ label: 'Insert' })],
      focusNodeSelector: 'input'
    });
    if (!result.button.accept) {
      return null;
    }
    const value = result.value as { text?: string; error?: string } | null;
    if (value?.text) {
      return value.text;
    }
    await showErrorMessage('Insert citation', value?.error ?? 'Nothing chosen');
  }
}
