"""One error base class, located errors, and the one place (the CLI group) that maps
errors and outcomes to exit codes and messages."""

import ast
import inspect
import pickle
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from policykg import cli, errors
from policykg.cli import NameValue, PolicyKGGroup, error_exit_code, main
from policykg.errors import (
    AmbiguousName,
    CurationError,
    FetchError,
    GoldError,
    LookupFailure,
    NameNotFound,
    NotFoundError,
    NotInstalledError,
    OutputError,
    PolicyKGError,
    QueryError,
    RemoteError,
    ServeError,
    ShapesError,
    SourceError,
    StoreError,
)
from policykg.graph.store import Store

# error raised -> (exit code, what the command line prints)
MAPPING = [
    (SourceError("binary file (NUL bytes), not a text document", path="a.txt"), 1,
     "Error: a.txt: binary file (NUL bytes), not a text document\n"),
    (GoldError("expected 3 tab-separated fields, got 2", path="g.tsv", line=4), 1,
     "Error: g.tsv:4: expected 3 tab-separated fields, got 2\n"),
    (FetchError("HTTP 404 Not Found", url="https://api.example/Zaak"), 1,
     "Error: https://api.example/Zaak: HTTP 404 Not Found\n"),
    (OutputError("is a folder; give a file name", path="out"), 1, "Error: out: is a folder; give a file name\n"),
    (QueryError("no named query 'nope'"), 1, "Error: no named query 'nope'\n"),
    (CurationError("empty subject", path="c.csv", line=2), 1, "Error: c.csv:2: empty subject\n"),
    (RemoteError("URLError: refused", url="http://127.0.0.1:9/query"), 1,
     "Error: http://127.0.0.1:9/query: URLError: refused\n"),
    (ShapesError("the shapes could not be applied: x"), 1, "Error: the shapes could not be applied: x\n"),
    (StoreError("cannot open the store at /s: locked. Is another policykg process using it?", path="/s"), 1,
     "Error: cannot open the store at /s: locked. Is another policykg process using it?\n"),
    (NotFoundError("not in the local store: urn:g", names=["urn:g"]), 1, "Error: not in the local store: urn:g\n"),
    (AmbiguousName("X", "'X' names 2 nodes", ["urn:a", "urn:b"]), 1, "Error: 'X' names 2 nodes\n"),
    (NameNotFound("Y", "'Y' names nothing in the store"), 1, "Error: 'Y' names nothing in the store\n"),
    (LookupFailure("Z", "'Z' is not one node"), 1, "Error: 'Z' is not one node\n"),
    (ServeError("cannot listen on 127.0.0.1:7878: Address already in use"), 1,
     "Error: cannot listen on 127.0.0.1:7878: Address already in use\n"),
    (NotInstalledError("the oxigraph server is not installed: pip install oxigraph"), 1,
     "Error: the oxigraph server is not installed: pip install oxigraph\n"),
]


def _group(error: Exception | None = None, status: int | None = None, exit_on_error: int | None = None):
    """A command line with one command ``go`` that raises ``error`` or returns ``status``."""
    @click.group(cls=PolicyKGGroup)
    def cli():
        pass

    @cli.command()
    def go():
        if error is not None:
            raise error
        return status

    if exit_on_error is not None:
        error_exit_code(exit_on_error)(go)
    return cli


def _subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _subclasses(sub)


@pytest.mark.parametrize(("error", "code", "printed"), MAPPING, ids=lambda v: type(v).__name__)
def test_each_error_maps_to_its_exit_code_and_message(error, code, printed):
    result = CliRunner().invoke(_group(error), ["go"])
    assert (result.exit_code, result.output) == (code, printed)
    assert type(error).exit_code == code


def test_the_mapping_table_covers_every_error_class():
    defined = {c for c in _subclasses(PolicyKGError) if c.__module__ == errors.__name__}
    assert defined == {type(e) for e, _, _ in MAPPING}


def test_a_command_can_exit_with_its_own_code_on_error():
    result = CliRunner().invoke(_group(RemoteError("down", url="http://x"), exit_on_error=2), ["go"])
    assert (result.exit_code, result.output) == (2, "Error: http://x: down\n")
    assert main.get_command(None, "validate").error_exit_code == 2  # documented: 2 error


@pytest.mark.parametrize("error", [ShapesError("the shapes could not be applied: x"),
                                   RemoteError("URLError: refused", url="http://127.0.0.1:9/query")])
