"""The PolNeAR attribution corpus as gold documents.

Layout: `<split>/text/<article>.txt` and `<split>/attributions/<article>_<annotator>.ann`
(BRAT standoff, character offsets into the .txt); `metadata.tsv` lists each article's annotators.
Only `E` lines make an attribution: its `Content`/`Content2` text-bound spans (each possibly
discontinuous), `Cue` and optional `Source`. `Discard`/`Discuss` and notes are ignored.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass, field
from pathlib import Path

Fragment = tuple[int, int]

# Opening and closing marks; a straight '"' opens or closes by position.
_DOUBLE_OPEN = "“«„"
_DOUBLE_CLOSE = "”»‟"
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_ID = re.compile(r"[TE]\d+")
QUOTE_CHARS = frozenset('"“”«»„‟‘’\'‹›`')


@dataclass
class GoldAttribution:
    id: str  # the E line's id, e.g. "E3"
    content: list[Fragment]
    cue: list[Fragment] = field(default_factory=list)
    source: list[Fragment] | None = None  # None when the annotator marked no source
    kind: str = "indirect"  # "direct", "mixed" or "indirect", derived from quote marks
    cue_text: str = ""


@dataclass
class GoldDocument:
    name: str
    text: str
    annotator: str
    attributions: list[GoldAttribution] = field(default_factory=list)

    @property
    def paragraphs(self) -> list[str]:
        return [p.strip() for p in re.split(r"\n[ \t\r\f\v]*\n", self.text) if p.strip()]


def load_split(data_dir: Path, split: str = "dev", limit: int | None = None) -> list[GoldDocument]:
    """The split's articles in name order, each with the first listed annotator's attributions."""
    root = Path(data_dir)
    folder = root / split
    if not (folder / "text").is_dir():
        raise FileNotFoundError(f"{folder}/text: no such folder (expected a PolNeAR data folder)")
    annotators = read_annotators(root / "metadata.tsv")
    documents = []
    for text_path in sorted((folder / "text").glob("*.txt"))[:limit]:
        ann_path = choose_annotation(folder / "attributions", text_path.stem, annotators.get(text_path.stem, []))
        text = text_path.read_text(encoding="utf-8")
        if ann_path is None:
            documents.append(GoldDocument(text_path.stem, text, annotator=""))
            continue
        annotator = ann_path.stem[len(text_path.stem) + 1:]
        attributions = parse_ann(ann_path.read_text(encoding="utf-8"), text)
        documents.append(GoldDocument(text_path.stem, text, annotator, attributions))
    return documents


def read_annotators(metadata: Path) -> dict[str, list[str]]:
    if not metadata.exists():
        return {}
    with metadata.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: [a for a in (row.get("annotators") or "").split("|") if a]
                for row in csv.DictReader(handle, delimiter="\t")}


def choose_annotation(folder: Path, name: str, annotators: list[str]) -> Path | None:
    """The first annotator in metadata order that has a file; else the first file by name, so a
    missing metadata row still gives a deterministic choice."""
    for annotator in annotators:
        path = folder / f"{name}_{annotator}.ann"
        if path.exists():
            return path
    # The suffix after the article name is one annotator id with no underscore in it.
    candidates = sorted(p for p in folder.glob(f"{name}_*.ann") if "_" not in p.stem[len(name) + 1:])
    return candidates[0] if candidates else None


def parse_fragments(offsets: str) -> list[Fragment]:
    """`"10 20;25 30"` -> [(10, 20), (25, 30)]."""
    fragments = []
    for part in offsets.split(";"):
        start, end = part.split()
        fragments.append((int(start), int(end)))
    return fragments


def parse_ann(ann: str, text: str) -> list[GoldAttribution]:
    spans: dict[str, list[Fragment]] = {}
    events: list[tuple[str, dict[str, list[str]]]] = []
    for line in ann.splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not _ID.fullmatch(parts[0]):
            continue  # notes, and the rest of a span text that ran over a line break
        if line.startswith("T"):
            _label, _, offsets = parts[1].partition(" ")
            spans[parts[0]] = parse_fragments(offsets)
        elif line.startswith("E"):
            roles: dict[str, list[str]] = {}
            for argument in parts[1].split():
                role, _, target = argument.partition(":")
                roles.setdefault(role.rstrip("0123456789") or role, []).append(target)
            events.append((parts[0], roles))
    quoted = quoted_positions(text)
    attributions = []
    for event_id, roles in events:
        content = sorted(f for t in roles.get("Content", []) for f in spans.get(t, []))
        if not content:
            continue
        cue = sorted(f for t in roles.get("Cue", []) for f in spans.get(t, []))
        source = sorted(f for t in roles.get("Source", []) for f in spans.get(t, [])) or None
        attributions.append(GoldAttribution(
            event_id, content, cue, source, kind=content_kind(content, text, quoted),
            cue_text=" ".join(" ".join(text[s:e] for s, e in cue).split()).lower()))
    return attributions


def quoted_positions(text: str) -> set[int]:
    """Positions of characters between quote marks, paragraph by paragraph.

    A quote left open runs to the end of its paragraph: a quotation over several paragraphs opens
    each one and closes only the last. Single marks count as quotes only at word edges
    ("‘in their heads’"), so "Clinton’s" and "don’t" stay apostrophes.
    """
    inside: set[int] = set()
    offset = 0
    for line in text.split("\n"):
        inside |= {offset + i for i in _quoted_in_paragraph(line)}
        offset += len(line) + 1
    return inside


def _quoted_in_paragraph(text: str) -> set[int]:
    inside: set[int] = set()
    double_depth, single_open = 0, False
    for i, char in enumerate(text):
        before = text[i - 1] if i else " "
        after = text[i + 1] if i + 1 < len(text) else " "
        if char in _DOUBLE_OPEN or (char == '"' and not double_depth):
            double_depth += 1
        elif char in _DOUBLE_CLOSE or char == '"':
            double_depth = max(0, double_depth - 1)
        elif char in _SINGLE_OPEN + "'" and not single_open and not before.isalnum() and after.isalnum():
            single_open = True
        elif char in _SINGLE_CLOSE + "'" and single_open and not after.isalnum():
            single_open = False
        elif double_depth or single_open:
            inside.add(i)
    return inside


def content_kind(content: list[Fragment], text: str, quoted: set[int]) -> str:
    """"direct" when every word character of the content is between quote marks, "mixed" when
    some are, "indirect" when none. Only letters and digits decide: spaces, commas and the marks
    themselves sit at quote edges and between quoted fragments."""
    positions = [i for start, end in content for i in range(start, end) if text[i].isalnum()]
    if not positions:
        return "indirect"
    count = sum(1 for i in positions if i in quoted)
    if count == len(positions):
        return "direct"
    return "mixed" if count else "indirect"
