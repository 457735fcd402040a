"""The ``policykg`` command line: thin wrappers around library functions."""

from __future__ import annotations

import contextlib
import os
import shutil
import sys
from pathlib import Path
from typing import Any

import click

from policykg import plots, render
from policykg.errors import (
    CurationError,
    NotFoundError,
    NotInstalledError,
    PolicyKGError,
    SourceError,
    StoreError,
)
from policykg.graph import export as exporting
from policykg.graph import network
from policykg.graph.backend import GraphStore
from policykg.graph.connect import open_local_store as local_store
from policykg.graph.curation import load_curation, remove_curation
from policykg.graph.dossier import build_dossier
from policykg.graph.ingest import IngestReport, find_sources, remove_sources
from policykg.graph.ingest import ingest as run_ingest
from policykg.graph.push import DEFAULT_BATCH, graphs_to_push, push_graphs
from policykg.graph.queries import GRAPH_FORMATS, graph_text, json_value, load_query, named_queries, run_query
from policykg.graph.queries import run_query as run_named
from policykg.graph.remote import PASSWORD_VAR, USER_VAR, RemoteStore
from policykg.graph.stats import graph_stats
from policykg.graph.store import ENV_VAR, Store, default_location, is_store
from policykg.graph.trace import render_json, render_tree, trace_known
from policykg.graph.validate import validate_store
from policykg.loaders import sru
from policykg.loaders.document import extract_file
from policykg.loaders.dossier_fetch import DossierFetch
from policykg.loaders.evaluation import evaluate_groups, render_errors, render_groups
from policykg.loaders.http import Client
from policykg.loaders.sources import MAX_SOURCE_MB
from policykg.loaders.tk_fetch import DEFAULT_BASE, fetch_motions
from policykg.site.server import serve as run_server
from policykg.site.sparql_endpoint import Limits

CONTEXT = {"help_option_names": ["-h", "--help"]}
ENDPOINT_VAR = "POLICYKG_ENDPOINT"
_STORE_HINT = f"check --store (or ${ENV_VAR}), or run `policykg ingest` first"


def store_option(func):
    return click.option(
        "--store", "store_path", type=click.Path(file_okay=False, path_type=Path), envvar=ENV_VAR,
        default=None, show_envvar=True,
        help="Store directory. Default: $POLICYKG_STORE, else ~/.local/share/policykg/store.",
    )(func)


def endpoint_option(func):
    """``--endpoint URL``: read a remote SPARQL 1.1 store instead of the local one."""
    return click.option(
        "--endpoint", envvar=ENDPOINT_VAR, default=None, show_envvar=True,
        help="Query URL of a SPARQL 1.1 endpoint to read instead of the local store "
             f"(credentials from ${USER_VAR} / ${PASSWORD_VAR}).",
    )(func)


class NameValue(click.ParamType):
    """``NAME=VALUE`` as the pair ``(NAME, VALUE)``; the name stripped, the value as given."""

    name = "NAME=VALUE"

    def convert(self, value, param, ctx) -> tuple[str, str]:
        if isinstance(value, tuple):
            return value
        if "=" not in value:  # the hint is the option's first name, unquoted: "Invalid value for --param"
            raise click.BadParameter(f"{value!r} is not name=value", ctx, param,
                                     param_hint=param.opts[0] if param else None)
        name, _, val = value.partition("=")
        return name.strip(), val


def open_store(store_path: Path | None, endpoint: str | None = None) -> GraphStore:
    """The store a read command reads: the endpoint's, else the local one, which must exist."""
    if endpoint:
        return RemoteStore(endpoint)
    return local_store(store_path, read_only=True, hint=_STORE_HINT)


def open_local_store(store_path: Path | None, existing: bool = False) -> Store:
    """The local store at ``store_path`` (default: ``default_location()``), created
    when missing unless ``existing`` (``connect.open_local_store``)."""
    return local_store(store_path, existing=existing, hint=_STORE_HINT)


def _file_name(path: Path | None) -> str:
    return path.name if path else ""