def test_validate_exits_2_on_any_error(error, monkeypatch, tmp_path):
    def fail(store, engine, full=False):
        raise error

    monkeypatch.setattr(cli, "validate_store", fail)
    Store(tmp_path / "s").close()  # a store that is there (a missing one is refused first)
    result = CliRunner().invoke(main, ["validate", "--store", str(tmp_path / "s")])
    assert (result.exit_code, result.output) == (2, f"Error: {error}\n")


@pytest.mark.parametrize(("status", "code"), [(None, 0), (0, 0), (1, 1), (3, 3)])
def test_a_command_returns_its_exit_code(status, code):
    assert CliRunner().invoke(_group(status=status), ["go"]).exit_code == code


def test_other_exceptions_are_not_swallowed():
    result = CliRunner().invoke(_group(KeyError("bug")), ["go"])
    assert isinstance(result.exception, KeyError)


def test_errors_carry_where_they_apply():
    located = CurationError("empty subject", path=Path("c.csv"), line=2)
    assert (located.where, located.problem, located.line) == ("c.csv:2", "empty subject", 2)
    assert FetchError("HTTP 500", url="https://x/").where == "https://x/"
    assert SourceError("a.txt: cannot read").where is None
    assert str(SourceError("a.txt: cannot read")) == "a.txt: cannot read"
    store = StoreError("no store at /s", path="/s")
    assert (store.where, str(store)) == ("/s", "no store at /s")  # the path is in the sentence
    assert AmbiguousName("X", "two", ["a", "b"]).candidates == ("a", "b")


def test_errors_survive_pickling_with_their_location():
    error = GoldError("bad line", path="g.tsv", line=3)
    copy = pickle.loads(pickle.dumps(error))
    assert (type(copy), str(copy), copy.where, copy.problem) == (GoldError, "g.tsv:3: bad line", "g.tsv:3", "bad line")


def test_value_errors_stay_value_errors():
    for cls in (CurationError, GoldError, ShapesError):
        assert issubclass(cls, ValueError)


def test_old_homes_still_export_the_same_classes():
    from policykg.graph import curation, queries, remote, validate
    from policykg.loaders import evaluation, text, tk_fetch

    assert text.SourceError is SourceError and queries.QueryError is QueryError
    assert curation.CurationError is CurationError and remote.RemoteError is RemoteError
    assert evaluation.GoldError is GoldError and tk_fetch.FetchError is FetchError
    assert validate.ShapesError is ShapesError


def test_errors_module_imports_nothing_of_the_project():
    tree = ast.parse(inspect.getsource(errors))
    imported = {n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    imported |= {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    assert not {m for m in imported if m and (m.startswith("policykg") or m.startswith("."))}
    assert all(n.level == 0 for n in ast.walk(tree) if isinstance(n, ast.ImportFrom))


@pytest.mark.parametrize(("given", "pair"), [
    ("doc=kst-30950-295", ("doc", "kst-30950-295")),
    (" doc =kst-1", ("doc", "kst-1")),        # the name stripped
    ("q=a=b", ("q", "a=b")),                   # the first = splits
    ("empty=", ("empty", "")),
    ("x= spaced ", ("x", " spaced ")),         # the value as given
])
def test_name_value_accepts(given, pair):
    assert NameValue().convert(given, None, None) == pair


@pytest.mark.parametrize("given", ["doc", "", "doc:kst-1"])
def test_name_value_rejects_with_the_option_named(given, tmp_path):
    result = CliRunner().invoke(main, ["query", "citations", "--param", given, "--store", str(tmp_path / "s")])
    assert result.exit_code == 2
    assert result.output.endswith(f"Error: Invalid value for --param: {given!r} is not name=value\n")


def _read_open_data(path):
    from policykg.loaders.tk_opendata import read_open_data
    return read_open_data(path)


def _read_source(path):
    from policykg.loaders.sources import read_source
    return read_source(path)


@pytest.mark.parametrize("name,content,read", [
    ("binary.txt", b"a\x00b", _read_source), ("fake.pdf", b"no pdf", _read_source),
    ("bad.xml", b"<a><b></a>", _read_source), ("page.json", b'{"value": 3', _read_open_data)])
def test_a_source_error_carries_the_file_it_is_about(tmp_path, name, content, read):
    """Raised by the readers with the file as ``path``, so a site or script can show it
    its own way; the message still starts with it."""
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(SourceError) as info:
        read(path)
    assert info.value.path == path
    assert str(info.value).startswith(f"{path}: ")


def test_a_fetch_error_carries_the_url():
    from policykg.loaders.tk_fetch import fetch_motions
    with pytest.raises(FetchError) as info:
        fetch_motions(Path("unused"), "30950", base="ftp://example.org/odata")
    assert info.value.url == "ftp://example.org/odata"
