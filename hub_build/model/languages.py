"""The languages a listing's own text may be written in, as BCP 47 tags.

Pages mark text in another language than the hub's with `lang` (WCAG 3.1.2), so screen readers pronounce
Welsh or Gaelic as Welsh or Gaelic. A fixed list, not any well-formed tag: a typo such as `cy-UK` or `wel`
would be a well-formed tag that no screen reader knows, so it is refused with a hint instead.
"""

from __future__ import annotations

from typing import Annotated

from pydantic import AfterValidator, Field

from hub_build.model.fields import problem, shown

# The UK's languages and the community languages most often met by services (Census 2021), by BCP 47 tag.
LANGUAGES: dict[str, str] = {
    "en": "English", "cy": "Welsh", "gd": "Scottish Gaelic", "ga": "Irish", "kw": "Cornish", "gv": "Manx",
    "sco": "Scots", "bfi": "British Sign Language",
    "ar": "Arabic", "bg": "Bulgarian", "bn": "Bengali", "cs": "Czech", "de": "German", "el": "Greek",
    "es": "Spanish", "fa": "Persian", "fr": "French", "gu": "Gujarati", "he": "Hebrew", "hi": "Hindi",
    "hu": "Hungarian", "it": "Italian", "ku": "Kurdish", "lt": "Lithuanian", "lv": "Latvian", "ne": "Nepali",
    "pa": "Punjabi", "pl": "Polish", "ps": "Pashto", "pt": "Portuguese", "ro": "Romanian", "ru": "Russian",
    "sk": "Slovak", "so": "Somali", "sq": "Albanian", "ta": "Tamil", "ti": "Tigrinya", "tr": "Turkish",
    "uk": "Ukrainian", "ur": "Urdu", "vi": "Vietnamese", "yi": "Yiddish", "zh": "Chinese",
    "zh-Hans": "Chinese (simplified script)", "zh-Hant": "Chinese (traditional script)", "yue": "Cantonese",
}
_BY_LOWER = {tag.lower(): tag for tag in LANGUAGES}
_BY_NAME = {name.lower(): tag for tag, name in LANGUAGES.items()}


def _language_tag(value: str) -> str:
    text = value.strip()
    tag = _BY_LOWER.get(text.lower().replace("_", "-"))
    if tag:
        return tag
    named = _BY_NAME.get(text.lower())
    hint = (f"write the tag '{named}' for {LANGUAGES[named]}" if named else
            "use a BCP 47 tag from the field reference, e.g. cy (Welsh), gd (Scottish Gaelic), ga (Irish), en (English)")
    raise problem("language_tag", f"'{shown(value)}' is not a language tag this hub knows", hint)


LanguageTag = Annotated[str, AfterValidator(_language_tag), Field(json_schema_extra={"enum": list(LANGUAGES)})]