def error_exit_code(code: int):
    """Decorator: every policykg error in this command exits with ``code`` (validate: 2)."""
    def mark(command: click.Command) -> click.Command:
        command.error_exit_code = code  # type: ignore[attr-defined]
        return command
    return mark


class PolicyKGGroup(click.Group):
    """The one place errors and outcomes become exit codes. A command returns its exit
    code (None: 0); a ``PolicyKGError`` is printed as ``Error: message`` and exits with
    the class's ``exit_code``, or the command's ``error_exit_code`` when it has one."""

    def invoke(self, ctx: click.Context):
        try:
            status = super().invoke(ctx)
        except PolicyKGError as exc:
            click.echo(f"Error: {exc}", err=True)
            ctx.exit(self._exit_code(ctx, exc))
        except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Python's docs advise
            with contextlib.suppress(OSError, ValueError):
                os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            ctx.exit(1)
        except OSError as exc:  # the system refused (a full disk, no permission): its words, no traceback
            click.echo(f"Error: {os_problem(exc)}", err=True)
            ctx.exit(getattr(self.get_command(ctx, ctx.invoked_subcommand or ""), "error_exit_code", 1))
        if status:
            ctx.exit(status)
        return status

    def _exit_code(self, ctx: click.Context, exc: PolicyKGError) -> int:
        command = self.get_command(ctx, ctx.invoked_subcommand) if ctx.invoked_subcommand else None
        return getattr(command, "error_exit_code", exc.exit_code)


def os_problem(exc: OSError) -> str:
    """An operating-system error as ``file: reason`` (``No space left on device``)."""
    reason = exc.strerror or str(exc) or type(exc).__name__
    return f"{exc.filename}: {reason}" if exc.filename else reason


def echo_report(report: IngestReport, store: Store) -> None:
    printout = render.ingest_report(report, store.path, store.quads_stored())
    click.echo(printout.err, err=True, nl=False)
    click.echo(printout.out, nl=False)


def warn(problem: Exception | str) -> None:
    """One problem that does not stop the command (a file that failed), on standard error."""
    click.echo(f"error: {problem}", err=True)


@click.group(cls=PolicyKGGroup, context_settings=CONTEXT)
@click.version_option(package_name="policykg")
def main():
    """Turn Dutch policy documents into a knowledge graph you can query,
    trace, validate and export.

    \b
    Example:
      policykg ingest examples/corpus
      policykg trace kst-30950-295
    """


@main.command(context_settings=CONTEXT)
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--force", is_flag=True, help="Re-extract sources even when unchanged.")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar.")
@click.option("-j", "--jobs", type=click.IntRange(1, 256), default=None,
              help="Processes that extract documents in parallel. Default: all cores.")
@click.option("--max-source-mb", type=click.FloatRange(min=0, min_open=True), default=MAX_SOURCE_MB,
              show_default=True, help="Largest source file to read, in MB (10^6 bytes); a larger one "
              "fails with its name and the others load. Ingest needs 60-90 MB of memory per MB of text at the peak.")
@store_option
def ingest(paths, force, quiet, jobs, max_source_mb, store_path):
    """Extract sources (files or folders: .txt, .md, .pdf, .docx, officielebekendmakingen
    .xml/.html, and .json Tweede Kamer Open Data: a page, a list of Zaak records
    or one record) into the store.

    Each document gets its own named graph; an unchanged source (same content
    hash) is skipped, a changed one replaces its graph. Open Data is counted in
    motions, each in its own graph. Prints a summary; each source that failed and
    each motion record that could not be placed (with what would place it) is
    named, the others still load, and the exit code is 1.

    \b
    Example:
      policykg ingest examples/corpus
    """
    sources = find_sources(paths)
    with open_local_store(store_path) as store:
        if quiet:
            report = run_ingest(store, sources, force=force, jobs=jobs or os.cpu_count() or 1,
                                max_source_mb=max_source_mb)
        else:
            with click.progressbar(length=len(sources.files), label="ingesting", file=sys.stderr,
                                   item_show_func=_file_name) as bar:
                report = run_ingest(store, sources, force=force, progress=lambda p: bar.update(1, p),
                                    jobs=jobs or os.cpu_count() or 1, max_source_mb=max_source_mb)
        echo_report(report, store)
    return 0 if report.complete else 1


