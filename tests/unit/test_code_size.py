"""House rule (docs/architecture.md): no module of flexdesk over 400 lines and no function over
60, so that a capability stays a folder of small pieces a reviewer can hold in mind. Measured
here rather than by ruff's branch/statement counts, which let a long straight function through.
Migrations are exempt: each is a frozen record of one schema step."""

from __future__ import annotations

import ast
from pathlib import Path

import flexdesk

MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60
ROOT = Path(flexdesk.__file__).parent


def _modules() -> list[Path]:
    return sorted(
        p
        for p in ROOT.rglob("*.py")
        if "migrations" not in p.parts and "__pycache__" not in p.parts
    )


def _rel(path: Path) -> str:
    return path.relative_to(ROOT.parent).as_posix()


def long_modules() -> list[str]:
    out = []
    for path in _modules():
        lines = len(path.read_text(encoding="utf-8").splitlines())
        if lines > MAX_MODULE_LINES:
            out.append(f"{_rel(path)}: {lines} lines")
    return out


def long_functions() -> list[str]:
    out = []
    for path in _modules():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = (node.end_lineno or node.lineno) - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    out.append(f"{_rel(path)}:{node.lineno} {node.name}: {length} lines")
    return out


def test_no_module_or_function_over_the_limit() -> None:
    assert long_modules() + long_functions() == [], "split these (limits at the top of this file)"


if __name__ == "__main__":
    print("\n".join(long_modules() + long_functions()))
