"""The package's shape: stages import only earlier stages and the core modules, never a
later stage, and no module imports itself back through a cycle."""

import ast
from pathlib import Path

from conftest import REPO

PACKAGE = REPO / "assistant"
# text/ holds pure helpers that everything may use, so it ranks with the core modules.
STAGES = ("ingest", "index", "search", "answer", "present")
CORE = ("config", "models", "filters", "messages", "access", "text")
MAX_LINES = 450
CATALOGUE = {"assistant.messages"}  # every Dutch text in one module: data, not logic


def _module(path: Path) -> str:
    parts = path.relative_to(REPO).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _runtime_nodes(tree: ast.AST):
    """Every node, less the bodies of `if TYPE_CHECKING:` (imports for annotations only)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and getattr(node.test, "id", "") == "TYPE_CHECKING":
            continue
        yield node
        yield from _runtime_nodes(node)


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{a.name}" for a in node.names)
        elif isinstance(node, ast.Import):
            found.update(a.name for a in node.names)
    return {name for name in found if name.startswith("assistant")}


def _rank(module: str) -> int:
    """0 for the core, 1.. for the stages in pipeline order, the service above them, the
    front ends last."""
    parts = module.split(".")
    if len(parts) == 1 or parts[1] in CORE:
        return 0
    if parts[1] == "service":
        return len(STAGES)
    if parts[1] == "present":
        return len(STAGES) + 1
    if parts[1] == "__main__":
        return len(STAGES) + 2
    assert parts[1] in STAGES, f"{module}: a stage this test does not know"
    return STAGES.index(parts[1]) + 1


def _modules() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in PACKAGE.rglob("*.py")}


def test_no_stage_imports_a_later_stage_or_the_service():
    modules = _modules()
    upward = []
    for module, imports in modules.items():
        for target in imports:
            if target in modules and _rank(target) > _rank(module):
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_the_front_ends_reach_other_stages_only_through_the_service_and_shared_types():
    allowed = ("assistant.present", "assistant.service", "assistant.ingest.kamervragen")
    for module, imports in _modules().items():
        if not module.startswith("assistant.present"):
            continue
        reaching = [t for t in imports if _rank(t) not in (0,) and not t.startswith(allowed)]
        assert reaching == [], module


def test_no_import_cycles():
    modules = _modules()
    graph = {m: {t for t in imports if t in modules and t != m} for m, imports in modules.items()}
    state: dict[str, int] = {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = 1
        for target in graph[node]:
            if state.get(target) == 1:
                raise AssertionError(" -> ".join([*path, node, target]))
            if not state.get(target):
                visit(target, [*path, node])
        state[node] = 2

    for module in graph:
        if not state.get(module):
            visit(module, [])


def test_modules_stay_small():
    long = {
        _module(p): n
        for p in PACKAGE.rglob("*.py")
        if (n := len(p.read_text().splitlines())) > MAX_LINES and _module(p) not in CATALOGUE
    }
    assert long == {}
