"""The modules a Python file imports by absolute name, read from its syntax tree (every
level: function-level imports count too). Used by the architecture and dependency tests."""

import ast
from pathlib import Path


def imported_modules(path: Path) -> list[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return names
