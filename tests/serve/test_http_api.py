"""The HTTP API over a store built from examples/: pages, filters, records, profiles, writes, export."""

from __future__ import annotations

import json

import pytest

from support import SEED

SEED_TITLE = "Iran denies that Khamenei replied to Obama letter on Islamic State"
KHAMENEI = "person:ali-khamenei"


def seed_id(client) -> str:
    hits = client.get("/api/articles", params={"q": "Khamenei letter"}).json()["items"]
    assert hits and hits[0]["title"] == SEED_TITLE
    return hits[0]["id"]


def test_article_pages_follow_cursors_through_every_article_once(client):
    seen, cursor, pages = [], None, 0
    while True:
        body = client.get("/api/articles", params={"limit": 5, **({"cursor": cursor} if cursor else {})}).json()
        seen += [item["id"] for item in body["items"]]
        pages += 1
        cursor = body["next"]
        if cursor is None:
            break
    total = client.get("/api/stats").json()["articles"]
    assert total == 16 and len(seen) == total == len(set(seen)) and pages == 4
    dates = [item["published"] or "" for item in client.get("/api/articles", params={"limit": 100}).json()["items"]]
    assert dates == sorted(dates, reverse=True)  # newest first, undated last


def test_search_ranks_the_seed_first_and_marks_the_words(client):
    body = client.get("/api/articles", params={"q": "Khamenei", "facets": "true"}).json()
    first = body["items"][0]
    assert first["title"] == SEED_TITLE and first["attributions"] >= 6
    assert [first["snippet"][s:e] for s, e in first["highlights"]] and all(
        first["snippet"][s:e].lower() == "khamenei" for s, e in first["highlights"])
    assert {"source", "entity", "month"} <= set(body["facets"])
    assert any(f["key"] == KHAMENEI for f in body["facets"]["entity"])
    # Free text that is not FTS5 syntax still searches its words.
    assert client.get("/api/articles", params={"q": 'U.S. "deal'}).status_code == 200


def test_search_pages_by_offset_cursor(client):
    first = client.get("/api/articles", params={"q": "said", "limit": 3}).json()
    second = client.get("/api/articles", params={"q": "said", "limit": 3, "cursor": first["next"]}).json()
    assert first["next"] and not {i["id"] for i in first["items"]} & {i["id"] for i in second["items"]}


@pytest.mark.parametrize("params, expected", [
    ({"source": "eastbridgepost.example"}, 3),
    ({"since": "2025-09", "until": "2025-10"}, 4),  # Sep 11, Sep 18, Oct 6, Oct 23: whole months
    ({"since": "2025-12-04", "until": "2025-12-04"}, 1),
    ({"entity": KHAMENEI}, 1),
    ({"speaker": "afkham"}, 1),
])
def test_article_filters(client, params, expected):
    items = client.get("/api/articles", params={**params, "limit": 100}).json()["items"]
    assert len(items) == expected, [(i["title"], i["published"]) for i in items]


def test_speaker_filter_by_entity_key(client):
    key = client.get("/api/attributions", params={"speaker": "Afkham"}).json()[0]["entity_key"]
    assert key == "person:marzieh-afkham"
    assert [i["title"] for i in client.get("/api/articles", params={"speaker": key}).json()["items"]] == [SEED_TITLE]


@pytest.mark.parametrize("params", [{"cursor": "not-a-cursor"}, {"cursor": "e30"}])
def test_a_cursor_the_server_did_not_give_is_refused(client, params):
    response = client.get("/api/articles", params=params)
    assert response.status_code == 400 and "cursor" in response.json()["detail"]


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 1000}, {"since": "March"}, {"until": "2025-1"}])
def test_bad_parameters_are_422(client, params):
    assert client.get("/api/articles", params=params).status_code == 422


def test_the_full_record_by_id_or_prefix(client):
    article_id = seed_id(client)
    record = client.get(f"/api/articles/{article_id}").json()
    assert record["title"] == SEED_TITLE and record["authors"] == [] and len(record["paragraphs"]) == 7
    afkham = [a for a in record["attributions"] if a["speaker_name"] == "Marzieh Afkham"]
    assert afkham and afkham[0]["via"] == "IRNA" and afkham[0]["kind"] == "direct"
    khamenei = next(e for e in record["entities"] if e["name"] == "Ali Khamenei")
    assert record["entity_keys"][khamenei["id"]] == KHAMENEI
    assert client.get(f"/api/articles/{article_id[:8]}").json()["id"] == article_id
    from newsgraph import Store

    with Store(client.app.state.settings.db, readonly=True) as store:  # the record is the library's, to the byte
        assert {k: v for k, v in record.items() if k != "entity_keys"} == store.get(article_id).to_dict()
    missing = client.get("/api/articles/0000000000000000")
    assert missing.status_code == 404 and "no article" in missing.json()["detail"]


