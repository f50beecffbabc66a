/**
 * "Save and Export Notebook As" labels: JupyterLab names an exporter it does not know by capitalising
 * its entry-point name ("Journal_pdf"); ours read as the exporters call themselves.
 */
import { IMainMenu } from '@jupyterlab/mainmenu';

export const EXPORT_LABELS: Record<string, string> = { journal_pdf: 'Journal PDF', journal_html: 'Journal HTML' };
const EXPORT_COMMAND = 'notebook:export-to-format';
const EXPORT_SUBMENU = 'jp-mainmenu-file-notebookexport';

/** Replace the labels of our exporters' menu items; safe to call again (they are filled in lazily). */
export function relabelExports(menu: IMainMenu): void {
  const item = menu.fileMenu.items.find(i => i.type === 'submenu' && i.submenu?.id === EXPORT_SUBMENU);
  const submenu = item?.submenu;
  if (!submenu) {
    return;
  }
  submenu.items.forEach((entry, index) => {
    const format = entry.args?.format as string | undefined;
    const label = format ? EXPORT_LABELS[format] : undefined;
    if (entry.command === EXPORT_COMMAND && label && entry.args.label !== label) {
      submenu.removeItemAt(index);
      submenu.insertItem(index, { command: EXPORT_COMMAND, args: { ...entry.args, label } });
    }
  });
}
