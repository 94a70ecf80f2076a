import sys

from connect_server.cli import main

sys.exit(main())
