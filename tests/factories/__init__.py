"""Test data, one module per app: factory_boy factories (`XFactory(field=...)`) and the
builders that go through the apps' services (`make_user`, `submitted`, `file_request`, ...).

    from tests.factories import PASSWORD, make_user
    from tests.factories.courses import build_tree, pass_quiz
    from tests.factories.sharing import ContentItemFactory, make_item

Conftest files only hold fixtures; their fixtures call these.
"""

from .ambassadors import PASSWORD, make_user

__all__ = ["PASSWORD", "make_user"]
