#!/usr/bin/env python3
"""The README and docs/: every page in docs/ is linked from the README, and every relative link in
them reaches a file of the repository and, with a #fragment, a heading of that Markdown file (GitHub's
heading ids: lower case, punctuation dropped, spaces as '-')."""
import pathlib, re, sys

root = pathlib.Path(__file__).resolve().parent.parent
pages = [root / "README.md"] + sorted((root / "docs").glob("*.md"))
link = re.compile(r"!?\[(?:[^\]\[]|\[[^\]]*\])*\]\(([^)\s]+)\)")


def heading_ids(path):
    ids, seen, fenced = set(), {}, False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        match = None if fenced else re.match(r"^#{1,6} (.*)", line)
        if match:
            base = re.sub(r"[^\w\- ]", "", match.group(1).strip().lower()).replace(" ", "-")
            count = seen.get(base, 0)
            seen[base] = count + 1
            ids.add(base if count == 0 else f"{base}-{count}")
    return ids


problems = []
readme_targets = set()
for page in pages:
    fenced = False
    for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("```"):
            fenced = not fenced
        if fenced:
            continue
        for target in link.findall(re.sub(r"`[^`]*`", "", line)):
            if re.match(r"^[a-z]+:", target):
                continue
            file_part, _, fragment = target.partition("#")
            destination = (page.parent / file_part).resolve() if file_part else page
            where = f"{page.relative_to(root)}:{number}"
            if not destination.exists():
                problems.append(f"{where}: `{target}` points to nothing")
                continue
            if page.name == "README.md" and page.parent == root:
                readme_targets.add(destination)
            if fragment and destination.suffix == ".md" and fragment not in heading_ids(destination):
                problems.append(f"{where}: `{target}`: {destination.name} has no heading #{fragment}")
for page in pages[1:]:
    if page.resolve() not in readme_targets:
        problems.append(f"docs/{page.name}: not linked from README.md")
for problem in problems:
    print(problem)
print(f"check-docs: {len(pages)} pages, {len(problems)} problem(s)")
sys.exit(1 if problems else 0)
