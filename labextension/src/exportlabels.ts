/**
 * "Save and Export Notebook As" labels: JupyterLab names an exporter it does not know by capitalising
 * its entry-point name ("Journal_pdf"); ours read as the exporters call themselves.
 */
import { IMainMenu } from '@jupyterlab/mainmenu';
import { requestAPI } from './api';

const EXPORT_COMMAND = 'notebook:export-to-format';
const EXPORT_SUBMENU = 'jp-mainmenu-file-notebookexport';

let labels: Promise<Record<string, string>> | null = null;

/** Replace the labels of our exporters' menu items; safe to call again (they are filled in lazily). */
export async function relabelExports(menu: IMainMenu): Promise<void> {
  labels ??= requestAPI<Record<string, string>>('exporters').catch(() => ({}));
  const names = await labels;
  const item = menu.fileMenu.items.find(i => i.type === 'submenu' && i.submenu?.id === EXPORT_SUBMENU);
  const submenu = item?.submenu;
  if (!submenu) {
    return;
  }
  submenu.items.forEach((entry, index) => {
    const format = entry.args?.format as string | undefined;
    const label = format ? names[format] : undefined;
    if (entry.command === EXPORT_COMMAND && label && entry.args.label !== label) {
      submenu.removeItemAt(index);
      submenu.insertItem(index, { command: EXPORT_COMMAND, args: { ...entry.args, label } });
    }
  });
}
