"""Run every benchmark in this folder (`bench_*.py`), or those named on the command line.

Each benchmark module has a `main()` that prints its own table of medians and ratios,
measured side by side in one run: this machine is shared, so absolute times drift.
"""

import importlib.util
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main(argv):
    wanted = set(argv)
    failed = 0
    for path in sorted(HERE.glob("bench_*.py")):
        if wanted and path.stem not in wanted and path.stem[6:] not in wanted:
            continue
        print(f"\n=== {path.stem} ===", flush=True)
        spec = importlib.util.spec_from_file_location(path.stem, path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        start = time.perf_counter()
        try:
            failed += bool(module.main())
        except Exception as exc:  # one broken benchmark must not hide the others
            failed += 1
            print(f"{path.stem}: failed: {exc!r}")
        print(f"({time.perf_counter() - start:.1f} s)")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
