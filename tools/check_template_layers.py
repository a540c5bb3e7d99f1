#!/usr/bin/env python3
"""Check the apps' templates against the layer arrows, as `lint-imports` checks Python imports.

The layers are read from the `layers` contract under `[tool.importlinter]` in pyproject.toml, so
the arrows are written down once. Every file under `<package>/<app>/templates/` is read, and a
template of an app may only

- `{% load %}` tag libraries of its own app, of lower apps, or of other packages (Django, Wagtail,
  third parties: any library that no app's `templatetags/` defines);
- `{% extends %}` / `{% include %}` templates of its own app, of lower apps, or of other packages
  (any template name found in no app's `templates/` and not in the project-level templates).

Apps in one independent layer ("a | b") are siblings and may not use each other's templates or tags.
The project-level `<package>/templates/` holds the reader's templates: they may load and include
anything and are not checked, but no app template may extend or include one of them, since the
reader's pages live in one place.

Usage: check_template_layers.py [ROOT]  (ROOT holds pyproject.toml; default: this repository).
Prints one line a violation and exits 1 when there is any; needs no Django.
"""

from __future__ import annotations

import argparse
import posixpath
import re
import sys
import tomllib
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

# Django's own lexer: a tag, variable or comment never spans lines.
TOKEN_RE = re.compile(r"{%.*?%}|{{.*?}}|{#.*?#}")
# The first argument of {% extends %} / {% include %} when it is a string literal.
TEMPLATE_TAG_RE = re.compile(r"""^(extends|include)\s+(?:"([^"]*)"|'([^']*)')(?:\s|$)""")


class ConfigError(Exception):
    """pyproject.toml has no usable layers contract."""


@dataclass(frozen=True)
class Layers:
    """The layers contract: `package` is its container, `rank` maps an app to its layer (0 is
    the highest), `layers` holds each layer's apps and whether they are independent siblings."""

    package: str
    layers: tuple[tuple[tuple[str, ...], bool], ...]

    @property
    def rank(self) -> dict[str, int]:
        return {app: index for index, (apps, _) in enumerate(self.layers) for app in apps}

    def allows(self, user: str, used: str) -> bool:
        """May a template of app `user` use a template or tag library of app `used`?"""
        if user == used:
            return True
        rank = self.rank
        if used not in rank or user not in rank:
            return False
        if rank[used] == rank[user]:
            return not self.layers[rank[user]][1]
        return rank[used] > rank[user]

    def arrow(self, user: str, used: str) -> str:
        """Which arrow `user` using `used` breaks, in the words of DESIGN.md."""
        rank = self.rank
        if used not in rank:
            return f"{used} is not placed in the layers contract of pyproject.toml"
        if rank[used] == rank[user]:
            siblings = ", ".join(self.layers[rank[user]][0])
            return f"breaks the sibling layer {{{siblings}}}: {user} and {used} are independent"
        return f"breaks the arrow {user} ← {used}: {user} is a lower layer than {used}"


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.message}"


def _layer_names(raw: str) -> tuple[tuple[str, ...], bool]:
    """Parse one import-linter layer: "a", "a | b" (independent) or "a : b" (not independent);
    a name in parentheses is optional."""
    independent = ":" not in raw
    parts = raw.split("|") if independent else raw.split(":")
    names = tuple(part.strip().removeprefix("(").removesuffix(")").strip() for part in parts)
    return names, independent


