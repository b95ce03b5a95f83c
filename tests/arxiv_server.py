"""A real HTTP server on 127.0.0.1 that answers arXiv API `id_list` queries from recordings.

Three kinds of material, all real:
- `fixtures/arxiv/*.xml`: verbatim arXiv API responses (see fixtures/SOURCES.md). A request
  whose id_list is exactly the one a file was recorded for gets that file byte for byte, with
  its recorded status; the entries of every file also join the corpus below.
- `fixtures/*.jsonl` records (real arXiv metadata collected by public daily-digest repos), each
  rendered into the current (2026) entry shape of
  `arxiv_two_ids_one_missing_0808.05394_1707.08567.xml`, as fixtures/README.md describes.
- Any other id_list gets a feed in that same current shape holding the corpus entries that
  match, in reverse order of the request (arXiv promises no order), `totalResults` = found.

Faults are served on demand with `enqueue()`; their shapes come from DATA_SOURCES.md 1.3:
429 is the plain-text body `Rate exceeded.`; 503 is a status with a short text body.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlsplit
from xml.sax.saxutils import escape

from lxml import etree

FIXTURES = Path(__file__).parent / "fixtures"
ATOM = "{http://www.w3.org/2005/Atom}"
ATOM_TYPE = "application/atom+xml; charset=utf-8"

# The exact id_list each verbatim recording answered (fixtures/SOURCES.md).
RECORDED = {
    "0808.05394,1707.08567": ("arxiv_two_ids_one_missing_0808.05394_1707.08567.xml", 200),
    "astro-ph/0601001": ("arxiv_oldstyle_astro-ph_0601001_affiliation_journalref.xml", 200),
    "quant-ph/0201082v1": ("arxiv_oldstyle_versioned_quant-ph_0201082v1.xml", 200),
    "hep-ex/0406020v1": ("arxiv_oldstyle_versioned_hep-ex_0406020v1_affiliation.xml", 200),
    "1605.08386": ("arxiv_single_1605.08386.xml", 200),
    "2104.12255v1": ("arxiv_title_zero_2104.12255v1.xml", 200),
    "1111.2011v2": ("arxiv_legacy_format_2016_id_list_1111.2011v2.xml", 200),
}

FEED_HEAD = """<?xml version='1.0' encoding='UTF-8'?>
<feed xmlns:opensearch="http://a9.com/-/spec/opensearch/1.1/" \
xmlns:arxiv="http://arxiv.org/schemas/atom" xmlns="http://www.w3.org/2005/Atom">
  <id>https://arxiv.org/api/local0000000000000000000000</id>
  <title>arXiv Query: search_query=&amp;id_list={ids}&amp;start=0&amp;max_results={m}</title>
  <updated>2026-04-12T22:09:36Z</updated>
  <link href="https://arxiv.org/api/query?search_query=&amp;start=0&amp;max_results={m}\
&amp;id_list={ids}" type="application/atom+xml"/>
  <opensearch:itemsPerPage>{m}</opensearch:itemsPerPage>
  <opensearch:totalResults>{n}</opensearch:totalResults>
  <opensearch:startIndex>0</opensearch:startIndex>
