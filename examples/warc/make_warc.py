"""Build examples/warc/news.warc.gz: a small crawl of the imaginary "Eastbridge Post".

Run from anywhere:  .venv/bin/python examples/warc/make_warc.py

The archive holds, in this order:
  1. a warcinfo record
  2. a request record (GET for the first article)       -> the ingester must skip it
  3. a response: HTML article (https, migration)
  4. a response: image/png logo of a few bytes          -> the ingester must skip it
  5. a response: HTML article (plain http, mining/trade)
  6. a response: HTML article (https, space cooperation)

The three pages are kept here as string constants (not as .html files) so that
ingesting examples/ recursively does not pick them up twice. The output is
deterministic: fixed record ids and dates.
"""

from __future__ import annotations

import base64
import io
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

HERE = Path(__file__).resolve().parent
OUT = HERE / "news.warc.gz"
SITE = "https://www.eastbridgepost.example"

# A valid 1x1 PNG, a few dozen bytes.
PNG_BYTES = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=="
)

PAGE_TEMPLATE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{title} | The Eastbridge Post</title>
<meta name="author" content="{author}">
<meta name="keywords" content="{keywords}">
<meta property="og:title" content="{title}">
<meta property="og:site_name" content="The Eastbridge Post">
<meta property="og:url" content="{url}">
<meta property="article:published_time" content="{published}">
<link rel="canonical" href="{url}">
<link rel="stylesheet" href="/static/post.css">
</head>
<body>
<div class="cookie-banner">The Eastbridge Post uses cookies to improve your experience. <a href="/cookies">Cookie settings</a> <button>Accept</button></div>
<header class="masthead">
  <a href="/" class="wordmark"><img src="/img/logo.png" alt="The Eastbridge Post"></a>
  <nav><ul>
    <li><a href="/world">World</a></li><li><a href="/europe">Europe</a></li><li><a href="/africa">Africa</a></li>
    <li><a href="/asia">Asia</a></li><li><a href="/science">Science</a></li><li><a href="/business">Business</a></li>
  </ul></nav>
