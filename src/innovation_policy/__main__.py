"""``python -m innovation_policy``: the command line."""

from ._cli import main

raise SystemExit(main())
