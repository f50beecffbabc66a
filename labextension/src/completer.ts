/** Cite as you type: `[@` or `@` in a Markdown cell offers the works, searched fuzzily. */
import { CompleterModel, CompletionHandler, ICompletionContext, ICompletionProvider } from '@jupyterlab/completer';
import { NotebookPanel } from '@jupyterlab/notebook';
import { CitationTracker } from './citations';
import { IWork, keyAtCursor, search } from './works';

interface IWorkItem extends CompletionHandler.ICompletionItem {
  work: IWork;
}

const isWorkItem = (item: CompletionHandler.ICompletionItem): item is IWorkItem => 'work' in item;

export function workItem(work: IWork): IWorkItem {
  return {
    label: `${work.author} (${work.year}) ${work.title}`,
    insertText: work.key,
    type: work.where === 'entry' ? 'embedded' : 'library',
    documentation: work.reference,
    work
  };
}

/**
 * Filters works by key, author, year and title, ignoring case and accents; the default model
 * matches the label only, case-sensitively. Other providers' items keep the default behaviour.
 */
export class CitationCompleterModel extends CompleterModel {
  setCompletionItems(items: CompletionHandler.ICompletionItems): void {
    this._works = items.filter(isWorkItem);
    super.setCompletionItems(items);
  }

  completionItems(): CompletionHandler.ICompletionItems {
    if (this._works.length === 0) {
      return super.completionItems();
    }
    // The items themselves, not new ones: the reconciliator may have trimmed their insertText to
    // align with another provider's range.
    const itemOf = new Map(this._works.map(item => [item.work, item]));
    return search(this._works.map(i => i.work), this.query).map(work => itemOf.get(work)!);
  }

  reset(hard?: boolean): void {
    this._works = [];
    super.reset(hard);
  }

  private _works: IWorkItem[] = [];
}

export class CitationProvider implements ICompletionProvider {
  readonly identifier = 'journal-lab:citations';
  readonly rank = 1000;
  readonly renderer = null;

  constructor(private trackerOf: (panel: NotebookPanel) => CitationTracker | undefined) {}

  async isApplicable(context: ICompletionContext): Promise<boolean> {
    const panel = context.widget;
    return panel instanceof NotebookPanel && panel.content.activeCell?.model.type === 'markdown' &&
      this.trackerOf(panel) !== undefined;
  }

  async fetch(request: CompletionHandler.IRequest, context: ICompletionContext): Promise<CompletionHandler.ICompletionItemsReply> {
    const at = keyAtCursor(request.text.slice(0, request.offset));
    const tracker = context.widget instanceof NotebookPanel ? this.trackerOf(context.widget) : undefined;
    if (!at || !tracker) {
      return { start: request.offset, end: request.offset, items: [] };
    }
    const works = search(await tracker.works(), at.query);
    return { start: at.start, end: request.offset, items: works.map(workItem) };
  }

  async modelFactory(): Promise<CompleterModel> {
    return new CitationCompleterModel();
  }
}
