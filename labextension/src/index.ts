/** The `journal-lab` JupyterLab extension: citing, rendered citations, References panel, journal sidebar. */
import { ILayoutRestorer, JupyterFrontEnd, JupyterFrontEndPlugin } from '@jupyterlab/application';
import { ICommandPalette, InputDialog, showErrorMessage } from '@jupyterlab/apputils';
import { MarkdownCell } from '@jupyterlab/cells';
import { ICompletionProviderManager } from '@jupyterlab/completer';
import { IDocumentManager } from '@jupyterlab/docmanager';
import { IDefaultFileBrowser } from '@jupyterlab/filebrowser';
import { ILauncher } from '@jupyterlab/launcher';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { IMainMenu } from '@jupyterlab/mainmenu';
import { LabIcon } from '@jupyterlab/ui-components';
import { showPanelOnOpen } from './autorun';
import { CitationTracker } from './citations';
import { CitationProvider } from './completer';
import { relabelExports } from './exportlabels';
import { askCitation } from './dialog';
import { ReferencesPanel } from './references';
import { JournalSidebar } from './sidebar';
import { keyAtCursor } from './works';

const PLUGIN_ID = 'journal-lab:plugin';

export namespace CommandIDs {
  export const insertCitation = 'journal:insert-citation';
  export const newEntry = 'journal:new-entry';
  export const showReferences = 'journal:show-references';
  export const showSidebar = 'journal:show-sidebar';
}

const TEMPLATE_LABELS: Record<string, string> = {
  blank: 'Blank entry',
  gibbs: 'Gibbs entry',
  kolb: 'Kolb entry',
  driscoll: 'Driscoll entry'
};

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
    const trackers = new WeakMap<NotebookPanel, CitationTracker>();
    const references = new ReferencesPanel();
    references.title.icon = referencesIcon;
    const where = () => notebooks.currentWidget?.context.path ?? browser?.model.path ?? '';
    const sidebar = new JournalSidebar(app, docs, where);
    sidebar.title.icon = journalIcon;
    app.shell.add(references, 'right', { rank: 200 });
    app.shell.add(sidebar, 'left', { rank: 150 });
    restorer?.add(references, references.id);
    restorer?.add(sidebar, sidebar.id);

    // currentChanged may come before widgetAdded: whichever is first makes the tracker.
    const trackerFor = (panel: NotebookPanel): CitationTracker => {
      let tracker = trackers.get(panel);
      if (!tracker) {
        tracker = new CitationTracker(panel);
        trackers.set(panel, tracker);
      }
      return tracker;
    };
    notebooks.widgetAdded.connect((_, panel) => {
      trackerFor(panel);
      void showPanelOnOpen(panel);
      panel.content.activeCellChanged.connect(() => watchForAt(panel));
      if (mainMenu) {
        // The export items appear once JupyterLab has asked the server for its exporters.
        for (const delay of [500, 2000, 5000]) {
          window.setTimeout(() => void relabelExports(mainMenu), delay);
        }
      }
    });
    notebooks.currentChanged.connect((_, panel) => {
      references.follow(panel ? trackerFor(panel) : null);
      sidebar.schedule();
    });
    browser?.model.pathChanged.connect(() => sidebar.schedule());

    completion.registerProvider(new CitationProvider(panel => trackers.get(panel)));

    // Typing `@` in a Markdown cell opens the works at once: the completer otherwise waits for Tab.
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
        const tracker = trackerFor(panel);
        let works;
        try {
          works = await tracker.works();
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

    app.commands.addCommand(CommandIDs.newEntry, {
      label: args => (args.isLauncher ? TEMPLATE_LABELS[(args.template as string) ?? 'blank'] : 'New Journal Entry…'),
      caption: 'A new entry of the journal, from a template',
      icon: journalIcon,
      execute: async args => {
        const template = (args.template as string) ?? 'blank';
        const title = (args.title as string) ?? (await InputDialog.getText({ title: `New ${TEMPLATE_LABELS[template] ?? 'entry'}`, label: 'Title' })).value;
        if (title) {
          await sidebar.refresh();
          return sidebar.newEntry(title, template);
        }
        return null;
      }
    });

    app.commands.addCommand(CommandIDs.showReferences, {
      label: 'Show References Panel',
      execute: () => app.shell.activateById(references.id)
    });
    app.commands.addCommand(CommandIDs.showSidebar, {
      label: 'Show Journal Sidebar',
      execute: () => app.shell.activateById(sidebar.id)
    });

    for (const command of [CommandIDs.insertCitation, CommandIDs.newEntry, CommandIDs.showReferences, CommandIDs.showSidebar]) {
      palette?.addItem({ command, category: 'Journal' });
    }
    for (const [rank, template] of Object.keys(TEMPLATE_LABELS).entries()) {
      launcher?.add({ command: CommandIDs.newEntry, args: { template, isLauncher: true }, category: 'Journal', rank });
    }
  }
};

export default plugin;
