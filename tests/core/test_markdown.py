"""core.markdown: staff Markdown rendered safely (SELF-1, SELF-4): no raw HTML from an author reaches
a page, and the Markdown a page needs survives."""

import pytest
from django.utils.safestring import SafeString

from core.markdown import render_markdown


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert('xss')</script>",
        "Olá <script>document.cookie</script> mundo",
        '<img src="x" onerror="alert(1)">',
        "<iframe src='https://evil.example'></iframe>",
        '<a href="javascript:alert(1)">clique</a>',
        "<div onclick='alert(1)'>texto</div>",
        "<style>body{display:none}</style>",
    ],
)
def test_raw_html_is_written_out_as_text(text):
    html = render_markdown(text)
    assert "<script" not in html
    assert "<img" not in html
    assert "<iframe" not in html
    assert "<div" not in html
    assert "<style" not in html
    assert "<a " not in html
    assert "&lt;" in html  # shown as text, harmless


@pytest.mark.parametrize(
    "text",
    [
        "[clique](javascript:alert(1))",
        "[clique](JaVaScRiPt:alert(1))",
        "[clique](vbscript:msgbox(1))",
        "[clique](data:text/html;base64,PHNjcmlwdD4=)",
        "![foto](javascript:alert(1))",
        "<javascript:alert(1)>",
    ],
)
def test_dangerous_links_lose_their_target(text):
    html = render_markdown(text)
    assert "href=" not in html
    assert "src=" not in html


def test_the_sanitiser_stands_even_if_the_parser_let_html_through(monkeypatch):
    """The second lock: whatever markdown-it writes, nh3 keeps only the allowed tags and attributes."""
    from core import markdown

    class Leaky:
        def render(self, text):
            return (
                '<p onclick="x()">ok</p><script>alert(1)</script>'
                '<img src="x" onerror="alert(1)"><a href="javascript:x">a</a>'
            )

    monkeypatch.setattr(markdown, "_parser", lambda: Leaky())
    html = render_markdown("qualquer")
    assert html == '<p>ok</p><img src="x"><a rel="noopener noreferrer">a</a>'


def test_headings_lists_tables_links_and_code_survive():
    text = (
        "# Versão 12.1.2510\n\n"
        "## Novidades\n\n"
        "- Cálculo da folha\n- **Férias** em lote\n\n"
        "1. Baixe o pacote\n2. Aplique\n\n"
        "| Rotina | Situação |\n|:--|--:|\n| Faturamento | corrigida |\n\n"
        'Veja [a documentação](https://docs.example/erp "Docs") e [o portal](/novidades/).\n\n'
        "Use `SELECT 1` ou:\n\n```sql\nSELECT * FROM notas;\n```\n\n> Importante\n\n---\n\n"
        "![Tela](/media/kb/tela.png)"
    )
    html = render_markdown(text)
    assert isinstance(html, SafeString)
    assert "<h1>Versão 12.1.2510</h1>" in html
    assert "<h2>Novidades</h2>" in html
    assert "<li><strong>Férias</strong> em lote</li>" in html
    assert "<ol>" in html
    assert '<table class="table table-sm table-bordered">' in html
    assert '<th class="md-align-left">Rotina</th>' in html
    assert '<td class="md-align-right">corrigida</td>' in html
    assert (
        '<a href="https://docs.example/erp" title="Docs" rel="noopener noreferrer">a documentação</a>' in html
    )
    assert '<a href="/novidades/" rel="noopener noreferrer">o portal</a>' in html
    assert "<code>SELECT 1</code>" in html
    assert '<pre><code class="language-sql">SELECT * FROM notas;\n</code></pre>' in html
    assert "<blockquote>" in html
    assert "<hr>" in html
    assert '<img src="/media/kb/tela.png" alt="Tela">' in html


def test_special_characters_are_escaped_and_empty_text_renders_nothing():
    assert render_markdown("a < b & c > d") == "<p>a &lt; b &amp; c &gt; d</p>\n"
    assert render_markdown("") == ""
    assert render_markdown("   \n") == ""
