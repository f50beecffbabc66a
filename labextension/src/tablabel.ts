/**
 * An entry's tab reads its title: every entry's file name starts with its date, so a row of entries' tabs
 * would all read "2026-12-…". The file name stays in the tab's tooltip, which JupyterLab's document manager
 * writes ("Name: …", "Path: …") whenever the file is opened, saved or renamed.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { entryInfo } from './api';

/** Label the panel's tab with its entry's title, and again whenever the file is saved, reloaded or renamed, or
 * its metadata changes (the file name goes back on the tab at each rename: JupyterLab puts it there). */
export function labelWithTitle(panel: NotebookPanel): void {
  void panel.context.ready.then(async () => {
    try {
      if (!(await entryInfo(panel.context.path)).entry) {
        return;
      }
    } catch {
      return; // not a notebook the server extension can read: its tab keeps its file name
    }
    if (panel.isDisposed) {
      return;
    }
    keepFileOnRelabel(panel);
    const relabel = () => {
      const title = entryTitle(panel);
      if (title && panel.title.label !== title) {
        panel.title.label = title;
      }
    };
    relabel();
    panel.context.pathChanged.connect(relabel);
    panel.context.fileChanged.connect(relabel);
    panel.model?.metadataChanged.connect(relabel);
  });
}

/** The entry's title as the notebook now holds it (metadata `journal.title`, as the server reads it). */
function entryTitle(panel: NotebookPanel): string {
  const title = (panel.model?.getMetadata('journal') as { title?: unknown } | undefined)?.title;
  return typeof title === 'string' ? title.trim() : '';
}

/**
 * A document widget renames its file to whatever its tab label is set to (jupyterlab/jupyterlab#10856): here
 * the label is the title, never a file name, so that reaction is taken off this panel. The reaction is a
 * private method; if JupyterLab stops renaming on a label change, there is nothing to take off and this does
 * nothing. Renaming stays where it was: the file browser and File > Rename.
 */
function keepFileOnRelabel(panel: NotebookPanel): void {
  const renameOnLabel = panel['_onTitleChanged'];
  if (typeof renameOnLabel === 'function') {
    panel.title.changed.disconnect(renameOnLabel, panel);
  }
}
