"""Remote SPARQL 1.1 stores: a real Oxigraph server (the oxigraph package) on
127.0.0.1 with a free port and a temporary directory; push, query, re-push,
trace, validate and export through it; and `policykg serve` read the same way."""

import http.server
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

import pytest
from click.testing import CliRunner

from policykg.cli import main, oxigraph_binary
from policykg.graph import iris
from policykg.graph.ingest import ingest
from policykg.graph.queries import load_query
from policykg.graph.remote import bind, without_lateral
from policykg.graph.store import Store

from .conftest import CORPUS
from .test_serve import policykg_serve


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, seconds: float = 20.0) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited: {process.stderr.read() if process.stderr else ''}")
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except urllib.error.HTTPError:
            return  # it answers
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer in {seconds} s")


@pytest.fixture
def oxigraph_server(tmp_path):
    port = _free_port()
    process = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(tmp_path / "server"), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(base + "/", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=10)


def run(*args):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


@pytest.fixture(scope="module")
def local_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("local") / "store"
    with Store(path) as store:
        assert not ingest(store, [CORPUS]).failed
    return path


def test_push_query_repush_trace_validate_export(oxigraph_server, local_store, tmp_path):
    query, update = oxigraph_server + "/query", oxigraph_server + "/update"
    pushed = run("push", "--store", str(local_store), "--endpoint", query, "--update-endpoint", update)
    assert pushed.exit_code == 0 and "pushed" in pushed.output
    remote_stats = run("stats", "--endpoint", query).output
    local_stats = run("stats", "--store", str(local_store)).output
    assert remote_stats.splitlines()[1:] == local_stats.splitlines()[1:]  # same counts, line by line

    again = run("push", "--store", str(local_store), "--endpoint", query, "--update-endpoint", update)
    assert again.exit_code == 0
    assert run("stats", "--endpoint", query).output.splitlines()[1:] == local_stats.splitlines()[1:]

    citations = run("query", "citations", "--param", "doc=kst-30950-319", "--format", "csv", "--endpoint", query)
    local = run("query", "citations", "--param", "doc=kst-30950-319", "--format", "csv", "--store", str(local_store))
    assert citations.exit_code == 0 and sorted(citations.output.splitlines()) == sorted(local.output.splitlines())

    traced = run("trace", "kst-30950-295", "--endpoint", query)
    assert "uitrol van het toetsingskader" in traced.output and ".md:26)" in traced.output
    validated = run("validate", "--endpoint", query)
    assert validated.exit_code == 0 and "conforms" in validated.output
    out = tmp_path / "remote.graphml"
    assert run("export", "--format", "graphml", "--output", str(out), "--endpoint", query).exit_code == 0
    assert "kst-30950-295" in out.read_text(encoding="utf-8")


class _NoLateral(http.server.BaseHTTPRequestHandler):
    """A SPARQL endpoint in front of a real one that rejects LATERAL, as stores
    without SPARQL 1.2 do; everything else is passed through."""

    target = ""
    seen: list[bytes] = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        type(self).seen.append(body)
        if b"LATERAL" in urllib.parse.unquote_to_bytes(body.replace(b"+", b" ")):
            self.send_response(400)
            self.end_headers()
            self.wfile.write(b"Parse error: unknown keyword LATERAL")
            return
        request = urllib.request.Request(self.target, data=body, headers={
            "Content-Type": self.headers["Content-Type"], "Accept": self.headers.get("Accept", "*/*")})
        with urllib.request.urlopen(request, timeout=30) as answer:
            data = answer.read()
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.headers["Content-Type"])
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    def log_message(self, *args):
        pass


