import sys

from assistant.present.cli import main

sys.exit(main())
