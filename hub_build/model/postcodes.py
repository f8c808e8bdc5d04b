"""UK postcode syntax: normalising what people type and telling them what is wrong with it."""

from __future__ import annotations

import re

from hub_build.model.fields import problem, shown

# Outward code: area (1-2 letters) + district (digit, digit-digit, digit-letter);
# inward code: sector digit + unit (2 letters, never C I K M O V).
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][ABD-HJLNP-UW-Z]{2})$")
_OUTWARD = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]?$")
_SECTOR = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9]$")  # 'BS1 4': outward code and sector, unit missing
# Cayman Islands codes look like KY1-1100; KY1 1AA and KY11 8TB are Fife, so only the digits-only form is Cayman.
_CAYMAN = re.compile(r"^KY[1-3]-?[0-9]{4}$")
# Places with UK-format postcodes that are outside the ONS grid (no coordinates to give).
_OVERSEAS = {
    "ASCN": "Ascension Island", "BBND": "the British Indian Ocean Territory", "BIQQ": "the British Antarctic Territory",
    "FIQQ": "the Falkland Islands", "GX11": "Gibraltar", "PCRN": "the Pitcairn Islands", "SIQQ": "South Georgia",
    "STHL": "Saint Helena", "TDCU": "Tristan da Cunha", "TKCA": "the Turks and Caicos Islands",
    "MSR": "Montserrat",
    "VG11": "the British Virgin Islands", "AI-2640": "Anguilla",
}


def compact(text: str) -> str:
    """Without any whitespace, upper-case: the form every check starts from."""
    return re.sub(r"\s+", "", text).upper()


def normalise_postcode(text: str) -> str:
    """`bs14dj` or ` BS1  4DJ` -> `BS1 4DJ`; raises a hinted error for anything that is not a placeable UK postcode."""
    raw = text
    code = compact(text)
    if not code:
        raise problem("postcode_empty", "the postcode is empty", "write the full postcode, like BS1 4DJ")
    if code == "GIR0AA":
        raise problem("postcode_special", "GIR 0AA is a non-geographic postcode (Girobank) with no location",
                      "give the postcode of the place where the service is delivered")
    if code.startswith("BFPO"):
        raise problem("postcode_special", f"'{shown(raw.strip())}' is a British Forces Post Office address with no UK location",
                      "give the postcode of the place where the service is delivered")
    if _CAYMAN.match(code):
        raise problem("postcode_overseas", f"'{shown(raw.strip())}' is a postcode for the Cayman Islands, outside the UK postcode data",
                      "list services in the UK, with their UK postcode")
    for prefix, place in _OVERSEAS.items():
        if code.replace("-", "").startswith(prefix.replace("-", "")):  # Anguilla's AI-2640 typed with its hyphen too
            raise problem("postcode_overseas", f"'{shown(raw.strip())}' is a postcode for {place}, outside the UK postcode data",
                          "list services in the UK, with their UK postcode")
    match = _POSTCODE.match(code)
    if not match:
        if _SECTOR.match(" ".join(text.upper().split())):
            raise problem("postcode_partial", f"'{shown(raw.strip())}' is missing the last two letters of the postcode",
                          "write the full postcode, like BS1 4DJ")
        if _OUTWARD.match(code):
            raise problem("postcode_partial", f"'{shown(raw.strip())}' is only the first half of a postcode",
                          "write the full postcode, like BS1 4DJ")
        raise problem("postcode_format", f"'{shown(raw.strip())}' is not a UK postcode",
                      "write it like BS1 4DJ: letters and a number, a space, then a number and two letters")
    return f"{match.group(1)} {match.group(2)}"
