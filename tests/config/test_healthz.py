"""/healthz/ tells a load balancer whether this instance can reach its database."""

import pytest
from django.db import connections


@pytest.mark.django_db
def test_healthz_up(client):
    """With the database answering: 200 and a small JSON body."""
    response = client.get("/healthz/")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db(transaction=True)
def test_healthz_down_then_recovers(client):
    """With the database unreachable: 503; once it is back, 200 again without a restart."""
    connection = connections["default"]
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = "/nonexistent-folder/academy.sqlite3"
    else:
        connection.settings_dict["PORT"] = "1"  # nothing listens there
    try:
        response = client.get("/healthz/")
        assert response.status_code == 503
        assert response.json()["database"] == "down"
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)
    assert client.get("/healthz/").status_code == 200
