"""django-q2 tasks of the integrations: thin, idempotent, primitive ids."""

from __future__ import annotations

from .xapi import services as xapi


def xapi_statement_send(statement_id: int) -> bool:
    return xapi.statement_send(statement_id=statement_id)


def xapi_statements_sweep() -> int:
    return xapi.statements_sweep()
