"""``python -m hcc``: the command line."""

from hcc.cli import main

raise SystemExit(main())
