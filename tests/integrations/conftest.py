from tests.integrations.push_helpers import push_service, vapid  # noqa: F401