@main.command(context_settings=CONTEXT)
@click.argument("sources", nargs=-1, required=True)
@store_option
def remove(sources, store_path):
    """Drop sources from the store: by file name, document key or official id.

    \b
    Example:
      policykg remove 2024-01_beslisnota-monitor-lokaal-antidiscriminatiebeleid.txt
      policykg remove kst-30950-293      # a motion loaded from open data
    """
    with open_local_store(store_path, existing=True) as store:
        removed = remove_sources(store, sources)
    for name, graphs in removed.items():
        click.echo(f"{name}: removed {len(graphs)} graph(s)" if graphs else f"{name}: not in the store")
    return 0 if all(removed.values()) else 1


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(render.RECORD_FORMATS), default="jsonl", show_default=True)
@click.option("--all", "everything", is_flag=True,
              help="Also print metadata, concept mentions and measures (jsonl).")
@click.option("--text", "show_text", is_flag=True,
              help="Print the text that was read instead (for a PDF: the text the offsets point into).")
def extract(files, fmt, everything, show_text):
    """Print the references found in FILES (no store needed).

    Each jsonl line has type, id (the official identifier, e.g. kst-30950-295;
    null for a named reference not yet resolved), text, start and end
    (text == file_text[start:end]), rule, and where they apply submitters,
    date, name (report title, member name), footnote, pinpoint, and the
    stating sentence as quote (its span in sentence).

    \b
    Example:
      policykg extract examples/corpus/2022-10-21_kst-30950-319_*.md --format table
    """
    failed = False
    for path in files:
        try:
            ex = extract_file(path)
        except SourceError as exc:
            warn(exc)
            failed = True
            continue
        text = ex.content if show_text else render.records(render.extraction_records(ex, path.name, everything), fmt)
        click.echo(text, nl=False)
    return 1 if failed else 0


@main.group(context_settings=CONTEXT)
def fetch():
    """Fetch sources from open-data APIs into the store."""


@fetch.command("tk", context_settings=CONTEXT)
@click.option("--dossier", required=True, help="Kamerstukdossier, e.g. 30950, 36200-VII or 21501-02.")
@click.option("--since", help="Only cases changed since this date (YYYY-MM-DD). Default: since the last fetch.")
@click.option("--base-url", default=DEFAULT_BASE, show_default=True, help="The OData v4 API.")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Where the raw JSON pages go. Default: tk-opendata/ beside the store.")
@click.option("--timeout", type=click.FloatRange(1, 600), default=60.0, show_default=True,
              help="Seconds for one attempt at one request (however slowly the server answers).")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Retries after a 429, a 5xx, a timeout or a dropped connection (with backoff).")
@click.option("--max-pages", type=click.IntRange(1, 1_000_000), default=10_000, show_default=True,
              help="Pages to fetch at most; more is an error (exit 1), nothing recorded as synced.")
@store_option
def fetch_tk(dossier, since, base_url, out, timeout, retries, max_pages, store_path):
    """Motions of a dossier from Tweede Kamer Open Data: submitters and parties,
    decision, per-party votes, cabinet appraisal; saved as raw JSON, then loaded.

    A motion cited in an ingested letter and fetched here is one node (same
    official id). Fetching again asks only for what changed since the last time.

    \b
    Example:
      policykg fetch tk --dossier 30950 --since 2021-01-01
      policykg query dossier-motions --param dossier=30950
    """
    store_dir = store_path or default_location()
    out = out or store_dir.parent / "tk-opendata"
    fetched = fetch_motions(out, dossier, since=since, base=base_url, max_pages=max_pages,
                            client=Client(timeout=timeout, attempts=retries + 1))
    click.echo(f"fetched {fetched.zaken} cases in {len(fetched.pages)} pages into {out}")
    with open_local_store(store_path) as store:
        report = run_ingest(store, fetched.pages)
        echo_report(report, store)
    return 0 if report.complete else 1


