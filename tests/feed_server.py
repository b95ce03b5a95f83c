"""A real HTTP server on 127.0.0.1 that answers arXiv's announcement feeds for `watch` tests.

`/atom/CATS` answers what the test put there with `serve(...)`: a real recorded feed file
(fixtures/feeds/, byte for byte), or a day of real cs.CV announcements
(`fixtures/feeds/daily-cs.CV_*.json`, real data kept by a public mirror) rendered into the
current Atom shape of the real `atom_cs.AI_2025-08-20_truncated-by-repo.xml` (the rendering
is ours: no byte-exact cs.CV feed was recorded; fixtures/SOURCES.md says so). Anything else
is the 400 "Feed error for query" shape arXiv/arxiv-feed's serializer gives (not recorded).
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from xml.sax.saxutils import escape

FEEDS = Path(__file__).parent / "fixtures" / "feeds"
ATOM = "application/atom+xml; charset=utf-8"


def atom_day(papers: Iterable[dict], categories: str = "cs.CV", day: str = "2026-04-17") -> bytes:
    """Announcements (dicts with arxiv_id, title, abstract, authors, categories,
    announce_type) as arXiv's Atom feed shows them."""
    out = [
        "<?xml version='1.0' encoding='UTF-8'?>",
        '<feed xmlns:arxiv="http://arxiv.org/schemas/atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns="http://www.w3.org/2005/Atom" '
        'xml:lang="en-us">',
        f"  <id>http://rss.arxiv.org/atom/{categories}</id>",
        f"  <title>{categories} updates on arXiv.org</title>",
        f"  <updated>{day}T04:00:19.866337+00:00</updated>",
        f'  <link href="http://rss.arxiv.org/atom/{categories}" rel="self" '
        'type="application/atom+xml"/>',
        f"  <subtitle>{categories} updates on the arXiv.org e-print archive.</subtitle>",
    ]
    for p in papers:
        pid, kind = p["arxiv_id"], p["announce_type"]
        out += [
            "  <entry>",
            f"    <id>oai:arXiv.org:{pid}v{p.get('version', 1)}</id>",
            f"    <title>{escape(' '.join(p['title'].split()))}</title>",
            f"    <updated>{day}T04:00:19.910019+00:00</updated>",
            f'    <link href="https://arxiv.org/abs/{pid}" rel="alternate" type="text/html"/>',
            f"    <summary>arXiv:{pid}v{p.get('version', 1)} Announce Type: {kind} \n"
            f"Abstract: {escape(p['abstract'])}</summary>",
            *(f'    <category term="{c}"/>' for c in p["categories"]),
            f"    <published>{day}T00:00:00-04:00</published>",
            f"    <arxiv:announce_type>{kind}</arxiv:announce_type>",
            "    <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>",
            f"    <dc:creator>{escape(', '.join(p['authors']))}</dc:creator>",
            "  </entry>",
        ]
    out.append("</feed>")
    return ("\n".join(out) + "\n").encode()


def cs_cv_day(name: str = "daily-cs.CV_2026-04-17.json") -> list[dict]:
    return list(json.loads((FEEDS / name).read_text(encoding="utf-8"))["papers"])


class FeedServer:
    def __init__(self) -> None:
        self.answers: dict[str, tuple[int, bytes, str]] = {}
        self.requests: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                server.requests.append(self.path)
                status, body, ctype = server.answers.get(
                    self.path, (400, b"Feed error for query", "text/plain; charset=utf-8")
                )
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}/atom"

    def serve(self, categories: str, body: bytes, status: int = 200, ctype: str = ATOM) -> None:
        self.answers[f"/atom/{categories}"] = (status, body, ctype)

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
