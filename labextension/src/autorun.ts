/**
 * The comment panel appears when an entry is opened: its saved output (whose widget models died with
 * the kernel, hence "model not found") is cleared, and the panel cell runs once the kernel is ready.
 * Only a cell whose code is exactly the panel code the journal writes is ever run.
 */
import { CodeCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { entryInfo, IEntryInfo } from './api';
import { keepKernelSetup } from './kernelsetup';

/**
 * Show the panel on open, and again whenever the notebook's cells are replaced: File > Reload Notebook from
 * Disk puts new cells in place of the old, the panel's with them. Its context says "file changed" only when
 * the file's hash moved, so an unchanged file reloaded would lose the panel: the cell list is what to watch.
 * The cell's input is hidden by a class: the code line `from widgets import comment_panel` is the journal's,
 * not the student's.
 */
export function keepPanel(panel: NotebookPanel): void {
  void showPanelOnOpen(panel);
  panel.context.ready.then(() => {
    panel.model?.cells.changed.connect(() => scheduleCheck(panel));
  });
}

const pending = new WeakSet<NotebookPanel>();

/** Cells arrive in a burst (a reload inserts the new ones, then removes the old): look once it is over. A panel
 * cell without our class is a new one, so it runs; a cell the student added or moved leaves the panel's alone. */
function scheduleCheck(panel: NotebookPanel): void {
  if (pending.has(panel)) {
    return;
  }
  pending.add(panel);
  setTimeout(() => {
    pending.delete(panel);
    const cell = panel.isDisposed ? undefined : panelCell(panel, lastInfo.get(panel));
    if (cell && !cell.hasClass('jp-journal-PanelCell')) {
      void showPanelOnOpen(panel);
    }
  }, 0);
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
  const setUp = keepKernelSetup(panel, info);
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
  await setUp;
  await CodeCell.execute(cell, panel.sessionContext);
  if (!wasDirty) {
    model.dirty = false; // the panel's output is never saved (the server drops it), so nothing changed
  }
}
