/** The References panel: the current notebook's reference list as it stands, without kernel or save. */
import { Sanitizer } from '@jupyterlab/apputils';
import { Widget } from '@lumino/widgets';
import { ICiteReply } from './api';
import { CitationTracker } from './citations';

export class ReferencesPanel extends Widget {
  constructor() {
    super();
    this.id = 'journal-references';
    this.addClass('jp-journal-References');
    this.title.caption = 'References';
    this.title.label = 'References';
    this.show_(null, null);
  }

  /** Follow the tracker of the notebook in front, or none. */
  follow(tracker: CitationTracker | null): void {
    this._tracker?.changed.disconnect(this._onChanged, this);
    this._tracker = tracker;
    tracker?.changed.connect(this._onChanged, this);
    this.show_(tracker, tracker?.reply ?? null);
  }

  private _onChanged(tracker: CitationTracker, reply: ICiteReply | null): void {
    this.show_(tracker, reply);
  }

  private show_(tracker: CitationTracker | null, reply: ICiteReply | null): void {
    const node = this.node;
    node.replaceChildren();
    const heading = document.createElement('h2');
    heading.textContent = 'References';
    node.append(heading);
    const note = (text: string, cls: string) => {
      const p = document.createElement('p');
      p.className = cls;
      p.textContent = text;
      node.append(p);
    };
    if (!tracker) {
      note('Open a journal entry to see its references.', 'jp-journal-note');
      return;
    }
    if (tracker.error) {
      note(tracker.error, 'jp-journal-error');
    }
    if (!reply) {
      return;
    }
    if (reply.list_html) {
      const list = document.createElement('div');
      list.className = 'jp-journal-list';
      list.innerHTML = this._sanitizer.sanitize(reply.list_html);
      list.querySelector('h2')?.remove();
      node.append(list);
    } else {
      note('No citations yet: type [@ in a Markdown cell, or use Insert citation.', 'jp-journal-note');
    }
    if (reply.missing.length) {
      note(`Not found in the entry's bibliography or ${reply.library ?? 'references.bib'}: ${reply.missing.join(', ')}`,
        'jp-journal-missing-keys');
    }
    for (const problem of reply.problems) {
      note(problem, 'jp-journal-error');
    }
  }

  private _tracker: CitationTracker | null = null;
  private _sanitizer = new Sanitizer();
}