def test_a_store_without_lateral_gets_the_plain_queries(oxigraph_server, local_store):
    query, update = oxigraph_server + "/query", oxigraph_server + "/update"
    assert run("push", "--store", str(local_store), "--endpoint", query, "--update-endpoint", update).exit_code == 0
    _NoLateral.target, _NoLateral.seen = query, []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NoLateral)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        proxy = f"http://127.0.0.1:{server.server_address[1]}/query"
        traced = run("trace", "kst-30950-295", "--endpoint", proxy)
        direct = run("trace", "kst-30950-295", "--endpoint", query)
    finally:
        server.shutdown()
    assert traced.exit_code == 0 and traced.output == direct.output
    assert "uitrol van het toetsingskader" in traced.output
    refused = [b for b in _NoLateral.seen if b"LATERAL" in urllib.parse.unquote_to_bytes(b.replace(b"+", b" "))]
    assert len(refused) == 1  # asked once with LATERAL, then always without


def test_parameters_are_bound_as_terms_not_pasted():
    hostile = 'x" } ; DROP ALL ; SELECT * WHERE { "'
    from rdflib import Literal
    text = bind("SELECT ?doc WHERE { ?d <p> ?doc }", {"doc": Literal(hostile)})
    assert 'VALUES ?doc { "x\\" } ; DROP ALL ; SELECT * WHERE { \\"" }' in text
    with pytest.raises(ValueError):
        from rdflib import URIRef
        bind("SELECT ?n WHERE { ?n ?p ?o }", {"n": URIRef("http://x> } DROP ALL {")})


def test_unreachable_endpoint_is_a_one_line_error():
    result = CliRunner().invoke(main, ["stats", "--endpoint", f"http://127.0.0.1:{_free_port()}/query"])
    last = result.output.splitlines()[-1]
    assert result.exit_code == 1 and last.startswith("Error: http://127.0.0.1:") and "Connection refused" in last


def test_serve_is_an_endpoint_for_stats_validate_and_export(local_store, tmp_path):
    """`policykg serve` (tests/test_serve.py) read through --endpoint as any SPARQL store."""
    with policykg_serve(local_store, tmp_path / "serve.log") as served:
        endpoint = served.base + "/sparql"
        assert run("stats", "--endpoint", endpoint).output.splitlines()[1:] == \
            run("stats", "--store", str(local_store)).output.splitlines()[1:]
        validated = run("validate", "--endpoint", endpoint)
        assert validated.exit_code == 0 and "conforms" in validated.output
        out = tmp_path / "served.graphml"
        assert run("export", "--format", "graphml", "--output", str(out), "--endpoint", endpoint).exit_code == 0
        assert "kst-30950-295" in out.read_text(encoding="utf-8")


LATERAL_PARAMETERS = {
    "citations": {"doc": "kst-30950-319"}, "cited-by": {"doc": "kst-30950-295"},
    "mentions-over-time": {"concept": "NCDR"}, "timeline": {"concept": "Staatscommissie"},
    "motion-measures": {"motion": "kst-30950-295"}, "trace-motion": {"motion": "kst-30950-295"},
}


@pytest.mark.parametrize("name", sorted(LATERAL_PARAMETERS))
def test_queries_without_lateral_give_the_same_rows(corpus_store, name):
    query = load_query(name)
    plain = without_lateral(query.text)
    assert "LATERAL {" in query.text and "LATERAL {" not in plain
    bindings = query.bindings(LATERAL_PARAMETERS[name])
    rows = corpus_store.query(query.text, bindings).rows
    assert rows and sorted(map(str, rows)) == sorted(map(str, corpus_store.query(plain, bindings).rows))


def test_trace_edges_without_lateral_gives_the_same_rows(corpus_store):
    query = load_query("trace-edges")
    plain = without_lateral(query.text)
    assert query.text.count("LATERAL {") == 20 and "LATERAL {" not in plain
    for node in ("kst-30950-295", "kst-30950-319", "stcrt-2022-11349"):
        for curation in ("include", "exclude"):
            bindings = query.bindings({"node": str(iris.document(node)), "curation": curation})
            rows = corpus_store.query(query.text, bindings).rows
            assert rows and sorted(map(str, rows)) == sorted(map(str, corpus_store.query(plain, bindings).rows))
