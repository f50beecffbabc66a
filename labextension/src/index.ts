/** The `journal-lab` JupyterLab extension: citing, rendered citations, References panel, journal sidebar,
 * describing figures. */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, InputDialog, MainAreaWidget, showErrorMessage } from '@jupyterlab/apputils';
import { MarkdownCell } from '@jupyterlab/cells';
import { ICompletionProviderManager } from '@jupyterlab/completer';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { LabIcon } from '@jupyterlab/ui-components';
import { IJournalReply, ITemplate, requestAPI } from './api';
import { keepPanel } from './autorun';
import { CitationTracker } from './citations';
import { CitationProvider } from './completer';
import { addDescribeFigure, DESCRIBE_FIGURE } from './describe';
import { relabelExports } from './exportlabels';
import { labelWithTitle } from './tablabel';
import { askCitation } from './dialog';
import { ModerationPanel } from './moderation';
import { watchPanels } from './panelaccess';
import { ReferencesPanel } from './references';
import { JournalSidebar } from './sidebar';
import { keyAtCursor } from './works';

const PLUGIN_ID = 'journal-lab:plugin';

export namespace CommandIDs {
  export const insertCitation = 'journal:insert-citation';
  export const newEntry = 'journal:new-entry';
  export const showReferences = 'journal:show-references';
  export const showSidebar = 'journal:show-sidebar';
  export const moderate = 'journal:moderate';
  export const describeFigure = DESCRIBE_FIGURE;
}

const journalIcon = new LabIcon({
  name: 'journal-lab:journal',
  svgstr: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" ' +
    'd="M6 2h11a2 2 0 0 1 2 2v16a2 2 0 0 1-2 2H6a1 1 0 0 1-1-1V3a1 1 0 0 1 1-1zm2 3v2h8V5H8zm0 4v2h8V9H8zm0 4v2h5v-2H8z"/></svg>'
});

const referencesIcon = new LabIcon({
  name: 'journal-lab:references',
  svgstr: '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path class="jp-icon3" fill="#616161" ' +
    'd="M7 5h3v6H5V8c0-1.7 1-3 2-3zm9 0h3v6h-5V8c0-1.7 1-3 2-3zM5 13h14v2H5zm0 4h10v2H5z"/></svg>'
});

type Trackers = (panel: NotebookPanel) => CitationTracker;

const plugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description: 'Cite as you type, rendered citations, a References panel and a journal sidebar.',
  autoStart: true,
  requires: [INotebookTracker, IDocumentManager, ICompletionProviderManager],
  optional: [ICommandPalette, ILayoutRestorer, ILauncher, IDefaultFileBrowser, IMainMenu],
  activate: (
    app: JupyterFrontEnd,
    notebooks: INotebookTracker,
    docs: IDocumentManager,
    completion: ICompletionProviderManager,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null,
    launcher: ILauncher | null,
    browser: IDefaultFileBrowser | null,
    mainMenu: IMainMenu | null
  ) => {
    const trackerFor = citationTrackers();
    const references = addReferencesPanel(app, notebooks, trackerFor, restorer);
    addDescribeFigure(app, notebooks);
    const sidebar = addSidebar(app, notebooks, docs, browser, restorer);
    notebooks.widgetAdded.connect((_, panel) => {
      trackerFor(panel);
      keepPanel(panel);
      labelWithTitle(panel);
      if (mainMenu) {
        // The export items appear once JupyterLab has asked the server for its exporters.
        for (const delay of [500, 2000, 5000]) {
          window.setTimeout(() => void relabelExports(mainMenu), delay);
        }
      }
    });
    openCitationsAsYouType(notebooks, completion, trackerFor);
    addInsertCitation(app, notebooks, trackerFor);
    addNewEntry(app, sidebar, launcher);
    app.commands.addCommand(CommandIDs.showReferences, {
      label: 'Show References Panel',
      execute: () => app.shell.activateById(references.id)
    });
    app.commands.addCommand(CommandIDs.showSidebar, {
      label: 'Show Journal Sidebar',
      execute: () => app.shell.activateById(sidebar.id)
    });
    for (const command of [CommandIDs.insertCitation, CommandIDs.describeFigure, CommandIDs.newEntry,
                           CommandIDs.showReferences, CommandIDs.showSidebar]) {
      palette?.addItem({ command, category: 'Journal' });
    }
    // The ipywidgets panels get the roles and names ipywidgets cannot give them.
    watchPanels(document.body);
  }
};

/** One CitationTracker per notebook; currentChanged may come before widgetAdded: whichever is first makes it. */
function citationTrackers(): Trackers {
  const trackers = new WeakMap<NotebookPanel, CitationTracker>();
  return panel => {
    let tracker = trackers.get(panel);
    if (!tracker) {
      tracker = new CitationTracker(panel);
      trackers.set(panel, tracker);
    }
    return tracker;
  };
}

function addReferencesPanel(app: JupyterFrontEnd, notebooks: INotebookTracker, trackerFor: Trackers,
                            restorer: ILayoutRestorer | null): ReferencesPanel {
  const references = new ReferencesPanel();
  references.title.icon = referencesIcon;
  app.shell.add(references, 'right', { rank: 200 });
  restorer?.add(references, references.id);
  notebooks.currentChanged.connect((_, panel) => references.follow(panel ? trackerFor(panel) : null));
  return references;
}