</header>
<main>
<article>
  <h1>{title}</h1>
  <div class="byline-block"><span class="by">By {author}</span> <time datetime="{published}">{display_date}</time></div>
  <div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on X</a> <a href="#">Email this story</a></div>
{body}
</article>
<aside class="newsletter"><h2>The Post Briefing</h2><p>Sign up for our free daily newsletter and never miss a story.</p><input type="email" placeholder="Email address"><button>Sign up</button></aside>
<section class="comments"><p>Join the Discussion: <a href="#comments">view comments</a> or log in to post your own.</p></section>
<aside class="related"><h2>Related stories</h2><ul>
{related}
</ul></aside>
</main>
<footer><p><a href="/about">About the Post</a> | <a href="/contact">Contact</a> | <a href="/privacy">Privacy</a> | <a href="/cookies">Cookie settings</a></p><p>&copy; 2025 The Eastbridge Post</p></footer>
</body>
</html>
"""

PAGES = [
    dict(
        url=SITE + "/europe/2025/05/22/eu-ministers-back-return-hubs",
        title="EU ministers back offshore return hubs for rejected asylum seekers",
        author="Katarzyna Nowak",
        keywords="migration, asylum, European Union, Italy, Albania, Poland, return hubs",
        published="2025-05-22T17:10:00+02:00",
        display_date="May 22, 2025",
        date="2025-05-22T15:30:00Z",
        related=[
            ("/europe/2025/05/08/albania-centres-reopen", "Albania centres reopen after court setback"),
            ("/europe/2025/04/29/frontex-budget", "Frontex asks for bigger budget as crossings shift east"),
            ("/world/2025/05/20/unhcr-funding-cuts", "UNHCR warns of deep cuts to refugee programmes"),
        ],
        body=[
            "European Union interior ministers on Thursday backed a proposal that would allow member states to send rejected asylum seekers to so-called return hubs in countries outside the bloc, a major shift in the EU's migration policy that human rights groups said would break international law.",
            "Meeting in Brussels, ministers from 22 of the 27 member states endorsed the plan, which the European Commission put forward in March. Spain, Portugal, Ireland, Belgium and Slovenia either abstained or voted against, according to diplomats present at the meeting.",
            "\"People who have no right to stay in Europe must actually leave Europe, otherwise the whole system loses its credibility,\" Polish Interior Minister Tomasz Wrona, who chaired the meeting on behalf of Poland's rotating EU presidency, told a news conference. \"Today we took a decisive step.\"",
            "Under the proposal, which still needs the approval of the European Parliament, a government could transfer people whose asylum claims had been rejected to a third country that had agreed to receive them, even if they had no connection to it. Only about one in five people ordered to leave the EU currently does so, according to Eurostat.",
            "Italy has already built two centres in Albania under a bilateral deal, though they have stood largely empty after Italian courts blocked transfers of asylum seekers last year. Italian Undersecretary for the Interior Giulia Ferraro said the new EU rules would give the facilities a secure legal footing. \"The centres exist,\" Ferraro said, \"and now, at last, the law will catch up with them.\"",
            "A senior EU diplomat who asked not to be named said the Netherlands and Denmark had held exploratory talks with Uganda and Rwanda about hosting return hubs, and that at least one agreement could be signed before the end of the year.",
            "The Ugandan government denied that it was negotiating any such arrangement. \"Uganda has not been approached about receiving people deported from Europe and would not accept such a proposal,\" a foreign ministry spokesman in Kampala, Moses Okello, said on Thursday.",
            "Refugee organisations condemned the vote. Sofia Lindgren, Europe director of the Brussels-based Refugee Rights Network, said the plan would outsource Europe's legal obligations to poorer countries with weaker protections. \"We have seen this film before, and we know how it ends. People are left in limbo, in places where no one is accountable for what happens to them.",
            "\"Europe is telling the rest of the world that its responsibilities stop at its borders,\" Lindgren said.",
            "The United Nations refugee agency, UNHCR, said in a statement that any transfer must comply with the Refugee Convention and that people should not be sent to countries where they could face persecution.",
            "Wrona said he hoped the Parliament would vote on the proposal before the summer break. Lawmakers from the centre-right European People's Party, the largest group in the assembly, have signalled support, while the Socialists and the Greens have said they will oppose it.",
        ],
    ),
    dict(
        url="http://www.eastbridgepost.example/africa/2025/06/26/congo-extends-cobalt-export-suspension",
        title="Congo extends cobalt export suspension as prices climb",
        author="Jean-Pierre Mbala",
        keywords="cobalt, Democratic Republic of Congo, mining, China, batteries, Kinshasa",
        published="2025-06-26T12:00:00+01:00",
        display_date="June 26, 2025",
        date="2025-06-26T11:20:00Z",
        related=[
            ("/africa/2025/06/11/lobito-corridor-rail", "First ore train runs on upgraded Lobito corridor"),
            ("/business/2025/06/03/ev-battery-chemistry", "Carmakers turn to cobalt-free batteries"),
            ("/africa/2025/05/27/zambia-copper-output", "Zambia's copper output hits five-year high"),
        ],
        body=[
            "The Democratic Republic of Congo said on Wednesday it would extend its suspension of cobalt exports by another three months, prolonging a measure that has lifted world prices of the battery metal by more than 60 percent since it was imposed in February. Officials had said last month that the measure was under review.",
            "Congo produces about three quarters of the world's cobalt, most of it as a by-product of copper mining in the southern provinces of Lualaba and Haut-Katanga. The government says a glut of supply had driven prices to their lowest level in nearly a decade, depriving the state of revenue.",
            "\"For too long the price of our cobalt has been decided everywhere except in Kinshasa,\" Mines Minister Honorine Kabeya said in a televised statement. \"We intend to change that, calmly and firmly.\"",
            "The decision was announced by the Authority for the Regulation and Control of Strategic Mineral Substances' Markets, known by its French acronym ARECOMS, which said it would consider replacing the ban with a system of export quotas once the suspension ends in September.",
            "Chinese companies, which own or finance most of Congo's large copper and cobalt mines, have lobbied against the ban. According to industry estimates, stockpiles of cobalt hydroxide at mine sites in Lualaba have grown to more than 100,000 tonnes, tying up hundreds of millions of dollars in working capital.",
            "A senior executive at a Chinese-owned mining company in Kolwezi who asked not to be named said firms had been told privately that quotas would favour producers that agreed to build refining capacity inside Congo. \"Nobody has put it in writing,\" the executive said, \"but the message is very clear.\"",
            "Kabeya denied that companies had been given any such assurances. \"No quota has been promised to anyone, and no quota will be traded for anything,\" she told reporters on Thursday. \"The rules will be published, and they will apply to everyone.\"",
            "The extension comes as the United States seeks a larger role in Congo's mining sector. American officials have been discussing a minerals partnership with Kinshasa alongside efforts to end the conflict in the east of the country, where Rwanda-backed M23 rebels seized the cities of Goma and Bukavu earlier this year.",
            "Analysts said the suspension had shown that Congo could move markets, but warned that it risked pushing manufacturers toward alternatives. Battery makers in China and South Korea have been increasing production of lithium iron phosphate cells, which contain no cobalt at all.",
            "\"Congo has proved a point, and the point has been heard,\" said Ama Boateng, an analyst at the London consultancy Ridgeway Metals. \"The question now is how long it can hold the line before buyers decide they would rather not depend on one country.",
            "\"That calculation is being made in every boardroom in Shanghai and Seoul this week,\" Boateng said.",
            "Cobalt prices in London rose 4 percent on Thursday after the announcement, according to traders.",
        ],
    ),
    dict(
        url=SITE + "/science/2025/12/04/india-japan-lunar-mission-landing-site",
        title="India and Japan pick landing zone for joint lunar south pole mission",
        author="Meera Iyer",
        keywords="space, Moon, India, Japan, ISRO, JAXA, lunar south pole",
        published="2025-12-04T09:00:00+05:30",
        display_date="December 4, 2025",
        date="2025-12-04T04:05:00Z",
        related=[
            ("/science/2025/11/20/artemis-delay", "NASA confirms new delay to crewed lunar landing"),
            ("/asia/2025/11/14/japan-space-budget", "Japan approves record space budget"),
            ("/science/2025/10/30/china-lunar-base", "China outlines plans for lunar research station"),
        ],
        body=[
            "India and Japan have chosen a landing zone near the Moon's south pole for their joint rover mission, the two countries' space agencies said on Wednesday, narrowing the search for water ice that could one day supply astronauts with drinking water, oxygen and rocket fuel.",
            "The mission, known as the Lunar Polar Exploration project, is scheduled to launch from Japan in 2028 on a Japanese rocket, carrying an Indian-built lander and a Japanese rover. The chosen zone lies on a ridge near the rim of a permanently shadowed crater, according to a joint statement from the Indian Space Research Organisation and the Japan Aerospace Exploration Agency.",
            "\"This is where the science is richest and where the risk is still acceptable,\" ISRO's mission director, Dr. Anand Raghavan, told reporters in Bengaluru. \"We have studied these slopes for two years using data from our own orbiter.\"",
            "His Japanese counterpart, Dr. Yuki Morimoto, said the rover would drill up to one and a half metres into the lunar soil and analyse samples on site. \"If there is water ice in that ridge,\" Morimoto said, \"we will not only find it, we will be able to tell you how much there is.\"",
            "The announcement comes as the United States and China race to put astronauts near the lunar south pole by the end of the decade. India became the first country to land a spacecraft near the pole with its Chandrayaan-3 mission in August 2023, while Japan's SLIM lander touched down successfully, though upside down, in January 2024.",
            "A senior official at India's Department of Space who asked not to be named said New Delhi had pressed for a landing site that could also be used by a later Indian mission to return samples to Earth, and that Tokyo had initially preferred a flatter and safer site further from the crater.",
            "JAXA denied that there had been any disagreement. \"The site was selected jointly on the basis of scientific and engineering criteria, and there was no dispute between the agencies,\" the agency's spokeswoman, Haruka Nishida, said in a statement on Thursday.",
            "The project is part of a broader push by the two countries to deepen cooperation in technology and defence, which Indian and Japanese leaders have described as central to their partnership in the Indo-Pacific. Japan has also offered to help India with its plans for a crewed space station.",
            "Raghavan said the mission would carry instruments from NASA and the European Space Agency, and that the data would be made available to scientists around the world. \"The Moon does not belong to any one country. What we learn at the south pole will matter to every agency that goes there after us.",
            "\"And there will be many, sooner than people think,\" Raghavan said.",
            "The agencies said detailed design reviews for the lander and rover would be completed next year, with integration and testing of the spacecraft planned in Japan in 2027.",
        ],
    ),
]


def render(page: dict) -> bytes:
    body = "\n".join(f"  <p>{para}</p>" for para in page["body"])
    related = "\n".join(f'  <li><a href="{href}">{text}</a></li>' for href, text in page["related"])
    html = PAGE_TEMPLATE.format(body=body, related=related, **{k: v for k, v in page.items() if k not in ("body", "related")})
    return html.encode("utf-8")


def http_headers(status: str, content_type: str, length: int, date: str) -> StatusAndHeaders:
    return StatusAndHeaders(status, [
        ("Date", date),
        ("Server", "nginx"),
        ("Content-Type", content_type),
        ("Content-Length", str(length)),
        ("Cache-Control", "max-age=300"),
    ], protocol="HTTP/1.1")


def http_date(iso: str) -> str:
    from datetime import datetime
    from email.utils import format_datetime

    return format_datetime(datetime.fromisoformat(iso.replace("Z", "+00:00")), usegmt=True)


def build(out: Path = OUT) -> Path:
    counter = iter(range(1, 100))

    def rid() -> str:
        return f"<urn:uuid:00000000-0000-4000-8000-{next(counter):012d}>"

    with open(out, "wb") as fh:
        writer = WARCWriter(fh, gzip=True)

        info = writer.create_warcinfo_record("news.warc.gz", {
            "software": "newsgraph examples/warc/make_warc.py",
            "format": "WARC File Format 1.0",
            "description": "Three Eastbridge Post articles plus one request and one image for the ingester to skip",
        })
        info.rec_headers.replace_header("WARC-Record-ID", rid())
        info.rec_headers.replace_header("WARC-Date", "2025-12-04T04:00:00Z")
        writer.write_record(info)

        def response(url: str, payload: bytes, content_type: str, date: str):
            headers = http_headers("200 OK", content_type, len(payload), http_date(date))
            record = writer.create_warc_record(url, "response", payload=io.BytesIO(payload), http_headers=headers,
                                               warc_headers_dict={"WARC-Record-ID": rid(), "WARC-Date": date})
            writer.write_record(record)

        # A request record, as a crawler writes before each response: not a page.
        first = PAGES[0]
        req_headers = StatusAndHeaders(f"GET {first['url'][len(SITE):]} HTTP/1.1", [
            ("Host", "www.eastbridgepost.example"),
            ("User-Agent", "Mozilla/5.0 (compatible; newsgraph-example-crawler/0.1)"),
            ("Accept", "text/html,application/xhtml+xml"),
        ], is_http_request=True)
        request = writer.create_warc_record(first["url"], "request", payload=io.BytesIO(b""), http_headers=req_headers,
                                            warc_headers_dict={"WARC-Record-ID": rid(), "WARC-Date": first["date"]})
        writer.write_record(request)

        response(first["url"], render(first), "text/html; charset=utf-8", first["date"])
        response(SITE + "/img/logo.png", PNG_BYTES, "image/png", first["date"])
        for page in PAGES[1:]:
            response(page["url"], render(page), "text/html; charset=utf-8", page["date"])
    return out


if __name__ == "__main__":
    print(build())
