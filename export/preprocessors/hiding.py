"""Hide what the author hid: nbconvert's removal tags and JupyterLab's collapsed inputs and outputs."""

from nbconvert.preprocessors import Preprocessor
from traitlets import Unicode

from journal.anatomy import cell_tags


class HideCells(Preprocessor):
    """Honour `remove_cell`, `remove_input`, `remove_output` and `jupyter.source_hidden`/`outputs_hidden`.

    Whether code inputs show at all is the exporter's `show_code`; this decides cell by cell.
    """

    remove_cell_tag = Unicode("remove_cell", help="Tag that leaves a cell out").tag(config=True)
    remove_input_tag = Unicode("remove_input", help="Tag that leaves out a cell's source").tag(config=True)
    remove_output_tag = Unicode("remove_output", help="Tag that leaves out a cell's outputs").tag(config=True)

    def preprocess(self, nb, resources):
        nb.cells = [self._hide(c) for c in nb.cells if self.remove_cell_tag not in cell_tags(c)]
        return nb, resources

    def _hide(self, cell):
        tags = cell_tags(cell)
        jupyter = cell.get("metadata", {}).get("jupyter", {})
        if cell.cell_type == "code" and (self.remove_input_tag in tags or jupyter.get("source_hidden")):
            cell.metadata.setdefault("transient", {})["remove_source"] = True
        if cell.cell_type == "code" and (self.remove_output_tag in tags or jupyter.get("outputs_hidden")):
            cell.outputs = []
        return cell
