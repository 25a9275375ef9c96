"""The HTML writer: a strict, self-contained, accessible page and an email-safe body.

Writer tests start from the stored sample Brief (tests/golden), not from a
reader, so a reader change never breaks them.  Pages are parsed with
html5lib in strict mode: any HTML5 parse error fails the test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree.ElementTree import Element

import pytest

from briefing.config import load_style
from briefing.errors import TemplateError
from briefing.model import Actor, Brief, Excerpt, KeyFigure, Point, Reference, Source, Theme
from briefing.serialise import load_brief
from briefing.writers.html import email_html, render_html
from tests.conftest import BRIEF_DATE, GOLDEN, absent

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def brief() -> Brief:
    return load_brief(GOLDEN / "analysis.brief.json")


@pytest.fixture(scope="module")
def page(brief: Brief) -> str:
    return render_html(brief)


@pytest.fixture(scope="module")
def email(brief: Brief) -> str:
    return render_html(brief, email=True)


def parse(text: str) -> Element:
    """The document tree; html5lib raises on the first HTML5 parse error."""
    import html5lib

    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def ids(root: Element) -> list[str]:
    return [e.get("id") for e in root.iter() if e.get("id") is not None]


def text_of(element: Element) -> str:
    return " ".join("".join(element.itertext()).split())


def hostile_brief() -> Brief:
    """A brief built from a document that carries markup and entities."""
    from briefing.compose.chartspecs import charts_for

    bad = '<script>alert("x")</script> AT&T &amp; <img src=x onerror=alert(1)> </p></main>'
    brief = Brief(
        title="<b>Gas</b> & </title><script>alert(1)</script>",
        subtitle='"quoted" <i>sub</i>',
        label="</p>LABEL",
        language='en" onload="alert(1)',
        takeaways=[Point(text=bad, refs=[Reference(source=1, paragraph=1)])],
        themes=[
            Theme(id='a" onclick="x', label="<h1>One</h1>", words=50, points=[Point(text=bad)],
                  lead=Point(text="lead <u>x</u>")),
            Theme(id="two", label="Two & three", words=30, points=[Point(text="plain")]),
            Theme(id="<b>3</b>", label="<i>Four</i>", words=30, points=[Point(text="plain too")]),
        ],
        actors=[
            Actor(name="<script>alert(2)</script>", kind="person",
                  mentions={'a" onclick="x': 3, "two": 1, "<b>3</b>": 1}),
            Actor(name="Ali & Co", kind="organisation", aliases=["<b>A</b>"], mentions={'a" onclick="x': 2, "two": 1}),
            Actor(name="Gas & <Oil>", kind="organisation", mentions={"two": 2, "<b>3</b>": 1}),
        ],
        figures=[KeyFigure(value="<5%", kind="percentage", context="share < 5% & falling")],
        sources=[Source(title="<em>Source</em>", path="javascript:alert(1)",
                        excerpts=[Excerpt(paragraph=1, text=bad)])],
    )
    return brief.model_copy(update={"charts": charts_for(brief)})  # labels from the text above


# ---------------------------------------------------------------- the page


def test_the_checker_catches_broken_html() -> None:
    from html5lib.html5parser import ParseError

    with pytest.raises(ParseError):
        parse("<!DOCTYPE html><html lang=en><title>x</title><p>a</div>")


def test_page_parses_without_errors(page: str) -> None:
    root = parse(page)
    assert root.tag == "html"


def test_page_is_accessible(page: str, brief: Brief) -> None:
    root = parse(page)
    assert root.get("lang") == "en"
    assert len(list(root.iter("main"))) == 1
    assert len(list(root.iter("h1"))) == 1
    assert text_of(next(root.iter("h1"))) == brief.title
    levels = [int(e.tag[1]) for e in root.iter() if isinstance(e.tag, str) and re.fullmatch(r"h[1-6]", e.tag)]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in zip(levels, levels[1:], strict=False)), levels  # no level skipped
    assert len(list(root.iter("h2"))) >= len(brief.themes) + 3


def test_ids_are_unique_and_every_internal_link_lands(page: str) -> None:
    root = parse(page)
    found = ids(root)
    assert len(found) == len(set(found)), [i for i in found if found.count(i) > 1]
    targets = {e.get("href")[1:] for e in root.iter("a") if (e.get("href") or "").startswith("#")}
    assert targets, "no internal links at all"
    assert targets <= set(found), targets - set(found)


def test_no_request_leaves_the_page(page: str) -> None:
    root = parse(page)
    assert not list(root.iter("script")) and not list(root.iter("link")) and not list(root.iter("iframe"))
    for element in root.iter():
        for attr in ("src", "href", "{http://www.w3.org/1999/xlink}href", "srcset", "action"):
            value = element.get(attr)
            assert value is None or value.startswith(("#", "data:")), (element.tag, attr, value)
    css = "".join(e.text or "" for e in root.iter("style"))
    assert "@import" not in css and "url(" not in css and "@font-face" not in css
    csp = [m.get("content") for m in root.iter("meta") if m.get("http-equiv") == "Content-Security-Policy"]
    assert csp and "default-src 'none'" in csp[0]


def test_every_reference_links_to_its_quoted_passage(page: str, brief: Brief) -> None:
    root = parse(page)
    by_id = {e.get("id"): e for e in root.iter() if e.get("id")}
    links = [e for e in root.iter("a") if (e.get("href") or "").startswith("#src-")]
    expected = {f"src-{r.source}-p{r.paragraph}" for _, r in brief.references()}
    assert {a.get("href")[1:] for a in links} == expected
    for a in links:
        paragraph = a.get("href").rsplit("-p", 1)[1]
        assert text_of(a) == f"[¶{paragraph}]"
        assert text_of(by_id[a.get("href")[1:]]).startswith(f"¶{paragraph} ")


def test_charts_are_inline_svg_with_captions_and_alt_text(page: str, brief: Brief) -> None:
    from briefing.compose.chartspecs import refresh

    specs = refresh(brief)
    assert specs, "the sample should have charts"
    root = parse(page)
    figures = list(root.iter("figure"))
    assert len(figures) == len(specs)
    for figure in figures:
        svg = figure.find(f"{SVG}svg")
        assert svg is not None and svg.get("role") == "img"
        assert len(svg.get("aria-label", "")) > 20
        assert svg.find(f"{SVG}title") is not None
    captions = " ".join(text_of(f.find("figcaption")) for f in figures)
    for spec in specs:
        assert spec.title in captions and spec.caption in captions
    labels = " ".join(t.text or "" for f in figures for t in f.iter(f"{SVG}text"))
    assert specs[0].labels[0].split()[0] in labels  # text stays text, not paths


def test_no_chart_without_chart_data(brief: Brief) -> None:
    bare = brief.model_copy(update={"charts": []})
    root = parse(render_html(bare))
    assert not list(root.iter("figure")) and not list(root.iter(f"{SVG}svg"))


def test_rendering_twice_gives_the_same_text(brief: Brief, page: str, email: str) -> None:
    assert render_html(brief) == page
    assert render_html(brief, email=True) == email


def test_house_style_colours_and_labels(brief: Brief, tmp_path: Path) -> None:
    path = tmp_path / "style.yaml"
    path.write_text('colours: {accent: "#7a1f5c"}\nlanguage: az\nmarking: For official use\n', encoding="utf-8")
    root = parse(render_html(brief, style=load_style(path)))
    css = "".join(e.text or "" for e in root.iter("style"))
    assert "--accent: #7a1f5c" in css
    body = text_of(root)
    assert "Əsas nəticələr" in body and "Key takeaways" not in body
    assert "27 noyabr 2026" in body
    assert body.count("For official use") == 2  # top and bottom, as on every PDF page


# ---------------------------------------------------------------- untrusted text


@pytest.mark.parametrize("mail", [False, True])
def test_document_text_never_becomes_markup(mail: bool) -> None:
    html = render_html(hostile_brief(), email=mail)
    root = parse(html)
    assert not list(root.iter("script"))
    assert not [e for e in root.iter() if any(k.startswith("on") for k in e.attrib)]
    assert not list(root.iter("u")) and not list(root.iter("em")) and not list(root.iter("i"))
    assert not [e for e in root.iter("b") if text_of(e) in ("A", "Gas")]
    assert len(list(root.iter("h1"))) == 1
    body = text_of(root)
    assert '<script>alert("x")</script> AT&T &amp; <img src=x onerror=alert(1)> </p></main>' in body
    assert "<h1>One</h1>" in body and "<5%" in body
    assert root.get("lang") == "en"  # the bad language tag is not used
    assert not [a for a in root.iter("a") if (a.get("href") or "").startswith("javascript")]
    charts = list(root.iter("img")) if mail else list(root.iter(f"{SVG}svg"))
    assert len(charts) == 1  # who appears where, drawn from hostile labels
    assert all(img.get("src").startswith("data:image/png;base64,") for img in root.iter("img"))
    if not mail:
        labels = [t.text for svg in charts for t in svg.iter(f"{SVG}text")]
        assert "<h1>One</h1>" in labels and "<script>alert(2)</script>" in labels
    found = ids(root)
    assert len(found) == len(set(found)) and all(" " not in i and '"' not in i for i in found)


def test_a_template_may_not_add_script(tmp_path: Path, brief: Brief) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "brief.html.j2").write_text(
        '{% extends "html/brief.html.j2" %}{% block footer %}<script>track()</script>{% endblock %}',
        encoding="utf-8")
    with pytest.raises(TemplateError, match="script"):
        render_html(brief, template=str(folder))


def test_users_template_folder(tmp_path: Path, brief: Brief) -> None:
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "brief.html.j2").write_text(
        '{% extends "html/brief.html.j2" %}{% block footer %}<footer>Our footer</footer>{% endblock %}',
        encoding="utf-8")
    assert "Our footer" in text_of(parse(render_html(brief, template=str(folder))))
    pdf_only = tmp_path / "pdf-only"
    pdf_only.mkdir()
    assert render_html(brief, template=str(pdf_only)) == render_html(brief)
    with pytest.raises(TemplateError):
        render_html(brief, template=str(tmp_path / "absent"))


# ---------------------------------------------------------------- email


def test_email_is_mail_safe(email: str) -> None:
    root = parse(email)
    assert not list(root.iter("style")) and not list(root.iter("script"))
    assert not list(root.iter(f"{SVG}svg")) and "<svg" not in email
    assert not [e for e in root.iter() if e.get("class")]  # inline styles only
    widths = [int(e.get("width")) for e in root.iter() if (e.get("width") or "").isdigit()]
    assert widths and max(widths) <= 640
    assert "max-width:600px" in next(root.iter("table")).get("style", "")
    for element in root.iter():
        for attr in ("src", "href"):
            value = element.get(attr)
            assert value is None or value.startswith(("#", "data:image/png;base64,")), value


def test_email_charts_are_png_images_with_alt_text(email: str, brief: Brief) -> None:
    from briefing.compose.chartspecs import refresh

    images = list(parse(email).iter("img"))
    assert len(images) == len(refresh(brief))
    for img in images:
        assert img.get("src").startswith("data:image/png;base64,iVBORw0KGgo")
        assert len(img.get("alt")) > 20 and int(img.get("width")) == 600


def test_email_parts_refer_to_cid_images(brief: Brief) -> None:
    html, parts = email_html(brief)
    assert parts and all(data.startswith(b"\x89PNG\r\n\x1a\n") for data in parts.values())
    sources = [img.get("src") for img in parse(html).iter("img")]
    assert sorted(sources) == sorted(f"cid:{cid}" for cid in parts)
    assert "data:" not in html


# ---------------------------------------------------------------- command line and validator


def test_render_html_from_the_command_line(runner, sample_path: Path, tmp_path: Path) -> None:
    from briefing.cli import cli

    target = tmp_path / "x.html"
    args = ["render", str(sample_path), "--format", "html", "-o", str(target), "--date", BRIEF_DATE]
    result = runner.invoke(cli, args)
    assert result.exit_code == 0, result.output
    first = target.read_bytes()
    root = parse(first.decode("utf-8"))
    assert "Bottlenecks on water and rail" in text_of(root) and "Featured" not in text_of(root)
    assert runner.invoke(cli, args).exit_code == 0
    assert target.read_bytes() == first


def test_nu_html_checker_finds_no_error(page: str, email: str, tmp_path: Path) -> None:
    if not (os.environ.get("VNU_JAR") and shutil.which("java")):
        absent("set VNU_JAR to the Nu Html Checker's vnu.jar (npm package vnu-jar) and have java; .ci/run does")
    files = [tmp_path / "page.html", tmp_path / "email.html"]
    for path, text in zip(files, (page, email), strict=True):
        path.write_text(text, encoding="utf-8")
    done = subprocess.run(["java", "-jar", os.environ["VNU_JAR"], "--errors-only", "--also-check-svg",
                           *map(str, files)], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr


def test_house_logo_is_embedded(brief: Brief, tmp_path: Path) -> None:
    from PIL import Image

    Image.new("RGB", (40, 20), "#7a1f5c").save(tmp_path / "logo.png")
    (tmp_path / "style.yaml").write_text("logo: logo.png\norganisation: Caspian Institute\n", encoding="utf-8")
    style = load_style(tmp_path / "style.yaml")
    bare = brief.model_copy(update={"charts": []})
    logos = [img for img in parse(render_html(bare, style=style)).iter("img")]
    assert len(logos) == 1 and logos[0].get("alt") == "Caspian Institute"
    assert logos[0].get("src").startswith("data:image/png;base64,")
    html, parts = email_html(bare, style=style)
    assert parts == {"logo@briefing": (tmp_path / "logo.png").read_bytes()}
    assert [img.get("src") for img in parse(html).iter("img")] == ["cid:logo@briefing"]