class StageBars:
    """A progress bar per stage of ``fetch dossier`` on standard error; a stage of
    unknown size (a listing of pages) shows a count instead."""

    def __init__(self, quiet: bool):
        self.quiet = quiet
        self.bar: Any = None
        self.label, self.count = "", 0

    def start(self, stage: str, total: int | None) -> None:
        self.label, self.count = f"{stage:<13}", 0
        if self.quiet:
            return
        if total is None:
            click.echo(f"{self.label}", err=True, nl=False)
            return
        self.bar = click.progressbar(length=total, label=self.label, file=sys.stderr, item_show_func=lambda i: i)
        self.bar.__enter__()

    def advance(self, item: str) -> None:
        self.count += 1
        if self.bar is not None:
            self.bar.update(1, item)
        elif not self.quiet:
            click.echo(f"\r{self.label} {self.count} pages", err=True, nl=False)

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)
            self.bar = None
        elif not self.quiet:
            click.echo("", err=True)


@fetch.command("dossier", context_settings=CONTEXT)
@click.argument("number")
@click.option("--since", help="Only what changed since this date (YYYY-MM-DD). Default: since the last "
                              "complete fetch of the dossier.")
@click.option("--kinds", default=",".join(sru.KINDS), show_default=True,
              help="Which publications, by kind: kst (Kamerstukken), h (Handelingen), ah (Aanhangsels), "
                   "kv (Kamervragen), blg (Bijlagen), stcrt/stb (Staatscourant/Staatsblad publications "
                   "the documents cite).")
@click.option("--ob-url", default=sru.DEFAULT_SRU, show_default=True, help="The search API (SRU 2.0).")
@click.option("--tk-url", default=DEFAULT_BASE, show_default=True, help="Tweede Kamer Open Data (OData v4).")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path),
              help="Where the raw answers go. Default: dossier-NUMBER/ beside the store.")
@click.option("--pause", type=click.FloatRange(0, 60), default=1.0, show_default=True,
              help="Seconds between two requests to one host.")
@click.option("--retries", type=click.IntRange(0, 10), default=3, show_default=True,
              help="Retries after a 429, a 5xx, a timeout or a dropped connection (with backoff; "
                   "Retry-After honoured).")
@click.option("--timeout", type=click.FloatRange(1, 600), default=60.0, show_default=True,
              help="Seconds for one attempt at one request.")
@click.option("--max-pages", type=click.IntRange(1, 1_000_000), default=10_000, show_default=True,
              help="Pages of one listing to fetch at most; more fails that stage (exit 1).")
@click.option("-q", "--quiet", is_flag=True, help="No progress bars.")
@store_option
def fetch_dossier(number, since, kinds, ob_url, tk_url, out, pause, retries, timeout, max_pages, quiet,
                  store_path):
    """Everything of a dossier from the public APIs, then ingested: its publications
    from officielebekendmakingen (Kamerstukken, Handelingen items that treat it, ...;
    XML with metadata), its motions (submitters, decision, votes) and undertakings
    (toezeggingen) from Tweede Kamer Open Data, the files of Open Data documents
    that have no publication (PDF, DOCX), and the Staatscourant publications cited.

    One request at a time per host, with a pause; killed and started again, it goes
    on where it stopped; a later run downloads only what changed. Prints per stage
    what was fetched, unchanged and failed (with URL and reason); exit code 1 if
    anything failed.

    \b
    Example:
      policykg fetch dossier 30950
      policykg query motion-followup --param dossier=30950
    """
    chosen = frozenset(k.strip() for k in kinds.split(",") if k.strip())
    if unknown := chosen - set(sru.KINDS):
        raise click.BadParameter(f"unknown kind(s) {', '.join(sorted(unknown))}; choose from "
                                 f"{', '.join(sru.KINDS)}", param_hint="--kinds")
    store_dir = store_path or default_location()
    client = Client(timeout=timeout, pause=pause, attempts=retries + 1)
    job = DossierFetch(out or store_dir.parent / f"dossier-{number}", number, since=since, kinds=chosen,
                       ob_url=ob_url, tk_url=tk_url, client=client, progress=StageBars(quiet), max_pages=max_pages)
    with open_local_store(store_path) as store:
        built = build_dossier(store, job, jobs=os.cpu_count() or 1)
        printout = render.dossier_report(built.fetched)
        click.echo(printout.out, nl=False)
        click.echo(printout.err, err=True, nl=False)
        echo_report(built.ingested, store)
    return 0 if built.ingested.complete and not built.fetched.failed else 1


