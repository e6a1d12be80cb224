#!/usr/bin/env python3
"""Checks the include graph of src/ against src/layers.txt.

Usage: check_layers.py REPOSITORY

Every `#include "<layer>/..."` (or <...>) in a file under src/<layer>/ must
name the file's own layer or one that src/layers.txt lets it depend on. A
header under an `internal/` folder (src/<layer>/.../X/internal/...) may be
included only by files under X, the folder that holds it. Each
folder of src/ must be a layer of src/layers.txt, and every dependency listed
there must be a layer. Prints one line per violation (file:line: edge) and
exits 1 when there is any; reads the sources only, builds nothing.
"""
import pathlib
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*["<](([A-Za-z0-9_]+)/[^">]*)')
SOURCE_SUFFIXES = {".h", ".hpp", ".cc", ".cpp", ".def", ".inc"}


def read_graph(path):
    """{layer: set of the layers it may include}; ValueError on a bad line."""
    graph = {}
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        layer, colon, dependencies = line.partition(":")
        if not colon or not re.fullmatch(r"[a-z_]+", layer.strip()):
            raise ValueError(f"{path}:{number}: expected 'layer: dependencies', got '{raw}'")
        graph[layer.strip()] = set(dependencies.split())
    return graph


def violations(root):
    src = root / "src"
    graph = read_graph(src / "layers.txt")
    found = []
    for layer, dependencies in sorted(graph.items()):
        for unknown in sorted(dependencies - graph.keys()):
            found.append(f"src/layers.txt: {layer} depends on {unknown}, which is not a layer")
    for folder in sorted(p.name for p in src.iterdir() if p.is_dir()):
        if folder not in graph:
            found.append(f"src/{folder}/: a folder of src/ that src/layers.txt does not list")
    edges = 0
    for path in sorted(src.rglob("*")):
        if path.suffix not in SOURCE_SUFFIXES or not path.is_file():
            continue
        relative = path.relative_to(root)
        layer = relative.parts[1]
        if layer not in graph:
            continue
        lines = path.read_text(errors="replace").splitlines()
        for number, line in enumerate(lines, 1):
            match = INCLUDE.match(line)
            if not match or match.group(2) not in graph:
                continue
            target = match.group(2)
            edges += 1
            included = match.group(1)
            if "/internal/" in included:
                owner = included.split("/internal/", 1)[0]
                if not relative.relative_to("src").as_posix().startswith(owner + "/"):
                    found.append(f"{relative}:{number}: {included} is internal to src/{owner}/ "
                                 f"({line.strip()})")
            if target != layer and target not in graph[layer]:
                allowed = ", ".join(sorted(graph[layer])) or "nothing"
                found.append(f"{relative}:{number}: {layer} -> {target} ({line.strip()}) is not "
                             f"allowed by src/layers.txt ({layer} may include: {allowed})")
    return found, edges


def main(argv):
    if len(argv) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    try:
        found, edges = violations(pathlib.Path(argv[1]))
    except (OSError, ValueError) as error:
        print(f"check_layers: {error}", file=sys.stderr)
        return 2
    for line in found:
        print(line)
    if found:
        print(f"check_layers: {len(found)} violation(s) of src/layers.txt")
        return 1
    print(f"check_layers: {edges} includes of a layer, all allowed by src/layers.txt")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
