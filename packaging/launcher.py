"""Entry script of the PyInstaller bundle: the same `main()` as the `naion-designer` command."""

import sys

from naion_designer.gui.app import main

if __name__ == "__main__":
    sys.exit(main())
