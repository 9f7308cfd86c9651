"""The demo's plain files: every one is used, texts come in Dutch and English, and the
Python that reads them stays small."""

import tomllib
from pathlib import Path

import pytest
from django.core.management import call_command

from demo.seed import files

DEMO = files.CONTENT.parent
LANGUAGES = set(files.LANGUAGES)


def _content_files() -> set[Path]:
    return {path for path in files.CONTENT.rglob("*") if path.is_file()}


def _toml_files() -> list[Path]:
    return [files.STORY, *sorted(files.CONTENT.rglob("*.toml"))]


def _tables(data):
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from _tables(value)
    elif isinstance(data, list):
        for value in data:
            yield from _tables(value)


@pytest.mark.django_db
def test_every_demo_content_file_is_read_by_the_seeder(monkeypatch):
    """seed_demo reads every TOML and HTML file under demo/content: no orphan files."""
    read: set[Path] = set()
    toml, html = files._toml, files.html

    def reading_toml(path):
        read.add(Path(path))
        return toml(path)

    def reading_html(folder, name, language):
        read.add(Path(folder) / f"{name}.{language}.html")
        return html(folder, name, language)

    monkeypatch.setattr(files, "_toml", reading_toml)
    monkeypatch.setattr(files, "html", reading_html)
    call_command("seed_demo", stdout=None)
    orphans = sorted(str(path.relative_to(DEMO)) for path in _content_files() - read)
    assert orphans == []
    assert files.STORY in read


def test_every_html_text_comes_in_dutch_and_english():
    """Each rich text is a pair of files, name.nl.html and name.en.html."""
    unpaired = []
    for path in files.CONTENT.rglob("*.html"):
        stem, language, _html = path.name.rsplit(".", 2)
        assert language in LANGUAGES, path
        for other in LANGUAGES - {language}:
            if not (path.parent / f"{stem}.{other}.html").exists():
                unpaired.append(str(path.relative_to(DEMO)))
    assert unpaired == []


def test_every_text_in_the_toml_files_has_both_languages():
    """A text given in one language (`title.nl`) is given in the other too (`title.en`)."""
    one_sided = []
    for path in _toml_files():
        with path.open("rb") as file:
            data = tomllib.load(file)
        for table in _tables(data):
            if table and set(table) <= LANGUAGES and set(table) != LANGUAGES:
                one_sided.append(f"{path.relative_to(DEMO)}: {table}")
    assert one_sided == []


def test_every_html_file_a_toml_file_names_exists():
    """`text.html = "name"` in a TOML file points at a pair of files next to it."""
    missing = []
    for path in _toml_files():
        with path.open("rb") as file:
            data = tomllib.load(file)
        for table in _tables(data):
            if set(table) == {"html"}:
                for language in LANGUAGES:
                    wanted = path.parent / f"{table['html']}.{language}.html"
                    if not wanted.exists():
                        missing.append(str(wanted.relative_to(DEMO)))
    assert missing == []


def test_html_line_breaks_are_for_editors_only(tmp_path):
    """A break between two tags disappears; any other break reads as a space."""
    (tmp_path / "intro.nl.html").write_text("<h2>Welkom</h2>\n<p>Fijn dat\nje er bent.</p>\n")
    assert files.html(tmp_path, "intro", "nl") == "<h2>Welkom</h2><p>Fijn dat je er bent.</p>"


def test_no_python_module_of_the_demo_holds_much():
    """The demo's content is in plain files; its Python modules stay small."""
    sizes = {
        str(path.relative_to(DEMO)): len(path.read_text(encoding="utf-8").splitlines())
        for path in DEMO.rglob("*.py")
    }
    assert {name: size for name, size in sizes.items() if size > 300} == {}
