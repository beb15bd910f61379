"""No import circles inside flexdesk (issue: "no circles"): a module that needs another which
needs it back is one module in two files, or a dependency that belongs lower down.

import-linter's contracts (pyproject.toml, `lint-imports` in the test command) keep the layers
and capabilities in their order; this test covers what they cannot see, circles between two
modules of the same package. Imports under ``TYPE_CHECKING`` do not count: they never run."""

from __future__ import annotations

import grimp


def import_cycles() -> list[tuple[str, ...]]:
    graph = grimp.build_graph("flexdesk", exclude_type_checking_imports=True)
    cycles = set()
    for module in graph.modules:
        for dep in graph.find_modules_directly_imported_by(module):
            chain = graph.find_shortest_chain(importer=dep, imported=module)
            if chain:
                cycles.add((module, *chain))
    return sorted(cycles)


def test_no_import_cycles() -> None:
    assert import_cycles() == []
