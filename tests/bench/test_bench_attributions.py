"""`bench attributions`: the PolNeAR loader, span matching, per-kind counts and the command."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from newsgraph.bench.attributions import (Evaluation, Predicted, _merge_triples, char_set, jaccard,
                                          match_one_to_one)
from newsgraph.bench.polnear import GoldAttribution, GoldDocument, content_kind, load_split, quoted_positions
from newsgraph.cli import main

TEXT = ("Officials reject report.\n\n"
        "“We will win,” she said, “and soon.”\n\n"
        "He said that the plan was “a disaster” for everyone.\n\n"
        "The report was denied.\n")


def span(text: str, piece: str, after: int = 0) -> str:
    """BRAT offsets of `piece` in `text`."""
    start = text.index(piece, after)
    return f"{start} {start + len(piece)}"


def write_corpus(root: Path) -> None:
    (root / "dev" / "text").mkdir(parents=True)
    (root / "dev" / "attributions").mkdir()
    (root / "dev" / "text" / "a1.txt").write_text(TEXT, encoding="utf-8")
    first_quote, second_quote = span(TEXT, "“We will win,”"), span(TEXT, "“and soon.”")
    chosen = "\n".join([
        f"T1\tSource {span(TEXT, 'she')}\tshe",
        f"T2\tCue {span(TEXT, 'said')}\tsaid",
        f"T3\tContent {first_quote};{second_quote}\t“We will win,” “and soon.”",
        f"T4\tAttribution {span(TEXT, 'said')}\tsaid",
        "E1\tAttribution:T4 Source:T1 Cue:T2 Content:T3",
        f"T5\tSource {span(TEXT, 'He')}\tHe",
        f"T6\tCue {span(TEXT, 'said', 40)}\tsaid",
        f"T7\tContent {span(TEXT, 'that the plan was “a disaster”')}\tthat the plan was “a disaster”",
        f"T8\tContent {span(TEXT, 'for everyone')}\tfor everyone",
        f"T9\tAttribution {span(TEXT, 'said', 40)}\tsaid",
        "E2\tAttribution:T9 Source:T5 Cue:T6 Content:T7 Content2:T8",
        f"T10\tContent {span(TEXT, 'The report')}\tThe report",
        f"T11\tCue {span(TEXT, 'was denied')}\twas denied",
        f"T12\tAttribution-no-source {span(TEXT, 'was denied')}\twas denied",
        "E3\tAttribution-no-source:T12 Cue:T11 Content:T10",
        f"T13\tDiscard {span(TEXT, 'Officials reject report.')}\tOfficials reject report.",
        "#1\tAnnotatorNotes T13\ta note, not an attribution",
    ]) + "\n"
    (root / "dev" / "attributions" / "a1_zz.ann").write_text(chosen, encoding="utf-8")
    # Sorts first by name but is listed second in the metadata: must not be chosen.
    other = f"T1\tContent {span(TEXT, 'The report')}\tThe report\nT2\tCue 0 3\tOff\nE1\tCue:T2 Content:T1\n"
    (root / "dev" / "attributions" / "a1_aa.ann").write_text(other, encoding="utf-8")
    (root / "metadata.tsv").write_text("compartment\tfilename\tannotators\ndev\ta1\tzz|aa\n", encoding="utf-8")


def test_loader_reads_the_first_listed_annotator_with_fragments_and_content2(tmp_path):
    write_corpus(tmp_path)
    [document] = load_split(tmp_path, "dev")
    assert document.annotator == "zz"
    direct, mixed, indirect = document.attributions
    assert [TEXT[s:e] for s, e in direct.content] == ["“We will win,”", "“and soon.”"]
    assert [TEXT[s:e] for s, e in mixed.content] == ["that the plan was “a disaster”", "for everyone"]
    assert TEXT[slice(*direct.source[0])] == "she" and direct.cue_text == "said"
    assert indirect.source is None and indirect.cue_text == "was denied"
    assert [a.kind for a in document.attributions] == ["direct", "mixed", "indirect"]
    assert document.paragraphs[1] == "“We will win,” she said, “and soon.”"


def test_loader_falls_back_to_any_annotator_file_without_metadata(tmp_path):
    write_corpus(tmp_path)
    (tmp_path / "metadata.tsv").unlink()
    [document] = load_split(tmp_path, "dev")
    assert document.annotator == "aa" and len(document.attributions) == 1


def kind_of(text: str, content: str) -> str:
    start = text.index(content)
    return content_kind([(start, start + len(content))], text, quoted_positions(text))


def test_kind_derivation_tells_quotes_from_apostrophes():
    assert kind_of("Clinton’s team said it won’t.", "it won’t") == "indirect"
    assert kind_of("It is ‘in their heads,’ he said.", "‘in their heads,’") == "direct"
    assert kind_of('He called it "a con" and left.', 'it "a con"') == "mixed"
    assert kind_of("He spoke. «Nous gagnerons», dit-il.", "«Nous gagnerons»") == "direct"
    # A quote running over paragraphs opens each one and closes only in the last.
    text = "“First part of a long quote.\n\n“Second part,” he said."
    assert kind_of(text, "First part of a long quote.") == "direct"
    assert kind_of(text, "he said") == "indirect"


def test_char_sets_ignore_whitespace_and_quote_marks():
    text = "“Hello world,” he said"
    quoted = char_set(text, [(0, 14)])
    bare = char_set(text, [(1, 13)])
    assert quoted == bare and len(bare) == len("Helloworld,")
    assert char_set(text, [(0, 6), (6, 14)]) == quoted  # fragments are a union


def test_jaccard_threshold_and_exact_match():
    text = "abcdefghij klmnop"
    gold = char_set(text, [(0, 10)])
    six_of_ten = char_set(text, [(0, 6)])
    assert jaccard(gold, six_of_ten) == pytest.approx(0.6)
    assert match_one_to_one([gold], [six_of_ten], 0.5) == [(0, 0)]
    assert match_one_to_one([gold], [six_of_ten], 1.0) == []
    assert match_one_to_one([gold], [char_set(text, [(0, 4)])], 0.5) == []
    assert match_one_to_one([gold], [char_set(text, [(0, 10)])], 1.0) == [(0, 0)]
    assert jaccard(frozenset(), frozenset()) == 0.0


def test_matching_is_one_to_one_best_first():
    text = "abcdefghijklmnopqrst"
    gold = [char_set(text, [(0, 10)]), char_set(text, [(0, 8)])]
    predicted = [char_set(text, [(0, 8)]), char_set(text, [(0, 10)]), char_set(text, [(0, 9)])]
    assert match_one_to_one(gold, predicted, 0.5) == [(0, 1), (1, 0)]  # two perfect pairs, the third left
    assert match_one_to_one([gold[0]], predicted, 0.5) == [(0, 1)]


def document_with(gold: list[GoldAttribution]) -> GoldDocument:
    return GoldDocument("doc", "x" * 100, "zz", gold)


def test_recall_counts_the_gold_kind_and_precision_the_predicted_kind():
    gold = [GoldAttribution("E1", [(0, 10)], [(40, 44)], [(50, 55)], kind="direct"),
            GoldAttribution("E2", [(20, 30)], [(60, 64)], None, kind="indirect")]
    predicted = [Predicted([(0, 9)], [(40, 44)], [(50, 53)], kind="mixed"),  # content 9 of 10 chars, source 3 of 5
                 Predicted([(80, 90)], [], None, kind="direct")]
    evaluation = Evaluation()
    evaluation.add(document_with(gold), gold, predicted)
    summary = evaluation.summary()
    loose, exact = summary["content"]["jaccard"], summary["content"]["exact"]
    assert loose["all"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "gold": 2, "predicted": 2}
    assert loose["direct"]["recall"] == 1.0 and loose["direct"]["precision"] == 0.0
    assert loose["mixed"]["precision"] == 1.0 and loose["mixed"]["gold"] == 0
    assert loose["indirect"]["recall"] == 0.0
    assert exact["all"]["f1"] == 0.0
    # Source: only attributions that have one take part (1 gold, 1 predicted); 3 of 5 chars is 0.6.
    assert summary["source"]["jaccard"]["all"] == {"precision": 1.0, "recall": 1.0, "f1": 1.0, "gold": 1,
                                                   "predicted": 1}
    assert summary["cue"]["exact"]["all"]["gold"] == 2 and summary["cue"]["exact"]["all"]["recall"] == 0.5
    assert summary["speaker_accuracy"] == {"accuracy": 1.0, "overlap": 1.0, "pairs": 1}
    assert evaluation.per_document["doc"] == (0.5, 2, 2)


def test_speaker_accuracy_needs_jaccard_half_and_a_predicted_source():
    gold = [GoldAttribution("E1", [(0, 10)], [], [(50, 60)]), GoldAttribution("E2", [(20, 30)], [], [(70, 80)])]
    predicted = [Predicted([(0, 10)], [], [(50, 54)]), Predicted([(20, 30)], [], None)]
    evaluation = Evaluation()
    evaluation.add(document_with(gold), gold, predicted)
    assert evaluation.summary()["speaker_accuracy"] == {"accuracy": 0.0, "overlap": 0.5, "pairs": 2}


def test_textacy_triples_of_one_speaker_and_cue_make_one_prediction():
    def tokens(*items):
        return [SimpleNamespace(i=i, idx=idx, text=text, lemma_=text.lower()) for i, idx, text in items]

    she, said, he = tokens((3, 15, "she")), tokens((4, 19, "said")), tokens((9, 40, "He"))
    triples = [SimpleNamespace(speaker=she, cue=said, content=SimpleNamespace(start_char=0, end_char=14)),
               SimpleNamespace(speaker=she, cue=said, content=SimpleNamespace(start_char=25, end_char=36)),
               SimpleNamespace(speaker=he, cue=said, content=SimpleNamespace(start_char=50, end_char=60))]
    merged = _merge_triples(triples, offset=100)
    assert [p.content for p in merged] == [[(100, 114), (125, 136)], [(150, 160)]]
    assert merged[0].source == [(115, 118)] and merged[0].cue == [(119, 123)] and merged[0].kind == "direct"


def test_command_reports_every_section(tmp_path):
    write_corpus(tmp_path)
    result = CliRunner().invoke(main, ["bench", "attributions", "--data", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert {"documents", "gold_attributions", "gold_kinds", "newsgraph", "worst", "comparison"} <= set(report)
    assert report["documents"] == 1 and report["gold_attributions"] == 3
    # "“We will win,” she said, “and soon.”" is found whole: one attribution, two fragments.
    assert report["newsgraph"]["content"]["jaccard"]["direct"]["f1"] == 1.0
    ours = report["newsgraph"]
    assert {"content", "source", "cue", "speaker_accuracy", "pages_per_s"} <= set(ours)
    assert set(ours["content"]) == {"jaccard", "exact"}
    assert set(ours["content"]["jaccard"]) == {"all", "direct", "mixed", "indirect"}
    assert ours["content"]["jaccard"]["all"]["gold"] == report["gold_attributions"]
    comparison = report["comparison"]
    assert "note" in comparison or comparison["systems"][0]["system"].startswith("textacy")
