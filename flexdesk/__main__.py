import sys

from flexdesk.cli import main

sys.exit(main())