@main.command(context_settings=CONTEXT)
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--remove", is_flag=True, help="Drop these files' curation graphs instead of loading them.")
@store_option
def curate(files, remove, store_path):
    """Load curated links (CSV) into their own named graphs, after ingest.

    Columns: action (assert|reject), subject, relation, object, curator, note.
    Subject and object are official ids, document keys, exact labels or IRIs.
    Loading a file again replaces what it loaded before. A file with a bad row
    is not loaded (each bad row is named with file:line); the other files are.

    \b
    Example:
      policykg curate examples/curation/corpus.csv
    """
    failed = False
    with open_local_store(store_path, existing=True) as store:
        for path in files:
            if remove:
                remove_curation(store, path)
                click.echo(f"{path}: removed")
                continue
            try:
                click.echo(f"{path}: {load_curation(store, path)} curated links loaded")
            except CurationError as exc:
                warn(exc)
                failed = True
    return 1 if failed else 0


@main.command("eval", context_settings=CONTEXT)
@click.argument("gold", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@click.option("--errors", is_flag=True, help="Also list each missed and each spurious reference.")
def evaluate(gold, errors):
    """Precision and recall of extraction against gold files.

    GOLD is one or more hand-annotated .tsv files or folders of them (format:
    tests/gold/README.md). Prints a table per group of documents (real documents
    nobody in the project wrote, the sample corpus, documents written for the set):
    one row per type, the official-id and motion-submitter totals, and all.

    \b
    Example:
      policykg eval tests/gold --errors
    """
    groups = evaluate_groups(list(gold))
    click.echo(render_groups(groups), nl=False)
    if errors:
        for result in groups.values():
            click.echo(render_errors(result), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("name")
@click.option("--param", "-p", "params", type=NameValue(), multiple=True,
              help="A query parameter, bound safely (never pasted into the query).")
@click.option("--format", "fmt", type=click.Choice(render.QUERY_FORMATS + GRAPH_FORMATS),
              help="Rows (SELECT): table (default), csv or json; a graph (CONSTRUCT, DESCRIBE): "
                   "turtle (default) or jsonld.")
@click.option("--limit", type=click.IntRange(min=0),
              help="At most this many rows (0: all). A query that lists the corpus shows a page "
                   "by default (documents: 100) and says on stderr when more rows follow.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Skip this many rows first (the next page: --offset 100).")
@store_option
@endpoint_option
def query(name, params, fmt, limit, offset, store_path, endpoint):
    """Run a named query (see `policykg queries`) or a .rq FILE: SELECT, ASK,
    CONSTRUCT or DESCRIBE.

    \b
    Example:
      policykg query cited-by --param doc=kst-30950-295
      policykg query mentions-over-time --param concept=NCDR --format csv
      policykg query my-construct.rq --format jsonld
      policykg query documents --limit 100 --offset 100
    """
    page = load_query(name).page if limit is None else (limit or None)
    with open_store(store_path, endpoint) as store:
        result = run_query(store, name, dict(params), limit=page, offset=offset)
    if result.more and page is not None:
        click.echo(f"{name}: rows {offset + 1}-{offset + len(result.rows)} shown, more follow: "
                   f"--offset {offset + len(result.rows)} for the next page, --limit 0 for all rows", err=True)
    if result.graph is not None:
        if fmt not in (None, *GRAPH_FORMATS):
            raise click.UsageError(f"{name} answers with a graph (CONSTRUCT or DESCRIBE): "
                                   f"use --format {' or --format '.join(GRAPH_FORMATS)}, not {fmt}")
        sys.stdout.buffer.write(graph_text(result.graph, fmt or "turtle"))
        sys.stdout.buffer.flush()
        return
    if fmt in GRAPH_FORMATS:
        raise click.UsageError(f"{name} answers with rows (SELECT or ASK): "
                               f"use --format {', '.join(render.QUERY_FORMATS)}, not {fmt}")
    rows = [tuple(json_value(cell) for cell in row) for row in result.rows] if fmt == "json" else result.rows
    click.echo(render.query_result(result.variables, rows, result.boolean, fmt or "table"), nl=False)


@main.command(context_settings=CONTEXT)
def queries():
    """List the named queries with their purpose and parameters."""
    click.echo(render.query_list(named_queries()), nl=False)


@main.command(context_settings=CONTEXT)
@click.argument("identifier")
@click.option("--format", "fmt", type=click.Choice(["tree", "json", "dot", "svg"]), default="tree", show_default=True,
              help="dot: Graphviz text; svg: drawn by Graphviz (apt-get install graphviz).")
@click.option("--depth", type=click.IntRange(1, 10), default=4, show_default=True)
@click.option("--curation/--no-curation", default=True, show_default=True,
              help="Apply curated files (asserted links added, rejected ones left out), or show extraction only.")
@store_option
@endpoint_option
def trace(identifier, fmt, depth, curation, store_path, endpoint):
    """Trace a motion (or a document, measure or body) to what followed it.

    IDENTIFIER is an official id (kst-30950-295), a document key, or the exact
    label of a measure or body. Every step shows the quote it rests on and
    file:line, or the curator who asserted it.

    \b
    Example:
      policykg trace kst-30950-295
      policykg trace kst-30950-295 --format svg > trace.svg
    """
    with open_store(store_path, endpoint) as store:
        root = trace_known(store, identifier, depth=depth, curation="include" if curation else "exclude")
    if fmt == "svg":
        sys.stdout.buffer.write(plots.graphviz(plots.trace_dot(root), "svg"))
        sys.stdout.buffer.flush()
        return
    renderers = {"tree": render_tree, "json": render_json, "dot": plots.trace_dot}
    click.echo(renderers[fmt](root), nl=fmt != "dot")


@main.group(context_settings=CONTEXT)
def plot():
    """Pictures: the network (Graphviz) and a concept's timeline (matplotlib)."""


@plot.command("network", context_settings=CONTEXT)
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The picture: FILE.svg or FILE.png.")
@click.option("--relations", help="Only these relations, comma-separated (cites,ledTo,...). Default: all.")
@click.option("--dossier", help="Only edges with an end in this dossier (its number, e.g. 30950).")
@click.option("--around", help="Only the nodes within --depth steps of this node (IRI, id or label).")
@click.option("--depth", type=int, default=1, show_default=True, help="Steps from --around.")
@click.option("--layout", type=click.Choice(["dot", "sfdp", "neato"]), default="sfdp", show_default=True,
              help="The Graphviz layout program.")
@store_option
@endpoint_option
def plot_network(output, relations, dossier, around, depth, layout, store_path, endpoint):
    """Draw the network, nodes coloured by type, with a legend (needs Graphviz).

    \b
    Example:
      policykg plot network --dossier 30950 --output network.svg
    """
    fmt = plots.picture_format(output)
    cut = network.Cut(network.parse_relations(relations), dossier, around, depth)
    with open_store(store_path, endpoint) as store:
        graph = exporting.citation_network(store, cut)
    output.write_bytes(plots.graphviz(plots.network_dot(graph), fmt, engine=layout))
    click.echo(f"wrote {output} ({graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges)", err=True)


@plot.command("timeline", context_settings=CONTEXT)
@click.option("--concept", required=True, help="Any label of the concept, e.g. Staatscommissie.")
@click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path), required=True,
              help="The chart: FILE.png or FILE.svg.")
