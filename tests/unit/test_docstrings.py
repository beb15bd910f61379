"""House rule: the public functions and classes of flexdesk.services and flexdesk.domain say
what they are for (a one-line docstring at least). Services are what the UI, the CLI and the
tests call; domain is where the regulations live, and a rule without its source is a guess."""

from __future__ import annotations

import ast
from pathlib import Path

import flexdesk

ROOT = Path(flexdesk.__file__).parent
AREAS = ("services", "domain")


def _public(node: ast.AST) -> bool:
    return isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef) and not (
        node.name.startswith("_")
    )


def _is_property_or_override(node: ast.AST) -> bool:
    decorators = getattr(node, "decorator_list", [])
    names = {d.id if isinstance(d, ast.Name) else getattr(d, "attr", "") for d in decorators}
    return bool(names & {"property", "override", "setter", "cached_property"})


def undocumented() -> list[str]:
    missing = []
    for area in AREAS:
        for path in sorted((ROOT / area).rglob("*.py")):
            tree = ast.parse(path.read_text(encoding="utf-8"))
            rel = path.relative_to(ROOT.parent).as_posix()
            for node in tree.body:
                if _public(node) and not ast.get_docstring(node):
                    missing.append(f"{rel} {node.name}")  # type: ignore[attr-defined]
                if isinstance(node, ast.ClassDef) and not node.name.startswith("_"):
                    for member in node.body:
                        if (
                            _public(member)
                            and not _is_property_or_override(member)
                            and not ast.get_docstring(member)
                        ):
                            missing.append(f"{rel} {node.name}.{member.name}")  # type: ignore[attr-defined]
    return missing


def test_public_services_and_domain_have_docstrings() -> None:
    assert undocumented() == []


if __name__ == "__main__":
    print("\n".join(undocumented()))
