"""
The floors the folders show, held by reading every import of our code (`ast`, so imports inside functions count):

- `core` is the ground: it imports none of our apps;
- `exports` is a library below the domain (as `django.contrib.admin` is): it imports only `core`, and finds the apps'
  datasets by autodiscovery;
- the domain apps (`treaty`, `timeline`) stand on those two; neither imports the top floor (`pages`), and no module of
  one imports the other's views;
- `pages` composes them all; `ottawa` (the project: settings and root URLconf) includes the apps; `bench` sits outside
  the site, and nothing of the site imports it;
- and no two of our modules import each other, however long the way round.
"""

import ast
from pathlib import Path

from django.test import SimpleTestCase

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ("core", "exports", "treaty", "timeline", "meetings", "obligations", "pages", "ottawa", "bench")
# The domain apps, lowest floor first: each may import those before it, never those after.
DOMAIN = ("treaty", "timeline", "meetings", "obligations")

# Edges the layout still has, each with the reason it may stay for now. Empty them as the code moves.
KNOWN = set()  # import edges allowed for now, each with the reason it is still there


def module_name(path):
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def modules():
    """{dotted name: path} of every Python module of ours."""
    return {module_name(path): path for package in PACKAGES for path in sorted((ROOT / package).rglob("*.py"))}


def imported_names(name, path):
    """Every dotted name `name`'s module imports, at module level or inside functions, relative imports resolved."""
    is_package = path.name == "__init__.py"
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = name.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                origin = ".".join([*base, node.module] if node.module else base)
            else:
                origin = node.module
            yield origin
            for alias in node.names:  # `from treaty import seed` imports the module treaty.seed
                yield f"{origin}.{alias.name}"


def import_graph():
    """{module: set of our modules it imports}."""
    ours = modules()
    graph = {}
    for name, path in ours.items():
        targets = set()
        for imported in imported_names(name, path):
            # The module itself if it is ours, else the nearest package of ours that holds the name.
            while imported and imported not in ours:
                imported = imported.rpartition(".")[0]
            if imported and imported != name and not name.startswith(f"{imported}."):
                targets.add(imported)
        graph[name] = targets
    return graph


def app(module):
    return module.split(".")[0]


def cycles(graph):
    """The strongly connected components of more than one module (Tarjan's algorithm, iteratively)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    for start in graph:
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, successors = work[-1]
            for successor in successors:
                if successor not in index:
                    index[successor] = low[successor] = len(index)
                    stack.append(successor)
                    on_stack.add(successor)
                    work.append((successor, iter(sorted(graph[successor]))))
                    break
                if successor in on_stack:
                    low[node] = min(low[node], index[successor])
            else:
                work.pop()
                if work:
                    low[work[-1][0]] = min(low[work[-1][0]], low[node])
                if low[node] == index[node]:
                    component = set()
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.add(member)
                        if member == node:
                            break
                    if len(component) > 1:
                        found.append(sorted(component))
    return found


class ArchitectureTests(SimpleTestCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.graph = import_graph()
        cls.edges = {(source, target) for source, targets in cls.graph.items() for target in targets} - KNOWN

    def assertNoEdges(self, allowed, *, sources, targets):
        wrong = sorted((s, t) for s, t in self.edges if app(s) in sources and app(t) in targets)
        self.assertEqual(wrong, [], allowed)

    def test_the_graph_is_read(self):
        """The walk sees the imports it is meant to judge (a broken walk would pass every rule)."""
        self.assertIn("core.models", self.graph["timeline.models"])
        self.assertIn("exports.datasets", self.graph["treaty.datasets"])
        self.assertIn("timeline.search", self.graph["pages.search"])
        self.assertIn("timeline.seed", self.graph["pages.management.commands.seed"])  # `from timeline import seed`
        self.assertIn("core.cache", self.graph["treaty.apps"])  # `from core import cache`, inside ready()

    def test_no_import_cycles(self):
        self.assertEqual(cycles(self.graph), [])

    def test_core_imports_none_of_our_apps(self):
        self.assertNoEdges(
            "core is the ground floor", sources={"core"}, targets={"exports", *DOMAIN, "pages", "ottawa", "bench"}
        )

    def test_exports_imports_only_core(self):
        self.assertNoEdges(
            "exports is a library below the domain", sources={"exports"}, targets={*DOMAIN, "pages", "ottawa", "bench"}
        )

    def test_the_domain_does_not_reach_up(self):
        self.assertNoEdges("pages is the top floor", sources=set(DOMAIN), targets={"pages", "ottawa", "bench"})
        self.assertNoEdges(
            "nothing of the site imports the benchmark", sources=set(PACKAGES) - {"bench"}, targets={"bench"}
        )

    def test_each_domain_app_imports_only_the_floors_below_it(self):
        for floor, app_name in enumerate(DOMAIN):
            with self.subTest(app_name):
                self.assertNoEdges(
                    f"{app_name} stands below {', '.join(DOMAIN[floor + 1 :]) or 'pages'}",
                    sources={app_name},
                    targets=set(DOMAIN[floor + 1 :]),
                )

    def test_no_app_imports_another_apps_views(self):
        wrong = sorted(
            (source, target)
            for source, target in self.edges
            if target.rpartition(".")[2] == "views" and app(source) != app(target) and app(source) in DOMAIN
        )
        self.assertEqual(wrong, [])