@store_option
@endpoint_option
def plot_timeline(concept, output, store_path, endpoint):
    """Chart a concept's mentions and events over time (needs the plots extra).

    \b
    Example:
      policykg plot timeline --concept Staatscommissie --output timeline.png
    """
    plots.picture_format(output)
    with open_store(store_path, endpoint) as store:
        mentions = run_named(store, "mentions-over-time", {"concept": concept}).dicts()
        events = run_named(store, "timeline", {"concept": concept}).dicts()
    if not mentions and not events:
        raise NotFoundError(f"no mentions or events of {concept!r} in the store", names=[concept])
    plots.timeline_figure(mentions, events, concept, output)
    click.echo(f"wrote {output}", err=True)


@main.command(context_settings=CONTEXT)
@click.option("--endpoint", envvar=ENDPOINT_VAR, required=True, show_envvar=True, help="Query URL of the target store.")
@click.option("--update-endpoint", required=True, help="SPARQL 1.1 Update URL of the target store.")
@click.option("--graph", "graphs", multiple=True, help="Push only this named graph (IRI); repeatable.")
@click.option("--batch", type=click.IntRange(100, 1_000_000), default=DEFAULT_BATCH, show_default=True,
              help="Triples per INSERT DATA request.")
@store_option
def push(endpoint, update_endpoint, graphs, batch, store_path):
    """Send the local graph to a SPARQL 1.1 store, one named graph at a time.

    Each named graph is dropped and written again, so a push can be repeated
    safely. Credentials come from $POLICYKG_ENDPOINT_USER and
    $POLICYKG_ENDPOINT_PASSWORD.

    \b
    Example:
      policykg push --endpoint http://localhost:3030/kg/query \\
                    --update-endpoint http://localhost:3030/kg/update
    """
    remote = RemoteStore(endpoint, update_endpoint)
    with local_store(store_path, read_only=True, hint=_STORE_HINT) as store:
        names = graphs_to_push(store, graphs)
        with click.progressbar(length=len(names), label="pushing", file=sys.stderr) as bar:
            triples = push_graphs(store, remote, names, batch=batch, progress=lambda _: bar.update(1))
    click.echo(f"pushed {len(names)} named graphs ({triples} triples) to {endpoint}")


