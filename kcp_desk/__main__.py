import sys

from kcp_desk.cli import main

sys.exit(main())