"""

_VERSIONED = re.compile(r"^(?P<base>.+?)v(?P<v>\d+)$")


def _timestamp(value: str) -> str:
    return value if "T" in value else f"{value}T00:00:00Z"


def render_record(rec: dict) -> str:
    """A jsonl record as a current-format <entry> (fixtures/README.md gives the recipe)."""
    vid = f"{rec['id']}v{rec.get('version') or 1}"
    published = _timestamp(rec.get("published") or rec["date"])
    updated = _timestamp(rec.get("updated") or rec.get("date") or published)
    title = " ".join(rec["title"].split())
    parts = [
        "  <entry>",
        f"    <id>http://arxiv.org/abs/{vid}</id>",
        f"    <title>{escape(title)}</title>",
        f"    <updated>{updated}</updated>",
        f'    <link href="https://arxiv.org/abs/{vid}" rel="alternate" type="text/html"/>',
        f'    <link href="https://arxiv.org/pdf/{vid}" rel="related" type="application/pdf"'
        ' title="pdf"/>',
        f"    <summary>{escape(rec.get('summary') or '')}</summary>",
    ]
    categories = rec.get("categories") or ["cs.CV"]
    for cat in categories:
        parts.append(f'    <category term="{cat}" scheme="http://arxiv.org/schemas/atom"/>')
    parts.append(f"    <published>{published}</published>")
    if rec.get("comment") is not None:
        parts.append(f"    <arxiv:comment>{escape(rec['comment'])}</arxiv:comment>")
    parts.append(f'    <arxiv:primary_category term="{categories[0]}"/>')
    if rec.get("journal_ref"):
        parts.append(f"    <arxiv:journal_ref>{escape(rec['journal_ref'])}</arxiv:journal_ref>")
    for name in rec["authors"]:
        parts.append(f"    <author>\n      <name>{escape(name)}</name>\n    </author>")
    parts.append("  </entry>")
    return "\n".join(parts) + "\n"


@dataclass
class Canned:
    status: int
    body: bytes
    content_type: str = "text/plain; charset=utf-8"
    delay: float = 0.0
    headers: tuple[tuple[str, str], ...] = ()


class Corpus:
    """base id -> {version: entry xml}."""

    def __init__(self) -> None:
        self.entries: dict[str, dict[int, str]] = {}

    def add(self, versioned_id: str, xml: str) -> None:
        """First come wins: verbatim recordings are added before rendered records."""
        m = _VERSIONED.match(versioned_id)
        assert m, versioned_id
        self.entries.setdefault(m["base"], {}).setdefault(int(m["v"]), xml)

    def add_feed(self, path: Path) -> None:
        root = etree.parse(str(path)).getroot()
        for entry in root.iter(f"{ATOM}entry"):
            eid = entry.findtext(f"{ATOM}id") or ""
            if "/abs/" not in eid:
                continue  # an error entry
            xml = etree.tostring(entry, encoding="unicode")
            self.add(eid.split("/abs/", 1)[1], "  " + xml.strip() + "\n")

    def add_records(self, path: Path) -> None:
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line) if line.strip() else {}
            # Records collected without dates cannot be rendered truthfully: leave them out.
            if rec.get("published") or rec.get("date"):
                self.add(f"{rec['id']}v{rec.get('version') or 1}", render_record(rec))

    def lookup(self, wanted: str) -> str | None:
        m = _VERSIONED.match(wanted)
        if m and m["base"] in self.entries:
            return self.entries[m["base"]].get(int(m["v"]))
        versions = self.entries.get(wanted)
        return versions[max(versions)] if versions else None


def build_corpus(record_files: Iterable[str] = ()) -> Corpus:
    corpus = Corpus()
    for path in sorted((FIXTURES / "arxiv").glob("*.xml")):
        corpus.add_feed(path)
    for name in record_files:
        corpus.add_records(FIXTURES / name)
    return corpus


class ArxivServer:
    def __init__(self, corpus: Corpus) -> None:
        self.corpus = corpus
        self.requests: list[str] = []  # the raw id_list of each /api/query request
        self._queue: list[Canned] = []
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_GET(self) -> None:
                status, body, ctype, headers = server.answer(self.path)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for name, value in headers:
                    self.send_header(name, value)
                self.end_headers()
                try:
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client timed out and left

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}/api/query"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def enqueue(self, *answers: Canned) -> None:
        """Serve these (in order) before answering from the recordings again."""
        with self._lock:
            self._queue.extend(answers)

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self.requests.clear()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(self, path: str) -> tuple[int, bytes, str, tuple[tuple[str, str], ...]]:
        parts = urlsplit(path)
        query = parse_qs(parts.query, keep_blank_values=True)
        id_list = query.get("id_list", [""])[0]
        with self._lock:
            self.requests.append(id_list)
            canned = self._queue.pop(0) if self._queue else None
        if canned is not None:
            if canned.delay:
                time.sleep(canned.delay)
            return canned.status, canned.body, canned.content_type, canned.headers
        if parts.path != "/api/query":
            return 404, b"Not Found", "text/plain", ()
        if id_list in RECORDED:
            name, status = RECORDED[id_list]
            return status, (FIXTURES / "arxiv" / name).read_bytes(), ATOM_TYPE, ()
        wanted = [i for i in id_list.split(",") if i]
        found = [x for x in (self.corpus.lookup(i) for i in reversed(wanted)) if x]
        max_results = query.get("max_results", ["10"])[0]
        start = int(query.get("start", ["0"])[0])
        head = FEED_HEAD.format(ids=escape(id_list), m=max_results, n=len(found))
        body = head + "".join(found[start : start + int(max_results)]) + "</feed>\n"
        return 200, body.encode("utf-8"), ATOM_TYPE, ()
