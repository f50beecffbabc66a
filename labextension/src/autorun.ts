/**
 * The comment panel appears when an entry is opened: its saved output (whose widget models died with
 * the kernel, hence "model not found") is cleared, and the panel cell runs once the kernel is ready.
 * Only a cell whose code is exactly the panel code the journal writes is ever run.
 */
import { CodeCell } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';
import { entryInfo, IEntryInfo } from './api';

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
  const cell = panel.content.widgets.find(c => {
    const tags = c.model.getMetadata('tags');
    return c instanceof CodeCell && Array.isArray(tags) && tags.includes(info.panel_tag) &&
      c.model.sharedModel.getSource() === info.panel_source;
  }) as CodeCell | undefined;
  if (!cell) {
    return;
  }
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