@main.command(context_settings=CONTEXT)
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (keep it local unless you mean it).")
@click.option("--port", type=click.IntRange(0, 65535), default=7878, show_default=True,
              help="Port to listen on; 0 takes a free one (printed).")
@click.option("--timeout", type=click.FloatRange(0.1, 3600), default=30, show_default=True,
              help="Seconds a query may run; a longer one is stopped and answered with an error.")
@click.option("--max-rows", type=click.IntRange(1, 10_000_000), default=10_000, show_default=True,
              help="Rows (or triples) an answer may have; a larger one is refused with an error.")
@click.option("--allow-federation", is_flag=True,
              help="Let SERVICE clauses query other endpoints (refused by default: the server would fetch URLs).")
@store_option
def serve(host, port, timeout, max_rows, allow_federation, store_path):
    """Serve the store read-only: a SPARQL 1.1 endpoint, a query page and a page per node.

    /sparql answers the SPARQL 1.1 protocol (JSON, XML, CSV or TSV by Accept);
    /query is the query page with every named query as an example; /def the data
    model; / the front page and search; /doc/ID and /id/... a page per node (RDF
    with Accept: text/turtle or application/ld+json). The default graph is the
    union of the named graphs, as in `policykg query`. Updates are refused.
    Stop it with Ctrl-C or SIGTERM; do not ingest into the store while it runs.

    \b
    Example:
      policykg serve --port 7878     # then open http://127.0.0.1:7878/
      policykg query citations --param doc=kst-30950-319 --endpoint http://127.0.0.1:7878/sparql
    """
    path = store_path or default_location()
    if not is_store(path):
        raise StoreError(f"no store at {path}; run `policykg ingest` first", path=path)
    limits = Limits(timeout=timeout, max_rows=max_rows, allow_federation=allow_federation)
    return run_server(path, host, port, limits)