def test_entities_across_the_corpus(client):
    people = client.get("/api/entities", params={"type": "person", "top": 500}).json()
    assert people and {e["type"] for e in people} == {"PERSON"}
    assert client.get("/api/entities", params={"q": "khamenei"}).json()[0]["key"] == KHAMENEI
    usa = client.get("/api/entities", params={"q": "United States"}).json()[0]
    assert usa["country"] == "USA" and usa["articles"] >= 2


def test_entity_profile(client):
    profile = client.get(f"/api/entities/{KHAMENEI}").json()
    assert profile["name"] == "Ali Khamenei" and profile["type"] == "PERSON" and profile["articles"] == 1
    assert "Supreme Leader Ayatollah Ali Khamenei" in profile["names"]
    assert profile["undated_articles"] == 1 and profile["timeline"] == []  # the seed page has no date
    assert any("Khamenei" in row["content_text"] for row in profile["said_about"])
    assert {c["key"] for c in profile["appears_with"]} >= {"person:barack-obama", "gpe:iran"}
    assert profile["latest"][0]["title"] == SEED_TITLE
    dated = client.get("/api/entities/gpe:united-states").json()
    assert sum(p["articles"] for p in dated["timeline"]) + dated["undated_articles"] == dated["articles"]
    assert client.get("/api/entities/person:nobody-at-all").status_code == 404


def test_attribution_filters(client):
    afkham = client.get("/api/attributions", params={"speaker": "afkham"}).json()
    assert afkham and all(row["entity_name"] == "Marzieh Afkham" for row in afkham)
    assert afkham[0]["role"] == "Foreign Ministry spokeswoman"
    denials = client.get("/api/attributions", params={"polarity": "denies", "about": "Khamenei"}).json()
    assert any(row["title"] == SEED_TITLE for row in denials) and all(r["polarity"] == "denies" for r in denials)
    direct = client.get("/api/attributions", params={"kind": "direct", "q": "letter"}).json()
    assert direct and all(row["kind"] == "direct" and "letter" in row["content_text"].lower() for row in direct)
    assert client.get("/api/attributions", params={"kind": "shouted"}).status_code == 422


def test_stats(client):
    stats = client.get("/api/stats").json()
    assert stats["articles"] == 16 and stats["attributions"] > 50 and stats["errors"] == {}


def test_analyze_does_not_store(client):
    before = client.get("/api/stats").json()["articles"]
    record = client.post("/api/analyze", json={"content": SEED.read_text(encoding="utf-8")}).json()
    assert record["title"] == SEED_TITLE and len(record["attributions"]) >= 6
    assert client.get("/api/stats").json()["articles"] == before
    empty = client.post("/api/analyze", json={"content": "Home | About"})
    assert empty.status_code == 422 and empty.json()["detail"].startswith("no_content")


def test_request_bodies_over_the_cap_are_refused_before_reading(examples_db):
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app

    with TestClient(create_app(examples_db, max_body_bytes=1000)) as small:
        response = small.post("/api/analyze", json={"content": "x" * 2000})
        assert response.status_code == 413 and "content-security-policy" in response.headers

        def chunks():  # no Content-Length: counted as it arrives
            for _ in range(10):
                yield b"x" * 500

        streamed = small.post("/api/analyze", content=chunks(), headers={"content-type": "application/json"})
        assert streamed.status_code == 413


def test_writes_are_off_without_a_token(client):
    response = client.post("/api/articles", json={"content": SEED.read_text(encoding="utf-8")})
    assert response.status_code == 403


def test_writes_need_the_token_and_are_idempotent(writable_db):
    from fastapi.testclient import TestClient

    from newsgraph.serve import create_app

    page = {"content": "<html><head><title>Harbour pilots vote to strike</title></head><body><article>"
                       + "".join(f"<p>{p}</p>" for p in [
                           "Harbour pilots in Port Elden voted on Monday to strike over new shift rules, union leader "
                           "Ana Duarte said, in the first stoppage at the port in a decade.",
                           '"We have been patient for two years," Duarte told reporters outside the union hall. '
                           "The port authority said it regretted the decision and would keep talking."])
                       + "</article></body></html>", "url": "https://news.example/pilots", "format": "html"}
    with TestClient(create_app(writable_db, write_token="s3cret")) as app:
        assert app.get("/api/stats").json()["articles"] == 16  # now in the response cache
        assert app.post("/api/articles", json=page).status_code == 401
        assert app.post("/api/articles", json=page, headers={"Authorization": "Bearer wrong"}).status_code == 401
        stored = app.post("/api/articles", json=page, headers={"Authorization": "Bearer s3cret"})
        assert stored.status_code == 201, stored.text
        again = app.post("/api/articles", json=page, headers={"Authorization": "Bearer s3cret"})
        assert again.json()["id"] == stored.json()["id"]
        assert app.get("/api/stats").json()["articles"] == 17
        record = app.get(stored.json()["location"]).json()
        assert record["title"] == "Harbour pilots vote to strike"
        assert any(a["speaker_name"] == "Ana Duarte" for a in record["attributions"])


