/** The journal sidebar: entries with their state, new entry, publish, export, what waits for moderation, and
 * "Describe this figure" while the active cell has one. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Dialog, showDialog, showErrorMessage } from '@jupyterlab/apputils';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { NotebookPanel } from '@jupyterlab/notebook';
import { Widget } from '@lumino/widgets';
import { IEntryRow, IJournalReply, IStatusReply, post, requestAPI } from './api';
import { describeButton } from './describe';
import { el, plural } from './dom';

/** How often a shown sidebar asks whether anything changed (one stat per file on the server). */
const POLL_MS = 4000;

export class JournalSidebar extends Widget {
  constructor(app: JupyterFrontEnd, private docs: IDocumentManager, private where: () => string,
              private moderateIn: (journal: IJournalReply) => void) {
    super();
    this.id = 'journal-sidebar';
    this.addClass('jp-journal-Sidebar');
    this.title.caption = 'Journal';
    this._describe = describeButton(app);
    app.serviceManager.contents.fileChanged.connect(() => this.schedule());
    // A peer's comment or another process's moderation changes no file JupyterLab knows of: ask the server.
    this._poll = window.setInterval(() => void this.poll(), POLL_MS);
  }

  dispose(): void {
    window.clearInterval(this._poll);
    super.dispose();
  }

  /** Reload when the journal's stamp moved (or always, for a store that cannot tell cheaply). */
  async poll(): Promise<void> {
    if (!this.isVisible || !this._journal) {
      return;
    }
    try {
      const { stamp } = await requestAPI<{ stamp: string }>('stamp', {}, { path: this._journal.path });
      if (!stamp || stamp !== this._journal.stamp) {
        await this.refresh();
      }
    } catch {
      // the next poll tries again
    }
  }

  get journal(): IJournalReply | null {
    return this._journal;
  }

  schedule(): void {
    window.clearTimeout(this._timer);
    this._timer = window.setTimeout(() => void this.refresh(), 250);
  }

  async refresh(): Promise<void> {
    try {
      this._journal = await requestAPI<IJournalReply>('journal', {}, { path: this.where() });
      this._error = '';
    } catch (reason) {
      this._journal = null;
      this._error = (reason as Error).message;
    }
    this.render();
  }

  /** A new entry in the journal shown, opened at once. */
  async newEntry(title: string, template: string): Promise<string | null> {
    if (!title.trim()) {
      await showErrorMessage('New entry', 'An entry needs a title.');
      return null;
    }
    try {
      const reply = await post<{ path: string }>('journal', { path: this._journal?.path ?? this.where(), title, template });
      this.docs.openOrReveal(reply.path);
      await this.refresh();
      return reply.path;
    } catch (reason) {
      await showErrorMessage('New entry', (reason as Error).message);
      return null;
    }
  }

  /** Publish or unpublish; an open entry changes in its editor (then saves), so nothing conflicts. Publishing
   * first shows what `journal publish` would warn about (prompts left, missing citations) and goes on only
   * when the student says so. */
  async setStatus(row: IEntryRow, status: 'draft' | 'published'): Promise<void> {
    const open = this.docs.findWidget(row.path);
    try {
      if (open instanceof NotebookPanel && open.model) {
        if (status === 'published') {
          await open.context.save();
          const found = await requestAPI<IStatusReply>('status', {}, { path: row.path });
          if (!(await publishAnyway(row, found.warnings))) {
            return;
          }
        }
        const meta = { ...((open.model.getMetadata('journal') ?? {}) as object), status };
        open.model.setMetadata('journal', meta);
        await open.context.save();
      } else {
        const reply = await post<IStatusReply>('status', { path: row.path, status });
        if (reply.warnings.length && (await publishAnyway(row, reply.warnings))) {
          await post('status', { path: row.path, status, force: true });
        }
      }
    } catch (reason) {
      await showErrorMessage(status === 'published' ? 'Publish' : 'Unpublish', (reason as Error).message);
    }
    await this.refresh();
  }

  /** Export an entry (saving it first when open and changed) and open the result. */
  async exportEntry(row: IEntryRow, to: 'pdf' | 'html'): Promise<string | null> {
    const open = this.docs.findWidget(row.path);
    this.setBusy(`Exporting ${row.title} to ${to.toUpperCase()}…`);
    try {
      if (open?.context.model.dirty) {
        await open.context.save();
      }
      const reply = await post<{ path: string }>('export', { path: row.path, to });
      this.docs.openOrReveal(reply.path);
      return reply.path;
    } catch (reason) {
      await showErrorMessage(`Export to ${to.toUpperCase()}`, (reason as Error).message);
      return null;
    } finally {
      this.setBusy('');
    }
  }

  moderate(): void {
    if (this._journal) {
      this.moderateIn(this._journal);
    }
  }

  protected onAfterShow(): void {
    void this.refresh();
  }

  private setBusy(text: string): void {
    this._busy.textContent = text;
    this._busy.hidden = !text;
  }