def oxigraph_binary() -> str:
    """The `oxigraph` server installed with policykg (next to this Python), else on PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    found = str(beside) if beside.exists() else shutil.which("oxigraph")
    if not found:
        raise NotInstalledError("the oxigraph server is not installed: pip install oxigraph")
    return found


@error_exit_code(2)
@main.command(context_settings=CONTEXT)
@click.option("--limit", type=int, default=50, show_default=True, help="Findings to print.")
@click.option("--engine", type=click.Choice(["sparql", "pyshacl"]), default="sparql", show_default=True,
              help="sparql: the shapes as queries in the store (fast); pyshacl: the reference engine on a copy.")
@click.option("--full", is_flag=True,
              help="Run every check on the whole store, not the findings stored at ingest plus the "
                   "cross-document checks.")
@store_option
@endpoint_option
def validate(limit, engine, full, store_path, endpoint):
    """Validate the graph against the SHACL shapes.

    Exit codes: 0 conforms (warnings allowed), 1 violations, 2 error.

    \b
    Example:
      policykg validate
    """
    with open_store(store_path, endpoint) as store:
        report = validate_store(store, engine, full)
    click.echo(report.text(limit))
    return 0 if report.conforms else 1


@main.command(context_settings=CONTEXT)
@click.option("--format", "fmt", type=click.Choice(exporting.FORMATS), default="turtle", show_default=True)
@click.option("--output", "-o", type=click.Path(path_type=Path),
              help="File (folder for csv). Default: standard output for one-file formats.")
@click.option("--relations", help="Network: only these relations, comma-separated (cites,ledTo,...). Default: all.")
@click.option("--dossier", help="Network: only edges with an end in this dossier (its number, e.g. 30950).")
@click.option("--around", help="Network: only the nodes within --depth steps of this node (IRI, id or label).")
@click.option("--depth", type=int, default=1, show_default=True, help="Steps from --around.")
@click.option("--since", help="Network: leave out nodes dated before this (YYYY, YYYY-MM or YYYY-MM-DD).")
@click.option("--until", help="Network: leave out nodes dated after this (YYYY, YYYY-MM or YYYY-MM-DD).")
@store_option
@endpoint_option
def export(fmt, output, relations, dossier, around, depth, since, until, store_path, endpoint):
    """Export the graph (turtle, nt, jsonld, trig, nquads) or its network
    (graphml, gexf, json node-link, csv = nodes.csv + edges.csv), whole or cut.

    \b
    Example:
      policykg export --format gexf --output citations.gexf
      policykg export --format json --around kst-30950-295 --depth 2 --relations cites,ledTo
    """
    cut = network.Cut(network.parse_relations(relations), dossier, around, depth, since, until)
    if fmt in exporting.RDF_FORMATS and cut != network.Cut():
        raise click.UsageError("--relations, --dossier, --around, --since and --until cut a network "
                               "(graphml, gexf, json, csv), not an RDF export")
    with open_store(store_path, endpoint) as store:
        _export(store, fmt, output, cut)


def _export(store: GraphStore, fmt: str, output: Path | None, cut: network.Cut) -> None:
    if output is not None:
        for path in exporting.export_to(store, fmt, output, cut):
            click.echo(f"wrote {path}", err=True)
        return
    if fmt in exporting.RDF_FORMATS:
        exporting.write_rdf(store, fmt, sys.stdout.buffer)
        sys.stdout.buffer.flush()
        return
    if fmt == "csv":
        raise click.UsageError("--format csv writes nodes.csv and edges.csv: give --output FOLDER")
    exporting.write_network(store, fmt, sys.stdout.buffer, cut)
    sys.stdout.buffer.flush()


@main.command(context_settings=CONTEXT)
@store_option
@endpoint_option
def stats(store_path, endpoint):
    """Counts: quads, named graphs, documents, citations, motions, measures, evidence."""
    with open_store(store_path, endpoint) as store:
        click.echo(f"store: {store.path}")
        click.echo(render.counts(graph_stats(store)), nl=False)


if __name__ == "__main__":
    main()
