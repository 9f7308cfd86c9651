"""An e-mail backend that hangs on its first message, for the kill drill.

The first send writes its process id to MARKER and then waits (the test kills that
process meanwhile); once the marker exists, sends go straight through to the file backend.
"""

import os
import time
from pathlib import Path

from django.core.mail.backends.filebased import EmailBackend


class HangingOnceBackend(EmailBackend):
    def send_messages(self, email_messages):
        marker = Path(os.environ["SLOW_EMAIL_MARKER"])
        if not marker.exists():
            marker.write_text(str(os.getpid()))
            time.sleep(60)
        return super().send_messages(email_messages)
