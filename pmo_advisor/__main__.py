"""Entry point for ``python -m pmo_advisor`` and the ``pmo-advisor`` script."""

import sys


def run() -> None:
    """Run the command line and exit with its status."""
    from pmo_advisor.cli.main import main

    sys.exit(main())


if __name__ == "__main__":
    run()
