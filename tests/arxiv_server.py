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

The bibliographic services are served from the same server, under their real API paths,
from `fixtures/services/real/**` (real recordings, read first so that they win), then
`fixtures/services/*.json` (real recordings and `built_*` files documented in
fixtures/SOURCES.md), indexed by the arXiv id each answer is about:
- Semantic Scholar `POST /graph/v1/paper/batch`: one object per requested `ARXIV:id`, null for
  an unknown one (the documented batch shape).
- DBLP `GET /search/publ/api?q=TITLE`: the recorded or built answer whose hit has that title;
  otherwise the real recorded answer with its hits emptied (`@total` 0, no `hit` key: the
  no-hit shape of DATA_SOURCES.md 3.2, made here from the recording).
- OpenAlex `GET /works/doi:10.48550/arXiv.ID`: the preprint work whose DOI or arXiv landing
  page is that paper; otherwise 404 with the recorded HTML page. `GET /works?filter=doi:A|B`:
  the works (published or preprint) with those DOIs, in the list shape.
- Hugging Face `GET /api/papers/ID`: the paper object with that `id`; otherwise 404 with a
  minimal JSON error body (no real 404 recording exists; a minimal made-up body).

Faults are served on demand with `enqueue()` (per path prefix); their shapes come from
DATA_SOURCES.md 1.3 and 3: 429 is the plain-text body `Rate exceeded.`; 503 is a status with a
short text body.
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


def _arxiv_ids_in(obj: object) -> set[str]:
    """Every arXiv id an answer object names (S2 externalIds.ArXiv, a DOI, an abs URL)."""
    text = json.dumps(obj).lower()
    found = set(re.findall(r"10\.48550/arxiv\.(\d{4}\.\d{4,5})", text))
    found |= set(re.findall(r"arxiv\.org/abs/(\d{4}\.\d{4,5})", text))
    if isinstance(obj, dict):
        ext = obj.get("externalIds") or {}
        if isinstance(ext, dict) and ext.get("ArXiv"):
            found.add(str(ext["ArXiv"]))
    return found


