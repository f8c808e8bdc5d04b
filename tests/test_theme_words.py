"""The theme overrides written in one language for Zensical (adapters/zensical/theme_words.py): Zensical's
template engine has no gettext and no hub globals, so every {% trans %} block, _() call and language global
is rewritten before it renders them. The whole-site comparison with MkDocs is in test_renderers."""

from __future__ import annotations

import jinja2
import pytest

from hub_build.adapters.zensical.theme_words import ThemeWordsError, localise
from hub_build.publish.extras import THEME_DIR
from hub_build.render.languages import translations

WORDS = {"Hello %(name)s, see %(link)s.": "Helo %(name)s, gweler %(link)s.", "Search": "Chwilio"}
OPTIONS = {"language": "cy", "languages": ["en", "cy"], "root_url": "", "gettext": lambda text: WORDS.get(text, text)}


def test_calls_and_blocks_become_the_translated_words_with_their_expressions():
    source = ('<p>{{ _("Search") }}</p>'
              '{% trans trimmed name=config.site_name, link=base_url ~ "/x" %}Hello {{ name }},\n   see {{ link }}.{% endtrans %}'
              '<a title="{{ _(\'Hello %(name)s, see %(link)s.\', name=page.title | e, link="a, b") }}">')
    done = localise(source, **OPTIONS)
    assert done == ('<p>Chwilio</p>Helo {{ (config.site_name) }}, gweler {{ (base_url ~ "/x") }}.'
                    '<a title="Helo {{ (page.title | e) }}, gweler {{ ("a, b") }}.">')


def test_language_globals_become_expressions_over_base_url_and_the_page():
    done = localise('{% for alt in hub_alternates(page.url if page else "") %}{{ alt.href }} {% endfor %}'
                    '{{ hub_shared_base(base_url) }}geo/ {% if hub_shared %}up{% endif %}', **OPTIONS)
    env = jinja2.Environment(autoescape=True)  # no i18n extension, no hub globals: as Zensical renders it
    page = type("Page", (), {"url": "services/x/"})()
    assert env.from_string(done).render(base_url="../../..", page=page) == (
        "../../../../services/x/ ../../../../cy/services/x/ ../../../../services/x/ ../../../../geo/ up")
    assert env.from_string(done).render(base_url="/sub/cy/", page=page).endswith("/sub/cy/../geo/ up")
    absolute = localise("{% for alt in hub_alternates(page.url if page else \"\") %}{{ alt.href }} {% endfor %}",
                        **{**OPTIONS, "root_url": "https://hub.example/"})
    assert env.from_string(absolute).render(page=page) == (
        "https://hub.example/services/x/ https://hub.example/cy/services/x/ https://hub.example/services/x/ ")


@pytest.mark.parametrize("source", ['{{ _(name) }}', '{{ "x" ~ _("Search") }}', '{{ hub_alternates(other) }}',
                                    '{% trans %}{% if x %}y{% endif %}{% endtrans %}'])
def test_a_form_it_does_not_rewrite_is_an_error(source):
    with pytest.raises(ThemeWordsError):
        localise(source, **OPTIONS)


@pytest.mark.parametrize("language", ["en", "cy"])
def test_every_theme_override_is_rewritten_and_parses_without_gettext(language):
    env = jinja2.Environment(autoescape=True)
    options = {**OPTIONS, "language": language, "gettext": translations(language).gettext}
    for path in sorted(THEME_DIR.rglob("*.html")):
        done = localise(path.read_text(encoding="utf-8"), **options)
        env.parse(done)  # no {% trans %} left: it would not parse without the i18n extension
        assert "_(" not in done and "hub_shared" not in done and "hub_alternates" not in done, path.name
    footer = localise((THEME_DIR / "partials" / "copyright.html").read_text(encoding="utf-8"), **options)
    assert ("Data agored" in footer) == (language == "cy") and ("Open data" in footer) == (language == "en")
