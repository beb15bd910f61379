"""Entry script of the frozen build (PyInstaller needs a file, not ``flexdesk.cli:main``).

The same executable is also the central receiver's command line when started under the name
``flexdesk-central`` (the .deb installs that name as a symlink), so the bundle carries one
executable and one copy of the libraries instead of two.
"""

from __future__ import annotations

import multiprocessing
import os
import sys


def main() -> int:
    # Batch PDF rendering uses a process pool: frozen children must not re-run the app.
    multiprocessing.freeze_support()
    if os.environ.get("FLEXDESK_FROZEN_CHECK") == "1":
        # release tests only: every page and the Qt plugins they need (see frozen_check.py)
        import frozen_check

        return frozen_check.run(sys.argv[1:])
    name = os.path.splitext(os.path.basename(sys.argv[0] if sys.argv else ""))[0]
    if name == "flexdesk-central":
        from flexdesk.central.cli import main as central_main

        return int(central_main() or 0)
    from flexdesk.cli import main as flexdesk_main

    return flexdesk_main()


if __name__ == "__main__":
    sys.exit(main())