def _fold_title(title: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", title.lower()).split())


def _doi_key(doi: object) -> str:
    """A DOI as OpenAlex's filter compares it: either form, any case."""
    text = str(doi or "").strip().lower()
    return re.sub(r"^https?://(?:dx\.)?doi\.org/", "", text)


class Services:
    """Recorded and built service answers, by service and arXiv id (or DBLP title, or DOI).

    The real recordings under `services/real/` are read first, so a real answer wins over a
    built one about the same paper."""

    def __init__(self, folder: Path = FIXTURES / "services") -> None:
        self.s2: dict[str, dict] = {}
        self.dblp: dict[str, bytes] = {}
        self.openalex: dict[str, bytes] = {}
        self.openalex_by_doi: dict[str, dict] = {}
        self.hf: dict[str, bytes] = {}
        self.dblp_empty = b""
        self.openalex_404 = b""
        real = folder / "real"
        paths = [*sorted(real.rglob("*")), *sorted(folder.glob("*"))] if folder.is_dir() else []
        for path in paths:
            if not path.is_file():
                continue
            name = path.name.removeprefix("built_")
            if name.startswith("openalex") and path.suffix == ".html":
                self.openalex_404 = self.openalex_404 or path.read_bytes()
                continue
            if path.suffix != ".json":
                continue
            data = json.loads(path.read_bytes())
            if name.startswith(("semanticscholar", "s2_")):
                items = data if isinstance(data, list) else data.get("data", [data])
                for item in items:
                    for arxiv_id in _arxiv_ids_in(item) if item else ():
                        self.s2.setdefault(arxiv_id, item)
            elif name.startswith("dblp"):
                hits = data["result"]["hits"].get("hit", [])
                for hit in hits:
                    self.dblp.setdefault(_fold_title(hit["info"]["title"]), path.read_bytes())
                if not self.dblp_empty and hits:
                    empty = json.loads(path.read_bytes())
                    empty["result"]["hits"] = {
                        "@total": "0",
                        "@computed": "0",
                        "@sent": "0",
                        "@first": "0",
                    }
                    self.dblp_empty = json.dumps(empty).encode()
            elif name.startswith("openalex"):
                for work in data.get("results", [data]):
                    if work.get("doi"):
                        self.openalex_by_doi.setdefault(_doi_key(work["doi"]), work)
                    if work.get("type") == "preprint":  # the work of the arXiv DOI
                        for arxiv_id in _arxiv_ids_in(work):
                            self.openalex.setdefault(arxiv_id, json.dumps(work).encode())
            elif name.startswith(("huggingface", "hf_paper")):
                self.hf.setdefault(str(data["id"]), path.read_bytes())

    def answer(self, method: str, path: str, query: dict, body: bytes) -> tuple[int, bytes, str]:
        js = "application/json"
        if method == "POST" and path == "/graph/v1/paper/batch":
            ids = json.loads(body or b"{}").get("ids", [])
            found = [self.s2.get(i.split(":", 1)[-1]) for i in ids]
            return 200, json.dumps(found).encode(), js
        if path == "/search/publ/api":
            q = query.get("q", [""])[0]
            if _fold_title(q) in self.dblp:
                return 200, self.dblp[_fold_title(q)], js
            empty = json.loads(self.dblp_empty)
            empty["result"]["query"] = q
            return 200, json.dumps(empty).encode(), js
        if path == "/works":
            return self.works(query)
        m = re.fullmatch(r"/works/doi:10\.48550/arXiv\.(.+)", path, re.I)
        if m:
            work = self.openalex.get(m[1])
            if work is None:
                return 404, self.openalex_404, "text/html; charset=utf-8"
            return 200, work, js
        m = re.fullmatch(r"/api/papers/(.+)", path)
        if m:
            paper = self.hf.get(m[1])
            return (200, paper, js) if paper else (404, b'{"error":"Not Found"}', js)
        return 404, b"Not Found", "text/plain"

    def works(self, query: dict) -> tuple[int, bytes, str]:
        """OpenAlex's list endpoint for `filter=doi:A|B|...` (either DOI form; OR of up to 100
        values in the current docs, 50 in the older), a page of the works found, in the
        list's `{"meta", "results"}` shape (as `openalex_works_title_search_*` recordings)."""
        js = "application/json"
        filters = query.get("filter", [""])[0]
        if not filters.startswith("doi:") or "," in filters:
            body = {"error": "Invalid query parameters error.", "message": filters}
            return 400, json.dumps(body).encode(), js
        dois = filters.removeprefix("doi:").split("|")
        per_page = int(query.get("per_page", query.get("per-page", ["25"]))[0])
        if len(dois) > 100 or per_page > 200:
            return 400, b'{"error": "Invalid query parameters error."}', js
        found = [w for d in dois if (w := self.openalex_by_doi.get(_doi_key(d)))]
        meta = {"count": len(found), "page": 1, "per_page": per_page, "groups_count": None}
        return 200, json.dumps({"meta": meta, "results": found[:per_page]}).encode(), js


class ArxivServer:
    """arXiv and the bibliographic services on one loopback port; `env()` points the tool at
    it."""

    def env(self) -> dict[str, str]:
        return {
            "ARXIV2ENTRY_ARXIV_URL": self.url,
            "ARXIV2ENTRY_S2_URL": self.root,
            "ARXIV2ENTRY_DBLP_URL": self.root,
            "ARXIV2ENTRY_OPENALEX_URL": self.root,
            "ARXIV2ENTRY_HF_URL": self.root,
            "ARXIV2ENTRY_ARXIV_DELAY": "0",
            "ARXIV2ENTRY_SERVICE_DELAY": "0",
            "ARXIV2ENTRY_DBLP_DELAY": "0",
        }

    def __init__(self, corpus: Corpus, services: Services | None = None) -> None:
        self.corpus = corpus
        self.services = services or Services()
        self.requests: list[str] = []  # the raw id_list of each /api/query request
        self.service_requests: list[str] = []  # method and path of every other request
        self.service_queries: list[str] = []  # the same, with the query string
        self.service_auth: list[str] = []  # the x-api-key header or api_key parameter sent
        self.user_agents: set[str] = set()  # every User-Agent seen, arXiv's and the services'
        self._queue: list[Canned] = []
        self._service_queue: dict[str, list[Canned]] = {}
        self._lock = threading.Lock()
        server = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:  # keep test output clean
                pass

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                self._auth()
                self._reply(*server.answer(self.path, "POST", self.rfile.read(length)))

            def do_GET(self) -> None:
                self._auth()
                self._reply(*server.answer(self.path))

            def _auth(self) -> None:
                server.user_agents.add(self.headers.get("User-Agent", ""))
                key = (
                    self.headers.get("x-api-key")
                    or parse_qs(urlsplit(self.path).query).get("api_key", [""])[0]
                )
                if key:
                    server.service_auth.append(key)

            def _reply(self, status: int, body: bytes, ctype: str, headers: tuple = ()) -> None:
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
        self.root = f"http://127.0.0.1:{self.httpd.server_address[1]}"  # the services' root
        self.url = f"{self.root}/api/query"
        self._thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self._thread.start()

    def enqueue(self, *answers: Canned, path: str = "/api/query") -> None:
        """Serve these (in order) to requests under `path` before answering from the
        recordings again."""
        with self._lock:
            if path == "/api/query":
                self._queue.extend(answers)
            else:
                self._service_queue.setdefault(path, []).extend(answers)

    def reset(self) -> None:
        with self._lock:
            self._queue.clear()
            self._service_queue.clear()
            self.requests.clear()
            self.service_requests.clear()
            self.service_queries.clear()
            self.service_auth.clear()
            self.user_agents.clear()

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()

    def answer(
        self, path: str, method: str = "GET", body: bytes = b""
    ) -> tuple[int, bytes, str, tuple[tuple[str, str], ...]]:
        parts = urlsplit(path)
        query = parse_qs(parts.query, keep_blank_values=True)
        if parts.path != "/api/query":
            with self._lock:
                self.service_requests.append(f"{method} {parts.path}")
                self.service_queries.append(f"{method} {path}")
                queue = next(
                    (q for p, q in self._service_queue.items() if parts.path.startswith(p) and q),
                    None,
                )
                canned = queue.pop(0) if queue else None
            if canned is not None:
                if canned.delay:
                    time.sleep(canned.delay)
                return canned.status, canned.body, canned.content_type, canned.headers
            return (*self.services.answer(method, parts.path, query, body), ())
        id_list = query.get("id_list", [""])[0]
        with self._lock:
            self.requests.append(id_list)
            canned = self._queue.pop(0) if self._queue else None
        if canned is not None:
            if canned.delay:
                time.sleep(canned.delay)
            return canned.status, canned.body, canned.content_type, canned.headers
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
