"""Start the test OpenID provider: `python -m tests.oidc_provider.serve PORT`.

Creates its database, the applications (clients.json: client id → {secret, redirect_uris})
and the people (people.json: username → claims; every password is PASSWORD), then serves
on 127.0.0.1:PORT until stopped.
"""

import json
import os
import sys

PASSWORD = "provider-pass"  # noqa: S105 (a test provider's test people)


def main(port: int) -> None:
    os.environ["DJANGO_SETTINGS_MODULE"] = "tests.oidc_provider.settings"
    import django

    django.setup()
    from django.conf import settings
    from django.contrib.auth.models import User
    from django.core.management import call_command
    from django.core.servers.basehttp import WSGIServer, run
    from django.core.wsgi import get_wsgi_application
    from oauth2_provider.models import Application

    call_command("migrate", verbosity=0)
    for client_id, client in json.loads((settings.STATE / "clients.json").read_text()).items():
        Application.objects.create(
            name=client_id,
            client_id=client_id,
            client_secret=client["secret"],
            client_type=Application.CLIENT_CONFIDENTIAL,
            authorization_grant_type=Application.GRANT_AUTHORIZATION_CODE,
            redirect_uris=" ".join(client["redirect_uris"]),
            algorithm=Application.RS256_ALGORITHM,
            skip_authorization=True,
        )
    for username in json.loads((settings.STATE / "people.json").read_text()):
        User.objects.create_user(username, password=PASSWORD)
    print(f"serving on 127.0.0.1:{port}", flush=True)
    run("127.0.0.1", port, get_wsgi_application(), threading=True, server_cls=WSGIServer)


if __name__ == "__main__":
    main(int(sys.argv[1]))