def test_a_write_by_another_process_is_seen_at_once(writable_db):
    from fastapi.testclient import TestClient

    from newsgraph import Store, extract
    from newsgraph.serve import create_app
    from support import html_page

    with TestClient(create_app(writable_db)) as app:
        before = app.get("/api/articles", params={"q": "pilots"}).json()["items"]
        with Store(writable_db) as store:  # as `newsgraph ingest` would, from its own connection
            store.save(extract(html_page("Harbour pilots strike", [
                "Harbour pilots in Port Elden walked out on Monday over new shift rules, the union said.",
                "The port authority said it regretted the decision and would keep talking to the union."]),
                url="https://news.example/pilots"))
        after = app.get("/api/articles", params={"q": "pilots"}).json()["items"]
        assert before == [] and len(after) == 1


def test_export_streams_one_record_per_line(client):
    response = client.get("/api/export", params={"format": "jsonl"})
    assert response.headers["content-type"].startswith("application/x-ndjson")
    records = [json.loads(line) for line in response.text.splitlines()]
    assert len(records) == 16 and len({r["id"] for r in records}) == 16
    assert all(r["entities"] is not None and r["attributions"] is not None for r in records)
    only = client.get("/api/export", params={"q": "Khamenei"}).text.splitlines()
    assert [json.loads(line)["title"] for line in only] == [SEED_TITLE]


@pytest.mark.parametrize("path", ["/", "/search?q=Khamenei", "/quotes", "/entities", f"/entities/{KHAMENEI}",
                                  "/analyze", "/docs", "/articles/nope", "/api/stats", "/openapi.json"])
def test_every_response_carries_the_security_headers(client, path):
    response = client.get(path, headers={"accept": "text/html"})
    policy = response.headers["content-security-policy"]
    assert "script-src 'self'" in policy and "default-src 'none'" in policy and "unsafe" not in policy
    assert response.headers["x-content-type-options"] == "nosniff"
    if response.headers["content-type"].startswith("text/html"):
        assert "<script>" not in response.text  # no inline script anywhere


def test_html_pages_render(client):
    article_id = seed_id(client)
    home = client.get("/").text
    assert "Most quoted" in home and "Latest articles" in home and "Oleg Voronin" in home  # 7 attributions
    page = client.get(f"/articles/{article_id}").text
    assert 'class="attr' in page and "Who said what" in page and "Join the Discussion" in page  # in `removed`
    assert f'href="/entities/{KHAMENEI.replace(":", "%3A")}"' in page or f'href="/entities/{KHAMENEI}"' in page
    missing = client.get("/articles/nope", headers={"accept": "text/html"})
    assert missing.status_code == 404 and "Not found" in missing.text


def test_a_cached_answer_is_the_same_answer_with_its_headers_once(client):
    first = client.get("/search?q=Khamenei", headers={"accept": "text/html"})
    again = client.get("/search?q=Khamenei", headers={"accept": "text/html"})
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert again.headers.get_list("content-security-policy") == first.headers.get_list("content-security-policy")
    assert len(again.headers.get_list("content-security-policy")) == 1
    # Asked for JSON, the same missing page answers JSON: HTML and JSON answers are kept apart.
    assert client.get("/entities/nobody:none", headers={"accept": "text/html"}).text.startswith("<!doctype html>")
    assert client.get("/entities/nobody:none").json()["detail"]


def test_head_is_get_without_the_body(client):
    head = client.head("/api/stats")
    assert head.status_code == 200 and head.content == b"" and "content-security-policy" in head.headers
    assert client.head("/articles/0000000000000000").status_code == 404


def test_quotes_page_pages_on(client):
    first = client.get("/quotes", headers={"accept": "text/html"}).text
    assert 'rel="next" href="/quotes?offset=100"' in first  # 289 attributions in the examples
    last = client.get("/quotes?offset=200", headers={"accept": "text/html"}).text
    assert 'rel="next"' not in last and "quote-row" in last
