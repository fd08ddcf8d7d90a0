import sys

from kcp_desk.cli import main

# The guard matters: the demo-data worker process ("spawn") re-imports this module.
if __name__ == "__main__":
    sys.exit(main())