/** The sidebar, and the moderation panel its count opens (one per journal, in the main area). */
function addSidebar(app: JupyterFrontEnd, notebooks: INotebookTracker, docs: IDocumentManager,
                    browser: IDefaultFileBrowser | null, restorer: ILayoutRestorer | null): JournalSidebar {
  let open: MainAreaWidget<ModerationPanel> | null = null;
  const moderate = (journal: IJournalReply) => {
    if (!open || open.isDisposed || open.content.journalPath !== journal.path) {
      open?.dispose();
      const content = new ModerationPanel(journal.path, journal.title);
      content.changed.connect(() => void sidebar.refresh());
      const widget = new MainAreaWidget({ content });
      widget.id = 'journal-moderation-panel';
      widget.title.label = content.title.label;
      widget.title.icon = journalIcon;
      app.shell.add(widget, 'main');
      void content.refresh();
      open = widget;
    }
    app.shell.activateById(open.id);
  };
  const where = () => notebooks.currentWidget?.context.path ?? browser?.model.path ?? '';
  const sidebar = new JournalSidebar(app, docs, where, moderate);
  sidebar.title.icon = journalIcon;
  app.shell.add(sidebar, 'left', { rank: 150 });
  restorer?.add(sidebar, sidebar.id);
  notebooks.currentChanged.connect(() => sidebar.schedule());
  browser?.model.pathChanged.connect(() => sidebar.schedule());
  app.commands.addCommand(CommandIDs.moderate, {
    label: 'Moderate Comments',
    execute: async () => {
      await sidebar.refresh();
      sidebar.moderate();
    }
  });
  return sidebar;
}

/** Typing `@` in a Markdown cell opens the works at once: the completer otherwise waits for Tab. */
function openCitationsAsYouType(notebooks: INotebookTracker, completion: ICompletionProviderManager, trackerFor: Trackers): void {
  completion.registerProvider(new CitationProvider(panel => trackerFor(panel)));
  const watched = new WeakSet<object>();
  const watchForAt = (panel: NotebookPanel) => {
    const cell = panel.content.activeCell;
    if (!(cell instanceof MarkdownCell) || watched.has(cell.model)) {
      return;
    }
    watched.add(cell.model);
    cell.model.contentChanged.connect(() => {
      window.setTimeout(() => {
        const editor = cell.editor;
        if (!editor || cell.rendered || panel.content.activeCell !== cell) {
          return;
        }
        const offset = editor.getOffsetAt(editor.getCursorPosition());
        const before = cell.model.sharedModel.getSource().slice(0, offset);
        // Every keystroke of a key asks again: a reply that comes after more typing is dropped.
        if (keyAtCursor(before)) {
          completion.invoke(panel.id);
        }
      }, 0);
    });
  };
  notebooks.widgetAdded.connect((_, panel) => panel.content.activeCellChanged.connect(() => watchForAt(panel)));
}

function addInsertCitation(app: JupyterFrontEnd, notebooks: INotebookTracker, trackerFor: Trackers): void {
  const activeMarkdown = (): [NotebookPanel, MarkdownCell] | null => {
    const panel = notebooks.currentWidget;
    const cell = panel?.content.activeCell;
    return panel && cell instanceof MarkdownCell ? [panel, cell] : null;
  };
  app.commands.addCommand(CommandIDs.insertCitation, {
    label: 'Insert Citation…',
    caption: 'Search the works of this entry and references.bib, and insert a citation',
    icon: referencesIcon,
    isEnabled: () => activeMarkdown() !== null,
    isVisible: () => notebooks.currentWidget !== null,
    execute: async () => {
      const found = activeMarkdown();
      if (!found) {
        await showErrorMessage('Insert citation', 'Select a Markdown cell to cite in.');
        return;
      }
      const [panel, cell] = found;
      let works;
      try {
        works = await trackerFor(panel).works();
      } catch (reason) {
        await showErrorMessage('Insert citation', (reason as Error).message);
        return;
      }
      const text = await askCitation(works);
      if (text === null) {
        return;
      }
      cell.rendered = false;
      const editor = cell.editor!;
      const offset = editor.getOffsetAt(editor.getCursorPosition());
      cell.model.sharedModel.updateSource(offset, offset, text);
      editor.setCursorPosition(editor.getPositionAt(offset + text.length)!);
      editor.focus();
    }
  });
}

/** New entry, from the templates the server offers (their labels too), in the palette and the launcher. */
function addNewEntry(app: JupyterFrontEnd, sidebar: JournalSidebar, launcher: ILauncher | null): void {
  let templates: Record<string, ITemplate> = {};
  app.commands.addCommand(CommandIDs.newEntry, {
    label: args => (args.isLauncher ? templates[args.template as string]?.label ?? 'New entry' : 'New Journal Entry…'),
    caption: args => templates[(args.template as string) ?? 'blank']?.description ?? 'A new entry of the journal, from a template',
    icon: journalIcon,
    execute: async args => {
      const template = (args.template as string) ?? 'blank';
      const title = (args.title as string) ??
        (await InputDialog.getText({ title: `New ${templates[template]?.label ?? 'entry'}`, label: 'Title' })).value;
      if (title) {
        await sidebar.refresh();
        return sidebar.newEntry(title, template);
      }
      return null;
    }
  });
  void requestAPI<Record<string, ITemplate>>('templates').then(offered => {
    templates = offered;
    for (const [rank, template] of Object.keys(offered).entries()) {
      launcher?.add({ command: CommandIDs.newEntry, args: { template, isLauncher: true }, category: 'Journal', rank });
    }
  }).catch(() => undefined); // no server extension: no launcher items, the palette's command still asks
}

export default plugin;
