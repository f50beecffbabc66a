/**
 * The citations of one open notebook: sent to the server as typed, rendered in its Markdown cells,
 * listed in the References panel, and works found only in the library embedded in the document.
 */
import { MarkdownCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';
import { entryInfo, ICiteReply, IWorksReply, post } from './api';
import { decorateNode } from './decorate';
import { IWork, mergeWorks } from './works';

const DELAY_MS = 300;

export class CitationTracker {
  constructor(readonly panel: NotebookPanel) {
    panel.context.ready.then(() => {
      if (this.panel.isDisposed) {
        return;
      }
      this.panel.model?.contentChanged.connect(this.schedule, this);
      this.panel.model?.metadataChanged.connect(this.schedule, this);
      this._observer.observe(this.panel.content.node, { childList: true, subtree: true });
      this.schedule();
    });
    panel.disposed.connect(() => {
      this._observer.disconnect();
      window.clearTimeout(this._timer);
    });
  }

  /** The latest reply from the server, or null before the first one. */
  get reply(): ICiteReply | null {
    return this._reply;
  }

  get changed(): ISignal<this, ICiteReply | null> {
    return this._changed;
  }

  get error(): string {
    return this._error;
  }

  get path(): string {
    return this.panel.context.path;
  }

  /** Embedded BibTeX as it stands in the open document. */
  get embedded(): string {
    const meta = (this.panel.model?.getMetadata('journal') ?? {}) as { references?: unknown };
    return typeof meta.references === 'string' ? meta.references : '';
  }

  /** Every work the notebook can cite: embedded first, then references.bib. */
  async works(): Promise<IWork[]> {
    const reply = await post<IWorksReply>('works', { path: this.path, embedded: this.embedded });
    const embedded = reply.works.filter(w => w.where === 'entry');
    return mergeWorks(embedded, reply.works.filter(w => w.where === 'library'));
  }

  schedule(): void {
    window.clearTimeout(this._timer);
    this._timer = window.setTimeout(() => void this.refresh(), DELAY_MS);
  }

  /** Ask the server about the citations as they stand now, then show and embed what it says. */
  async refresh(): Promise<void> {
    if (this.panel.isDisposed || !this.panel.model) {
      return;
    }
    let listTag = '';
    try {
      listTag = (await entryInfo(this.path)).list_tag;
    } catch {
      // not readable by the server: the refresh below says why
    }
    const cells = this.proseCells(listTag);
    const sources = cells.map(c => c.model.sharedModel.getSource());
    const request = ++this._request;
    try {
      const reply = await post<ICiteReply>('cite', { path: this.path, cells: sources, embedded: this.embedded });
      if (request !== this._request || this.panel.isDisposed) {
        return; // a newer edit is on its way
      }
      this._reply = reply;
      this._cells = cells;
      this._sources = sources;
      this._error = '';
      if (reply.embed !== null && reply.embed !== this.embedded) {
        this.embed(reply.embed);
      }
      this.decorate();
    } catch (reason) {
      this._error = (reason as Error).message;
    }
    this._changed.emit(this._reply);
  }

  /** Put the works into the open document's metadata: the next save writes them, no file conflict. */
  private embed(bibtex: string): void {
    const model = this.panel.model!;
    const meta = { ...((model.getMetadata('journal') ?? {}) as object), references: bibtex };
    model.setMetadata('journal', meta);
  }

  /** Markdown cells of prose: the list `journal refs render` writes (tagged `listTag`) is output, not prose. */
  private proseCells(listTag: string): MarkdownCell[] {
    return this.panel.content.widgets.filter((cell): cell is MarkdownCell => {
      if (cell.model.type !== 'markdown') {
        return false;
      }
      const tags = cell.model.getMetadata('tags');
      return !(Array.isArray(tags) && tags.includes(listTag));
    });
  }

  /** Replace citation text in rendered Markdown by the style's rendering, with the reference on hover. */
  decorate(): void {
    const reply = this._reply;
    if (!reply) {
      return;
    }
    this._cells.forEach((cell, i) => {
      const citations = reply.cells[i] ?? [];
      const host = cell.isDisposed ? null : cell.node.querySelector('.jp-RenderedMarkdown');
      // A reply about older text would mark the wrong words: wait for the one about this text.
      if (!host || citations.length === 0 || cell.model.sharedModel.getSource() !== this._sources[i]) {
        return;
      }
      decorateNode(host, citations, reply.references);
    });
  }

  private _onMutation = (): void => {
    window.clearTimeout(this._decorateTimer);
    this._decorateTimer = window.setTimeout(() => this.decorate(), 30);
  };

  private _observer = new MutationObserver(this._onMutation);
  private _timer = 0;
  private _decorateTimer = 0;
  private _request = 0;
  private _reply: ICiteReply | null = null;
  private _error = '';
  private _cells: MarkdownCell[] = [];
  private _sources: string[] = [];
  private _changed = new Signal<this, ICiteReply | null>(this);
}
