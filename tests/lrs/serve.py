"""Ralph, the learning record store of the integration tests, on the port given.

Run by Ralph's own interpreter (var/ralph-venv), never the site's. Ralph 5.1.0's file-system
backend creates a new file on each write and refuses the second one (a 500); appending to the
one file is what an LRS needs, so the backend is told to append.
"""

import sys

import uvicorn
from ralph.backends.data.base import BaseOperationType
from ralph.backends.data.fs import FSDataBackend

FSDataBackend.default_operation_type = BaseOperationType.APPEND

if __name__ == "__main__":
    uvicorn.run("ralph.api:app", host="127.0.0.1", port=int(sys.argv[1]), log_level="warning")
