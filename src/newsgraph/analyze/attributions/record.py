"""From what `find.py` found in each paragraph to the article's Attribution records.

Works over the whole article: a quotation that continues after "he said" or into the next
paragraph joins its attribution as another content fragment; sources resolve to speakers in text
order (a pronoun needs the speakers before it); the medium ("according to IRNA", "The Journal
cited ... as saying", found in find.py) becomes an entity where one is named.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from spacy.tokens import Doc

from newsgraph.analyze.attributions.find import Found
from newsgraph.analyze.attributions.lexicon import polarity_of
from newsgraph.analyze.attributions.quotes import QUOTE_CHARS, kind_of, quoted_characters
from newsgraph.analyze.attributions.speakers import SpeakerResolver
from newsgraph.article import Attribution, Entity, Span



@dataclass
class _Draft:
    found: Found
    doc: Doc
    offset: int
    content: list[tuple[int, int]]
    source: tuple[int, int] | None
    source_token: int | None
    via: tuple[int, int] | None = None
    extra: list[tuple[int, int]] = field(default_factory=list)


def build_attributions(text: str, parts: list[tuple[int, Doc]], entities: list[Entity]) -> list[Attribution]:
    drafts = _drafts(parts)
    drafts = _join_continued_quotes(text, parts, drafts)
    quoted = quoted_characters(text)
    resolver = SpeakerResolver(text, entities, quoted)
    entity_of_span = _entity_lookup(entities)
    records = []
    for number, draft in enumerate(sorted(drafts, key=lambda d: d.content[0][0]), start=1):
        records.append(_record(text, number, draft, resolver, entity_of_span, quoted))
    return records


def _drafts(parts: list[tuple[int, Doc]]) -> list[_Draft]:
    drafts = []
    for offset, doc in parts:
        for found in doc._.attributions_found or []:
            draft = _Draft(found, doc, offset, [(offset + s, offset + e) for s, e in found.content],
                           (offset + found.source[0], offset + found.source[1]) if found.source else None,
                           found.source_token,
                           (offset + found.via[0], offset + found.via[1]) if found.via else None)
            drafts.append(draft)
    return drafts


def _shift(draft: _Draft, span: tuple[int, int]) -> tuple[int, int]:
    return draft.offset + span[0], draft.offset + span[1]


def _join_continued_quotes(text: str, parts: list[tuple[int, Doc]], drafts: list[_Draft]) -> list[_Draft]:
    """A quotation nobody's cue claims continues the quoted speaker just before it: later in the
    same paragraph ('"A," he said. "B."') or in the paragraphs that follow, news style. A cue
    inside such a quotation ("I don't know what she was thinking") is the speaker's own words,
    not another attribution, and goes. Only attributions reaching the last two paragraphs can
    take a quotation, so only those are looked at (long articles stay linear)."""
    by_paragraph: dict[int, list[_Draft]] = defaultdict(list)
    for draft in drafts:
        by_paragraph[draft.offset].append(draft)
    dropped: set[int] = set()
    active: list[_Draft] = []
    for index, (offset, doc) in enumerate(parts):
        low = parts[max(0, index - 2)][0]
        active = [d for d in active if _last_end(d) >= low] + by_paragraph.get(offset, [])
        for quote in doc.user_data["quotes"]:
            start, end = offset + quote.start, offset + quote.end
            overlapping = [d for d in active if any(s < end and start < e for s, e in d.content + d.extra)]
            if any(d.found.layout or not start <= d.offset + d.found.cue[0] < end for d in overlapping):
                continue  # claimed from outside, or a transcript line naming its own speaker
            others = [d for d in active if d not in overlapping]
            if any(d.source and start <= d.source[0] < end for d in others):
                continue
            if not _is_whole_sentences(doc, quote):
                continue
            previous = [d for d in others if _last_end(d) <= start]
            if not previous:
                continue
            speaker = max(previous, key=_last_end)
            last_end = _last_end(speaker)
            between = text[last_end:start]
            if speaker.found.kind == "indirect" and not between.rstrip().endswith(":"):
                continue
            if between.count("\n\n") > 1 or _has_other_cue(others, speaker, last_end, start):
                continue
            speaker.extra.append((start, end))
            dropped.update(id(d) for d in overlapping)
            active = others
    return [d for d in drafts if id(d) not in dropped]


def _last_end(draft: _Draft) -> int:
    return max(e for _, e in draft.content + draft.extra)


def _is_whole_sentences(doc: Doc, quote) -> bool:
    """The quotation stands as its own sentence(s), not as a phrase inside someone's clause."""
    before = doc.user_data["text"][:quote.start].rstrip()  # Doc.text is rebuilt from the tokens each time
    return not before or before[-1] in ".!?:" or before[-1] in QUOTE_CHARS


def _has_other_cue(drafts: list[_Draft], speaker: _Draft, start: int, end: int) -> bool:
    return any(start <= d.offset + d.found.cue[0] < end for d in drafts if d is not speaker)


def _entity_lookup(entities: list[Entity]):
    mentions = [(m.start, m.end, e) for e in entities for m in e.mentions if m.field == "text"]

    def lookup(span: tuple[int, int]) -> Entity | None:
        inside = [e for s, e_, e in mentions if s < span[1] and span[0] < e_]
        return inside[-1] if inside else None

    return lookup


def _record(text: str, number: int, draft: _Draft, resolver: SpeakerResolver, entity_of_span,
            quoted: bytearray) -> Attribution:
    found = draft.found
    fragments = sorted(draft.content + draft.extra)
    kind = kind_of(text, fragments, quoted)
    cue_start, cue_end = draft.offset + found.cue[0], draft.offset + found.cue[1]
    speaker = resolver.resolve(*draft.source) if draft.source else None
    via_entity = entity_of_span(draft.via) if draft.via else None
    cue_token = draft.doc[found.cue_token]
    return Attribution(
        id=f"A{number}",
        kind=kind,
        content=[Span(s, e, text[s:e]) for s, e in fragments],
        cue=Span(cue_start, cue_end, text[cue_start:cue_end]),
        cue_lemma=found.cue_lemma,
        source=Span(draft.source[0], draft.source[1], text[draft.source[0]:draft.source[1]]) if draft.source else None,
        speaker=speaker.entity.id if speaker and speaker.entity else None,
        speaker_name=speaker.name if speaker else None,
        anonymous=bool(speaker and speaker.anonymous),
        affiliation=speaker.affiliation if speaker else None,
        role=speaker.role if speaker else None,
        via=(via_entity.name if via_entity else text[draft.via[0]:draft.via[1]]) if draft.via else None,
        via_entity=via_entity.id if via_entity else None,
        polarity=polarity_of(cue_token, found.cue_lemma),
        confidence=found.confidence,
    )