def load_layers(root: Path) -> Layers:
    """The first `layers` contract with one container in ROOT/pyproject.toml."""
    pyproject = root / "pyproject.toml"
    try:
        config = tomllib.loads(pyproject.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ConfigError(f"{pyproject}: {error}") from error
    contracts = config.get("tool", {}).get("importlinter", {}).get("contracts", [])
    for contract in contracts:
        containers = contract.get("containers", [])
        if contract.get("type") == "layers" and len(containers) == 1:
            layers = tuple(_layer_names(raw) for raw in contract.get("layers", []))
            return Layers(package=containers[0], layers=layers)
    raise ConfigError(
        f"{pyproject}: no [[tool.importlinter.contracts]] of type 'layers' with one container"
    )


def _app_dirs(package_dir: Path) -> list[Path]:
    return sorted(
        path
        for path in package_dir.iterdir()
        if path.is_dir() and ((path / "templates").is_dir() or (path / "templatetags").is_dir())
    )


def tag_libraries(package_dir: Path) -> dict[str, set[str]]:
    """Tag library name (as `{% load %}` spells it) -> the apps whose templatetags define it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for app_dir in _app_dirs(package_dir):
        tags_dir = app_dir / "templatetags"
        for module in tags_dir.rglob("*.py") if tags_dir.is_dir() else ():
            if module.name != "__init__.py":
                owners[".".join(module.relative_to(tags_dir).with_suffix("").parts)].add(
                    app_dir.name
                )
    return owners


def _template_names(templates_dir: Path) -> Iterator[tuple[str, Path]]:
    if templates_dir.is_dir():
        for path in sorted(templates_dir.rglob("*")):
            if path.is_file():
                yield path.relative_to(templates_dir).as_posix(), path


def template_owners(package_dir: Path) -> dict[str, set[str]]:
    """Template name -> the apps whose templates/ directory holds it."""
    owners: dict[str, set[str]] = defaultdict(set)
    for app_dir in _app_dirs(package_dir):
        for name, _ in _template_names(app_dir / "templates"):
            owners[name].add(app_dir.name)
    return owners


def template_tags(text: str) -> Iterator[tuple[int, str]]:
    """(line, contents) of every {% tag %} outside {# #}, {% comment %} and {% verbatim %}."""
    line, position, closing = 1, 0, None
    for match in TOKEN_RE.finditer(text):
        line += text.count("\n", position, match.start())
        position = match.start()
        token = match.group()
        if not token.startswith("{%"):
            continue
        contents = token[2:-2].strip()
        if closing is not None:
            if contents == closing:
                closing = None
        elif contents == "comment" or contents.startswith("comment "):
            closing = "endcomment"
        elif contents == "verbatim" or contents.startswith("verbatim "):
            closing = "end" + contents
        else:
            yield line, contents


def _loaded_libraries(contents: str) -> list[str]:
    """The libraries of a {% load %} tag: `load a b c` or `load x y from lib`."""
    bits = contents.split()
    if len(bits) >= 4 and bits[-2] == "from":
        return [bits[-1]]
    return bits[1:]


def _resolve(name: str, origin: str) -> str:
    """Django resolves "./x" and "../x" relative to the template that names them."""
    if name.startswith(("./", "../")):
        return posixpath.normpath(posixpath.join(posixpath.dirname(origin), name))
    return name


def check(root: Path = REPO_ROOT) -> tuple[list[Violation], int]:
    """Check every app template under ROOT; return the violations and how many files were read."""
    layers = load_layers(root)
    package_dir = root / layers.package
    libraries = tag_libraries(package_dir)
    owners = template_owners(package_dir)
    reader_templates = {name for name, _ in _template_names(package_dir / "templates")}
    rank = layers.rank
    violations: list[Violation] = []
    checked = 0

    def uses(path: str, line: int, app: str, what: str, used_by: set[str]) -> None:
        for used in sorted(used_by):
            if not layers.allows(app, used):
                message = f"{what} of {layers.package}.{used}; {layers.arrow(app, used)}"
                violations.append(Violation(path, line, message))

    for app_dir in _app_dirs(package_dir):
        app = app_dir.name
        templates = list(_template_names(app_dir / "templates"))
        if templates and app not in rank:
            path = (app_dir / "templates").relative_to(root).as_posix()
            message = f"app {app} has templates but is not placed in the layers contract"
            violations.append(Violation(path, 0, message))
            continue
        for name, file in templates:
            try:
                text = file.read_text(encoding="utf-8")
            except UnicodeDecodeError:
                continue
            checked += 1
            path = file.relative_to(root).as_posix()
            for line, contents in template_tags(text):
                if contents.split(maxsplit=1)[:1] == ["load"]:
                    for library in _loaded_libraries(contents):
                        what = f"{{% load {library} %}} loads a tag library"
                        uses(path, line, app, what, libraries.get(library, set()))
                    continue
                match = TEMPLATE_TAG_RE.match(contents)
                if match is None:  # another tag, or a template name held in a variable
                    continue
                verb = match.group(1)
                target = _resolve(match.group(2) or match.group(3) or "", name)
                if target in reader_templates:
                    message = (
                        f'{{% {verb} "{target}" %}} uses the reader template '
                        f"{layers.package}/templates/{target}; app templates may not extend or "
                        f"include reader templates, the reader's pages live only in "
                        f"{layers.package}/templates/"
                    )
                    violations.append(Violation(path, line, message))
                    continue
                what = f'{{% {verb} "{target}" %}} uses a template'
                uses(path, line, app, what, owners.get(target, set()))
    return violations, checked


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "root", nargs="?", type=Path, default=REPO_ROOT, help="the folder of pyproject.toml"
    )
    args = parser.parse_args(argv)
    try:
        violations, checked = check(args.root)
    except ConfigError as error:
        print(f"check_template_layers: {error}", file=sys.stderr)
        return 2
    for violation in violations:
        print(violation)
    if violations:
        print(f"{len(violations)} template layer violation(s) in {checked} templates.")
        return 1
    print(f"Template layers kept: {checked} templates checked.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