  private render(): void {
    const node = this.node;
    node.replaceChildren(this._busy);
    const journal = this._journal;
    if (!journal) {
      node.append(el('p', this._error || 'Open a folder inside a journal (one with journal.toml).', 'jp-journal-note'),
        this._describe);
      return;
    }
    node.append(el('h2', journal.title), this._describe);
    if (journal.pending !== null) {
      const waiting = el('button', `${plural(journal.pending, 'comment')} awaiting moderation`,
        `jp-journal-moderate jp-mod-styled${journal.pending ? ' jp-journal-waiting' : ''}`);
      waiting.addEventListener('click', () => this.moderate());
      node.append(waiting);
    }
    if (journal.can_write) {
      node.append(this.newEntryForm(journal));
    }
    const list = el('ul', '', 'jp-journal-entries');
    list.setAttribute('aria-label', 'Entries, newest first');
    for (const row of [...journal.entries].reverse()) {
      const item = el('li', '', 'jp-journal-entry');
      item.dataset.path = row.path;
      const open = el('a', row.title, 'jp-journal-open');
      open.href = '#';
      open.addEventListener('click', event => {
        event.preventDefault();
        this.docs.openOrReveal(row.path);
      });
      const comments = plural(row.approved, 'comment') + (row.pending === undefined ? '' : `, ${row.pending} pending`);
      const meta = el('div', '', 'jp-journal-meta');
      const shared = row.shared === null ? '' : ` · ${sharedWith(journal, row.shared)}`;
      meta.append(el('span', row.status, `jp-journal-status jp-journal-${row.status}`),
        ` ${row.date} · ${row.words} words · ${row.citations} cited · ${comments}${shared}`);
      const actions = el('div', '', 'jp-journal-actions');
      const publish = row.status === 'published' ? 'Unpublish' : 'Publish';
      if (journal.can_write) {
        actions.append(this.button(publish, `${publish} ${row.title}`,
          () => this.setStatus(row, row.status === 'published' ? 'draft' : 'published')));
      }
      if (journal.can_write && journal.course && row.status === 'published') {
        actions.append(this.shareControl(journal, row));
      }
      actions.append(
        this.button('PDF', `Export ${row.title} to PDF`, () => this.exportEntry(row, 'pdf')),
        this.button('HTML', `Export ${row.title} to HTML`, () => this.exportEntry(row, 'html'))
      );
      item.append(open, meta, actions);
      list.append(item);
    }
    node.append(list);
  }

  private newEntryForm(journal: IJournalReply): HTMLElement {
    const form = el('form', '', 'jp-journal-new');
    const title = el('input');
    title.placeholder = 'Title of a new entry';
    title.setAttribute('aria-label', 'Title of a new entry');
    const template = el('select');
    template.setAttribute('aria-label', 'Template');
    for (const [name, description] of Object.entries(journal.templates)) {
      const option = el('option', name);
      option.value = name;
      option.title = description;
      template.append(option);
    }
    form.append(title, template, el('button', 'New entry', 'jp-mod-styled jp-mod-accept'));
    form.addEventListener('submit', event => {
      event.preventDefault();
      void this.newEntry(title.value, template.value);
    });
    return form;
  }

  /** Who reads the entry on the course (a choice of the course's levels) and a button that shares it so. */
  private shareControl(journal: IJournalReply, row: IEntryRow): HTMLElement {
    const box = el('span', '', 'jp-journal-share');
    const level = el('select');
    level.setAttribute('aria-label', `Who reads ${row.title} on the course`);
    if (!row.shared) {
      // Never shared: the course's own default (course.toml default_visibility) unless the author picks.
      const fallback = el('option', "as the course's default");
      fallback.value = '';
      fallback.selected = true;
      level.append(fallback);
    }
    for (const [name, who] of Object.entries(journal.levels)) {
      const option = el('option', who);
      option.value = name;
      option.selected = name === row.shared;
      level.append(option);
    }
    const label = row.shared && row.shared !== 'withdrawn' ? 'Share again' : 'Share';
    box.append(level, this.button(label, `Share ${row.title} with the course`, () => this.share(row, level.value)));
    return box;
  }

  /** Share an entry with the course at `visibility` (saving it first when open and changed). */
  async share(row: IEntryRow, visibility: string): Promise<void> {
    const open = this.docs.findWidget(row.path);
    try {
      if (open?.context.model.dirty) {
        await open.context.save();
      }
      await post('share', { path: row.path, visibility });
    } catch (reason) {
      await showErrorMessage('Share', (reason as Error).message);
    }
    await this.refresh();
  }

  private button(label: string, aria: string, action: () => Promise<unknown>): HTMLButtonElement {
    const button = el('button', label, 'jp-mod-styled jp-journal-action');
    button.setAttribute('aria-label', aria);
    button.addEventListener('click', () => void action());
    return button;
  }

  private _journal: IJournalReply | null = null;
  private _poll = 0;
  private _error = '';
  private _timer = 0;
  private _busy = el('p', '', 'jp-journal-busy');
  private _describe: HTMLButtonElement;
}


/** Whether to publish despite `warnings` (none: yes, without asking). */
async function publishAnyway(row: IEntryRow, warnings: string[]): Promise<boolean> {
  if (!warnings.length) {
    return true;
  }
  const body = document.createElement('ul');
  for (const warning of warnings) {
    const item = document.createElement('li');
    item.textContent = warning;
    body.appendChild(item);
  }
  const answer = await showDialog({
    title: `Publish ${row.title}?`,
    body: new Widget({ node: body }),
    buttons: [Dialog.cancelButton({ label: 'Keep as draft' }), Dialog.okButton({ label: 'Publish anyway' })]
  });
  return answer.button.accept;
}

/** "shared with your tutor group", "withdrawn from the course", "not shared". */
function sharedWith(journal: IJournalReply, level: string): string {
  if (!level) {
    return 'not shared';
  }
  return level in journal.levels ? `shared with ${journal.levels[level]}` : `${level} from the course`;
}
