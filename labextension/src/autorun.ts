/**
 * The comment panel appears when an entry is opened: its saved output (whose widget models died with
 * the kernel, hence "model not found") is cleared, and the panel cell runs once the kernel is ready.
 * Only a cell whose code is exactly the panel code the journal writes is ever run.
 */
import { CodeCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { entryInfo, IEntryInfo } from './api';

/**
 * Show the panel on open, and again whenever the document is read from disk anew (File > Reload Notebook from
 * Disk replaces every cell, the panel's output with it). Its cell's input is hidden by a class: the code line
 * `from widgets import comment_panel` is the journal's, not the student's.
 */
export function keepPanel(panel: NotebookPanel): void {
  void showPanelOnOpen(panel);
  panel.context.ready.then(() => {
    panel.context.fileChanged.connect(() => void panelAfterReload(panel));
  });
}

/** After the file was read anew: once the notebook has its new cells, a panel cell without our class is a new
 * one (a reload replaced it), so it runs again; after a save the cell keeps its class and nothing runs. The
 * cells may arrive after the signal, so look a few times. */
async function panelAfterReload(panel: NotebookPanel): Promise<void> {
  for (let tries = 0; tries < 20 && !panel.isDisposed; tries++) {
    const cell = panelCell(panel, lastInfo.get(panel));
    if (cell && !cell.hasClass('jp-journal-PanelCell')) {
      await showPanelOnOpen(panel);
      return;
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

const lastInfo = new WeakMap<NotebookPanel, IEntryInfo>();

function panelCell(panel: NotebookPanel, info: IEntryInfo | undefined): CodeCell | undefined {
  if (!info) {
    return undefined;
  }
  return panel.content.widgets.find(c => {
    const tags = c.model.getMetadata('tags');
    return c instanceof CodeCell && Array.isArray(tags) && tags.includes(info.panel_tag) &&
      c.model.sharedModel.getSource() === info.panel_source;
  }) as CodeCell | undefined;
}

export async function showPanelOnOpen(panel: NotebookPanel): Promise<void> {
  await panel.context.ready;
  let info: IEntryInfo;
  try {
    info = await entryInfo(panel.context.path);
  } catch {
    return; // not a notebook the server extension can read: leave it alone
  }
  if (!info.entry || !info.panel_source) {
    return;
  }
  lastInfo.set(panel, info);
  const cell = panelCell(panel, info);
  if (!cell) {
    return;
  }
  cell.addClass('jp-journal-PanelCell');
  const model = panel.model!;
  const wasDirty = model.dirty;
  cell.model.outputs.clear();
  await panel.sessionContext.ready;
  if (panel.isDisposed || !panel.sessionContext.session?.kernel) {
    return;
  }
  await CodeCell.execute(cell, panel.sessionContext);
  if (!wasDirty) {
    model.dirty = false; // the panel's output is never saved (the server drops it), so nothing changed
  }
}
