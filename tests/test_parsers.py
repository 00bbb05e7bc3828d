"""Parsers and text helpers on small messy strings: no database."""

import contextlib
import hashlib
import re
import unicodedata
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reviews import text as text_module
from reviews.importers import detect_format, open_document, parse_document, press_kit
from reviews.importers.common import (
    crew_names,
    decode,
    parse_money,
    parse_runtime,
    parse_written_date,
    rating_in_text,
    split_credit_note,
    split_names,
)
from reviews.importers.press_kit import mentions_in, series_named_in
from reviews.importers.records import ImportFormatError
from reviews.importers.review_page import author_date_readings, choose_author
from reviews.importers.review_xml import MarkupRepair
from reviews.text import (
    LOST_LETTER,
    fill_lost_letters,
    fingerprint,
    fold,
    has_lost_letter,
    lost_letters_pattern,
    name_case,
    repair_lost_letters,
    restore_paragraphs,
    split_glued,
    strip_email,
    title_case,
    title_key,
    title_stem_and_number,
)
from tests.factories import review_xml


@pytest.mark.parametrize(
    "a, b",
    [
        ("Laura Drasbæk", "Laura Drasbaek"),
        ("Karsten Schrøder", "Karsten Schroder"),
        ("Zlatko Burić", "Zlatko Buric"),
        ("Øyvind", "oyvind"),
        ("Åse", "ase"),
        ("Conan O’Brien", "Conan O'Brien"),  # a mark of any alphabet parts words alike
        ("I’m the Angel – of “Death”", 'I\'m the angel - of "death"'),
        ("Ａｍｅｌｉｅ", "Amelie"),  # full-width letters
    ],
)
def test_fold_makes_spellings_alike(a, b):
    assert fold(a) == fold(b)


@pytest.mark.parametrize(
    "a, b",
    [
        ("Сергей Бодров", "Виктор Сухоруков"),  # letters of any alphabet are kept
        ("花樣年華", "重慶森林"),
        ("Μαρία Κάλλας", "Ελένη Καραΐνδρου"),
    ],
)
def test_fold_keeps_names_of_other_alphabets_apart(a, b):
    assert fold(a) and fold(a) != fold(b)
    assert fingerprint(f"{a}!") == fingerprint(a) != fingerprint(b)


@pytest.mark.parametrize(
    "title, key",
    [
        ("PUSHER II", "pusher 2"),
        ("Pusher 2", "pusher 2"),
        ("Pusher II: With Blood on My Hands", "pusher 2"),
        ("Pusher II – With Blood on My Hands", "pusher 2"),
        ("Pusher II — With Blood on My Hands", "pusher 2"),
        ("Pusher II - With Blood on My Hands", "pusher 2"),
        ("Spider-Man 2", "spider man 2"),  # a hyphen in a word is no subtitle
        ("Rocky", "rocky"),
        ("Pusher Two", "pusher 2"),  # the number as a word
        ("Seven", "seven"),  # a title of one word is no number
        ("The Godfather Part II", "the godfather 2"),
        ("The Godfather: Part II", "the godfather 2"),  # a subtitle that is only the number
        ("Kill Bill: Vol. 2", "kill bill 2"),
        ("Three Colours: Red", "three colours"),
        ("Alien³", "alien 3"),  # a superscript number is the part's number
        ("ALIEN³", "alien 3"),
        ("Alien", "alien"),
        # A number with a fraction, as a character or typed: one word, no part's number.
        ("The Naked Gun 2½: The Smell of Fear", "the naked gun 2and1over2"),
        ("THE NAKED GUN 2 1/2: THE SMELL OF FEAR", "the naked gun 2and1over2"),
        ("The Naked Gun 2-1/2", "the naked gun 2and1over2"),
        ("Naked Gun 33⅓: The Final Insult", "naked gun 33and1over3"),
        ("8½", "8and1over2"),
        ("24/7", "24 7"),  # no fraction
        ("Fahrenheit 9/11", "fahrenheit 9 11"),
        # A subtitle that opens with the part's number: the number is the key's.
        ("Star Wars: Episode II - Attack of the Clones", "star wars 2"),
        ("Star Wars Episode II: Attack of the Clones", "star wars 2"),
        ("STAR WARS: EPISODE II - ATTACK OF THE CLONES", "star wars 2"),
        ("Mission: Impossible - Fallout", "mission"),
    ],
)
def test_title_key_folds_case_numerals_and_subtitles(title, key):
    assert title_key(title) == key


@pytest.mark.parametrize(
    "title, stem, number",
    [
        ("Pusher III: I'm the Angel of Death", "pusher", 3),
        ("Pusher", "pusher", 1),
        ("The Naked Gun 2½: The Smell of Fear", "the naked gun", Fraction(5, 2)),
        ("Naked Gun 33 1/3", "naked gun", Fraction(100, 3)),
        ("8½", "8and1over2", 1),  # a title that is a number is no part of a series
    ],
)
def test_title_stem_and_number(title, stem, number):
    assert title_stem_and_number(title) == (stem, number)


@pytest.mark.parametrize(
    "title, told, series",
    [
        ("Star Wars: Episode I - The Phantom Menace", "The Phantom Menace", "Star Wars series"),
        ("Star Wars - Episode I: The Phantom Menace", "The Phantom Menace", "Star Wars series"),
        ("Star Wars Episode I: The Phantom Menace", "The Phantom Menace", "Star Wars series"),
        ("Kill Bill: Vol. 1", "Vol. 1", "Kill Bill series"),
        ("Three Colours: Blue", "Blue", "Three Colours series"),
    ],
)
def test_the_subtitle_that_names_a_numbered_part(title, told, series):
    """What a subtitle names the film by, after its episode's number (a review file titles
    the film by it alone: `subtitle_alone`); and the series named without the first episode's
    number, whichever way its title is punctuated."""
    from reviews.loader import series_name_from, subtitle_alone
    from reviews.text import named_subtitle

    assert named_subtitle(title) == told
    assert subtitle_alone(told, title) is (told not in ("Vol. 1", "Blue"))
    assert series_name_from(title) == series


@pytest.mark.parametrize(
    "first, others, series",
    [
        # A title the others go on from, past its colon: whole.
        (
            "Mission: Impossible",
            ["Mission: Impossible II", "Mission: Impossible – Ghost Protocol"],
            "Mission: Impossible series",
        ),
        ("Mission: Impossible", [], "Mission series"),  # nothing to tell
        ("Mission: Impossible", ["Mission: Impossible II", "Mission: Other"], "Mission series"),
        ("Three Colours: Blue", ["Three Colours: White"], "Three Colours series"),
        ("Kill Bill: Vol. 1", ["Kill Bill: Vol. 2"], "Kill Bill series"),
        ("Rocky", ["Rocky II"], "Rocky series"),
        # A first title unlike the others, which share theirs: theirs.
        ("First Blood", ["Rambo: First Blood Part II", "Rambo III", "Rambo"], "Rambo series"),
        ("The Harbour", ["Night of the Harbour", "The Last Harbour"], "The Harbour series"),
        ("First Blood", ["Rambo: First Blood Part II"], "First Blood series"),  # one tells little
    ],
)
def test_a_series_named_after_a_first_title_its_others_go_on_from(first, others, series):
    from reviews.loader import series_name_from

    assert series_name_from(first, others) == series


@pytest.mark.parametrize(
    "a, b, agree",
    [
        ("Mission: Impossible II", "MISSION: IMPOSSIBLE 2", True),
        ("Mission: Impossible III", "Mission: Impossible Three", True),
        ("Mission: Impossible II", "Mission: Impossible III", False),
        ("Mission: Impossible - Ghost Protocol", "Mission: Impossible – Ghost Protocol", True),
    ],
)
def test_subtitles_that_close_with_a_number_agree_whatever_its_numeral(a, b, agree):
    """A title whose colon is its own (`Mission: Impossible III`) closes its subtitle with the
    film's number: `II` and `2` are one title (they were two films of one year)."""
    from reviews.loader import titles_agree

    assert titles_agree(a, [b]) is agree


@pytest.mark.parametrize(
    "title, folded, typeset, series",
    [
        ("The Naked Gun 2½", "the naked gun 2 1 2", "The Naked Gun 2½", "The Naked Gun series"),
        ("The Naked Gun 2 1/2", "the naked gun 2 1 2", "The Naked Gun 2½", "The Naked Gun series"),
        ("Naked Gun 33⅓: The Final Insult", "naked gun 33 1 3 the final insult", None, None),
        ("8 1/2", "8 1 2", "8½", "8 1/2 series"),
        ("24/7", "24 7", "24/7", "24/7 series"),
    ],
)
def test_a_titles_fraction_folded_typeset_and_left_out_of_its_series_name(
    title, folded, typeset, series
):
    """`2½` folds as it is typed (`2 1 2`, not `21 2`: its slug is `…-2-1-2`), a typed fraction
    is set as its character when titles are compared, and a series made up from a title
    numbered so is named without its number."""
    from reviews.loader import series_name_from
    from reviews.text import typeset_fractions

    assert fold(title) == folded
    assert typeset_fractions(title) == (typeset or title)
    assert series_name_from(title) == (series or "Naked Gun series")


@pytest.mark.parametrize(
    "shouted, cased",
    [
        ("PUSHER III: I'M THE ANGEL OF DEATH", "Pusher III: I'm the Angel of Death"),
        ("PUSHER II: WITH BLOOD ON MY HANDS", "Pusher II: With Blood on My Hands"),
        ("THE LORD OF THE RINGS", "The Lord of the Rings"),
        ("THE GIRL WITH THE DRAGON TATTOO", "The Girl with the Dragon Tattoo"),
        ("FROM RUSSIA WITH LOVE", "From Russia with Love"),
        ("ESCAPE FROM NEW YORK", "Escape from New York"),
        ("SOMETHING TO DIE FOR", "Something to Die For"),
        ("PUSHER II - WITH BLOOD ON MY HANDS", "Pusher II - With Blood on My Hands"),
        ("PUSHER II – WITH BLOOD ON MY HANDS", "Pusher II – With Blood on My Hands"),
        ("SPIDER-MAN 2", "Spider-Man 2"),
        ("X-MEN: DAYS OF FUTURE PAST", "X-Men: Days of Future Past"),
        ("MCCABE & MRS. MILLER", "McCabe & Mrs. Miller"),
        ("O'BRIEN'S REVENGE", "O'Brien's Revenge"),
        ("OCEAN'S ELEVEN", "Ocean's Eleven"),
        ("THE MACHINIST", "The Machinist"),
    ],
)
def test_title_case(shouted, cased):
    assert title_case(shouted) == cased


@pytest.mark.parametrize(
    "written, name",
    [
        ("PETER O'TOOLE", "Peter O'Toole"),
        ("JEAN-PIERRE LÉAUD", "Jean-Pierre Léaud"),
        ("LAURA DRASBÆK", "Laura Drasbæk"),
        ("LOUIS GOSSETT III", "Louis Gossett III"),
        ("J.R.R. TOLKIEN", "J.R.R. Tolkien"),
        ("STEVE MCQUEEN", "Steve McQueen"),
        ("RZA", "RZA"),  # one word in capitals may be written so
        ("Kim Bodnia", "Kim Bodnia"),
        ("CHOI Min-sik", "CHOI Min-sik"),  # not all in capitals: as written
    ],
)
def test_a_name_written_in_capitals_is_written_as_a_name(written, name):
    assert name_case(written) == name


@pytest.mark.parametrize(
    "glued, paragraphs",
    [
        ("review it.But not this one.", ["review it.", "But not this one."]),
        ("the tag-line says:\"You've got", ["the tag-line says:", "\"You've got"]),
        ("a U.S. film. And more", ["a U.S. film. And more"]),
        ("Done.\n\nNext one.", ["Done.", "Next one."]),
    ],
)
def test_restore_paragraphs(glued, paragraphs):
    assert restore_paragraphs(glued).split("\n\n") == paragraphs


# The text helpers are written for speed (byte tables, a regex that avoids lookbehinds); these
# are their plain definitions, and hypothesis checks that both agree on any text.
def reference_fold(text):
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text.translate(text_module._TRANSLITERATIONS))
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = "".join(c if c.isalnum() else " " for c in text.lower())
    return " ".join(text.split())


def latin(c):
    code = ord(c)
    return code <= 0x24F or any(
        low <= code <= high for low, high in ((0x1E00, 0x1EFF), (0x2C60, 0x2C7F), (0xA720, 0xA7FF))
    )


def reference_fingerprint(text):
    lower = text.lower()
    letters = re.sub(r"[^a-z0-9]+", "", lower)
    others = "".join(c for c in lower if c.isalnum() and not c.isdecimal() and not latin(c))
    if others:
        letters += "|" + others
    return hashlib.sha1(letters.encode("utf-8")).hexdigest()


REFERENCE_GLUED = re.compile(
    r"(?<=[a-z0-9)\]\"'!?.…][.!?…:])(?=[\"“]?[A-Z][a-z'’ ])|(?<=[a-z][.!?])(?=[\"“][A-Z])"
)

# Text made of the characters the rules look at, so that hypothesis meets the edge cases often.
rule_text = st.text(alphabet=st.sampled_from("aZb9.!?…:\"“'’ )]\næØé?-@"), max_size=60) | st.text()


@given(rule_text)
@settings(max_examples=300)
def test_fast_text_helpers_agree_with_their_definitions(text):
    assert fold(text) == reference_fold(text)
    assert fingerprint(text) == reference_fingerprint(text)
    assert split_glued(text) == REFERENCE_GLUED.split(text)
    assert has_lost_letter(text) == bool(LOST_LETTER.search(text))


def test_fingerprint_ignores_spacing_and_lost_letters():
    assert fingerprint("Vic (Laura Drasb?k), a\n\nprostitute") == fingerprint(
        "Vic (Laura Drasbæk), a prostitute"
    )


@pytest.mark.parametrize(
    "raw, clean, removed",
    [
        ("Mika Pykäläaho (bygis80@hotmail.com)", "Mika Pykäläaho", True),
        ("Robyn Nesbitt (nesfilmreviews)", "Robyn Nesbitt (nesfilmreviews)", False),
        ("plain@example.org", "", True),
        ("Ann Berg <ann@example.org>", "Ann Berg", True),
        ("ann [ann@example.org]", "ann", True),
        ("bob (bob [at] mail [dot] com)", "bob", True),
        ("cy cy(at)mail.com", "cy", True),
        ("dotcom_kid", "dotcom_kid", False),
        ("mailto:jd@example.org", "", True),  # nothing left of it
        ("Ann - ann@example.org", "Ann", True),
        ("E-mail: ann@example.org", "", True),
        ("alke -", "alke -", False),  # no address: as written
        ("mail me: cowboy [at] ranch [dot] com", "mail me", True),  # the colon that led to it
        ("alke- (alke@example.org)", "alke-", True),  # a username's own dash stays
        ("Jane (jane＠example.org)", "Jane", True),  # a full-width at sign
        ("jane﹫example.org", "", True),  # a small one
    ],
)
def test_strip_email(raw, clean, removed):
    assert strip_email(raw) == (clean, removed)


def test_lost_letters_repaired_only_when_unambiguous():
    text, fixes, unresolved = repair_lost_letters(
        "Vic (Laura Drasb?k) in S?borg. Why? Because.", {"Drasbæk", "Brønd"}
    )
    assert text == "Vic (Laura Drasbæk) in S?borg. Why? Because."
    assert fixes == ["Drasb?k -> Drasbæk"] and unresolved == ["S?borg"]
    _, _, unresolved = repair_lost_letters("Br?nd", {"Brønd", "Bründ"})
    assert unresolved == ["Br?nd"]


def test_lost_letters_are_filled_and_the_rest_kept_as_written():
    """`bj?rn` by a known `Bjørn` is `bjørn` (it was `Bjørn`: a username's case taken from a
    name, and two copies of one reviewer's name told apart by the order they came in); two
    known words that fill the letter alike but for its case are no ambiguity."""
    assert repair_lost_letters("bj?rn77", {"Bjørn"}) == ("bjørn77", ["bj?rn -> bjørn"], [])
    assert repair_lost_letters("bj?rn", {"Bjørn", "BJØRN"})[0] == "bjørn"
    assert repair_lost_letters("S?erne", {"Søerne"})[0] == "Søerne"


def test_letters_lost_side_by_side_are_filled_one_a_letter():
    """`I??rritu` lost two letters in a row: the known `Iñárritu` fills both; a known word of
    another length (`Iñarritu` has one letter fewer outside ASCII) fills nothing."""
    assert repair_lost_letters("Gonz?lez I??rritu", {"González", "Iñárritu"}) == (
        "González Iñárritu",
        ["Gonz?lez -> González", "I??rritu -> Iñárritu"],
        [],
    )
    assert repair_lost_letters("I??rritu", {"Iñarritu"})[2] == ["I??rritu"]
    assert repair_lost_letters("what??really", {"whatæøreally"})[0] == "whatæøreally"
    assert not has_lost_letter("Really?? yes")
    assert lost_letters_pattern("Amores I??rritu").fullmatch("AMORES IÑÁRRITU")
    assert fill_lost_letters("Amores I??rritu", "AMORES IÑÁRRITU") == "Amores Iñárritu"


def test_a_words_last_letter_lost_is_filled_and_a_questions_mark_kept():
    """`V?in?` by a known `Väinö` is `Väinö` (it was `Väin?`: a `?` closing a word was read as
    a question's mark); `Drasb?k?` at a question's end is `Drasbæk?` (it was left as written:
    no known word has a letter more)."""
    assert repair_lost_letters("V?in? Linna", {"Väinö"}) == (
        "Väinö Linna",
        ["V?in? -> Väinö"],
        [],
    )
    assert repair_lost_letters("seen Drasb?k?", {"Drasbæk"}) == (
        "seen Drasbæk?",
        ["Drasb?k -> Drasbæk"],
        [],
    )
    assert repair_lost_letters("v?in?", {"Väinö"})[0] == "väinö"
    assert repair_lost_letters("Br?nd?", {"Brønd", "Bründ"})[2] == ["Br?nd?"]


def test_a_lost_first_letter_is_filled_in_the_case_of_the_known_name():
    """`?ystein` by a known `Øystein` is `Øystein` (it was `øystein`: the case of the word's
    other letters); by `Øystein` and `øystein` both, the capital; in capitals, a capital."""
    assert repair_lost_letters("?ystein Gl?mmi", {"Øystein", "Glømmi"})[0] == "Øystein Glømmi"
    assert repair_lost_letters("?ystein", {"øystein", "Øystein"})[0] == "Øystein"
    assert repair_lost_letters("the ?l", {"øl"})[0] == "the øl"
    assert repair_lost_letters("bj?rn", {"Bjørn"})[0] == "bjørn"


@pytest.mark.parametrize(
    "line, readings",
    [
        ("kristianbk6 January 2005", [("kristianbk", date(2005, 1, 6))]),
        ("robo829 July 2006", [("robo8", date(2006, 7, 29)), ("robo82", date(2006, 7, 9))]),
        ("peterroeder348 October 2014", [("peterroeder34", date(2014, 10, 8))]),
        ("someone31 February 2005", [("someone3", date(2005, 2, 1))]),
        # Parted by a space, a separator, a `by`: the day is every digit, the name is whole.
        ("jeanpaul_m · 14 June 2003", [("jeanpaul_m", date(2003, 6, 14))]),
        ("by anna.k – 2 February 2010", [("anna.k", date(2010, 2, 2))]),
        ("anna.k, 2 February 2010", [("anna.k", date(2010, 2, 2))]),
        ("anna.k•2 February 2010", [("anna.k", date(2010, 2, 2))]),  # a bullet glued to both
        ("zoe_k6 Jan 2005", [("zoe_k", date(2005, 1, 6))]),  # the month cut short
        ("zoe_k12 Sept. 2005", [("zoe_k", date(2005, 9, 12)), ("zoe_k1", date(2005, 9, 2))]),
        ("Robyn Nesbitt 12 May 2004", [("Robyn Nesbitt", date(2004, 5, 12))]),
        ("by 12 May 2004", [("by", date(2004, 5, 12))]),
        ("Not a date line", []),
    ],
)
def test_author_date_readings(line, readings):
    assert author_date_readings(line) == readings


@pytest.mark.parametrize(
    "line, known, expected, ambiguous",
    [
        ("robo829 July 2006", {"robo8"}, "robo8", False),
        ("robo829 July 2006", {"robo82"}, "robo82", False),
        ("robo829 July 2006", set(), "robo8", True),
        ("alke-23 January 2005", set(), "alke-2", False),
        ("gotchast19 July 2005", set(), "gotchast", False),
    ],
)
def test_choose_author(line, known, expected, ambiguous):
    username, _, doubt = choose_author(author_date_readings(line), known)
    assert (username, doubt) == (expected, ambiguous)


@pytest.mark.parametrize(
    "text, rating",
    [
        ("great film 9/10", Decimal(9)),
        ("Quite average. 5 out of 10.", Decimal(5)),
        ("I gave it 7/10 stars.", Decimal(7)),
        ("Pusher 1-3 and 80.000 kroner", None),
        ("11/10 would watch", None),
        ("Four stars from me: 4/5 stars.", Decimal(8)),
        ("3.5 out of 5 stars, then 6/10 on a second viewing", Decimal(6)),  # the last
        ("Act 4/5 drags; seen 4/5/2005", None),  # no `stars`: no five-star scale
        ("6/5 stars", None),
    ],
)
def test_rating_in_text(text, rating):
    assert rating_in_text(text) == rating


@pytest.mark.parametrize(
    "value, parsed",
    [
        ("DKK 6,000,000(estimated)", ("DKK", Decimal(6_000_000), "(estimated)")),
        ("$1,656 (USA) (9 May 1999)", ("USD", Decimal(1656), "(USA) (9 May 1999)")),
        ("£300", ("GBP", Decimal(300), "")),
        ("€1.500.000 (estimated)", ("EUR", Decimal(1_500_000), "(estimated)")),
        ("SEK 10 000 000", ("SEK", Decimal(10_000_000), "")),
        ("$1,234.56", ("USD", Decimal("1234.56"), "")),
        ("EUR 1.234,56", ("EUR", Decimal("1234.56"), "")),
        ("$2.5 million (USA)", ("USD", Decimal(2_500_000), "(USA)")),
        ("$15M (estimated)", ("USD", Decimal(15_000_000), "(estimated)")),
        ("$1.2bn", ("USD", Decimal(1_200_000_000), "")),
        ("$1.234 million", ("USD", Decimal(1_234_000), "")),
        ("$1,500 million", ("USD", Decimal(1_500_000_000), "")),
        ("EUR 1,5 million", ("EUR", Decimal(1_500_000), "")),
        ("$50K", ("USD", Decimal(50_000), "")),
        ("$40 Mexico", ("USD", Decimal(40), "Mexico")),
        ("₩4,200,000,000 (estimated)", ("KRW", Decimal(4_200_000_000), "(estimated)")),
        ("CA$1,500,000", ("CAD", Decimal(1_500_000), "")),  # not read as dollars and `CA`
        ("HK$2.5 million", ("HKD", Decimal(2_500_000), "")),
        ("₹30 crore", ("INR", Decimal(300_000_000), "")),
        ("INR 45 lakh", ("INR", Decimal(4_500_000), "")),
        ("6 million DKK", ("DKK", Decimal(6_000_000), "")),  # the code after the amount
        ("6,000,000 DKK (estimated)", ("DKK", Decimal(6_000_000), "(estimated)")),
        ("5.000.000 € (estimated)", ("EUR", Decimal(5_000_000), "(estimated)")),  # symbol after
        ("2,5 Mio. €", ("EUR", Decimal(2_500_000), "")),  # German scale
        ("2 USA", None),  # a territory, not a currency
        ("lots", None),
    ],
)
def test_parse_money(value, parsed):
    assert parse_money(value) == parsed


@pytest.mark.parametrize("said", ["approx.", "approximately", "about", "an estimated"])
def test_a_dumps_figure_said_to_be_an_estimate_before_it(said):
    doc = parse_document(
        "dump.txt",
        f"A logline.\n\nRelease Year: 2011\n\nDirector: Ann Berg\n\nBudget: {said} $3,000,000\n\n"
        "Ann Lee - Irene\nBo Berg - Kai\n".encode(),
    )
    assert [(m.kind, m.amount, m.currency, m.is_estimate) for m in doc.money] == [
        ("budget", Decimal(3_000_000), "USD", True)
    ]


@pytest.mark.parametrize(
    "text, written",
    [
        ("30 August 1996 (Denmark)", date(1996, 8, 30)),
        ("30 Aug. 1996", date(1996, 8, 30)),
        ("August 30, 1996", date(1996, 8, 30)),
        ("Sept 3 2005 (Limited Release)", date(2005, 9, 3)),
        ("31 June 2001", None),  # no such day
        ("tbc (The Trilogy)", None),
        ("3 Men 1987", None),
        # As ISO writes it (it was no date).
        ("1996-08-30 (Denmark)", date(1996, 8, 30)),
        ("1996-02-30", None),
        # A comma before the year, or dashes as a form writes them (they were no date).
        ("30 August, 1996", date(1996, 8, 30)),
        ("30-Aug-1996", date(1996, 8, 30)),
    ],
)
def test_parse_written_date(text, written):
    assert parse_written_date(text) == written


def test_a_territory_written_whole_is_the_one_its_abbreviation_names():
    """`3 July 1985 (United States)` is a release in the USA, as `(USA)` is (two territories
    of one country on a film's page)."""
    doc = parse_document(
        "dump.txt",
        METADATA.replace(
            b"Release Year: 2011",
            b"Release Year: 2011\n\nRelease Date: July 3, 2011 (United States), "
            b"4 December 2011 (United Kingdom)",
        ),
    )
    assert [(r.territory, r.date) for r in doc.releases] == [
        ("USA", date(2011, 7, 3)),
        ("UK", date(2011, 12, 4)),
    ]


@pytest.mark.parametrize(
    "value, bare_number, minutes",
    [
        ("105 min", False, 105),
        ("105 mins.", False, 105),
        ("1h 45min", False, 105),
        ("1 hr 45 min (director's cut)", False, 105),
        ("2 hours", False, 120),
        ("1:45", False, 105),
        ("105", True, 105),
        ("105", False, None),  # `UK: 105` could be anything
        ("Metrodome Group", False, None),
        # As European kits write them: a minute mark, hours and minutes glued, an estimate.
        ("105'", False, 105),
        ("105’", False, 105),
        ("1h45", False, 105),
        ("approx. 105 min", False, 105),
        ("ca. 105 min", False, 105),
        ("h45", False, None),
        ("105 minutes approx.", False, 105),
        ("1:45:00", False, 105),
    ],
)
def test_parse_runtime(value, bare_number, minutes):
    assert parse_runtime(value, bare_number=bare_number) == minutes


def test_mentions_take_the_nearest_free_year():
    text = (
        "Following BLEEDER (1999), and FEAR X (2003), he returned in 2004 with ROCKY II: THE "
        "RETURN, while 2005 saw the 3rd instalment, ROCKY III: THE END."
    )
    assert [(m.title, m.year) for m in mentions_in(text, 1)] == [
        ("BLEEDER", 1999),
        ("FEAR X", 2003),
        ("ROCKY II: THE RETURN", 2004),
        ("ROCKY III: THE END", 2005),
    ]


def test_a_film_named_again_without_its_year_keeps_it_and_is_one_mention():
    """`AMORES PERROS (2000)` in one sentence, `began with AMORES PERROS` in the sentence about
    the trilogy: the one film, of the series, not another film left out for want of a year."""
    text = (
        "He burst onto the scene with AMORES PERROS (2000). 21 GRAMS is the second film in the "
        "trilogy that began with AMORES PERROS, and it concludes in 2006 with BABEL."
    )
    assert [(m.title, m.year, m.in_series) for m in mentions_in(text, 1)] == [
        ("AMORES PERROS", 2000, True),
        ("21 GRAMS", None, False),
        ("BABEL", 2006, True),
    ]


@pytest.mark.parametrize(
    "text, mentions",
    [
        (
            "They followed it in 2003 with two more: INFERNAL AFFAIRS II, a prequel, and "
            "INFERNAL AFFAIRS III, which completes the story.",
            [("INFERNAL AFFAIRS II", 2003), ("INFERNAL AFFAIRS III", 2003)],
        ),
        (
            "In 2004 came X-RAY, B-MOVIE and ZED.",
            [("X-RAY", 2004), ("B-MOVIE", 2004), ("ZED", 2004)],
        ),
        # No list: the year is the first title's only.
        (
            "In 1996 he made PUSHER, inspired by MEAN STREETS.",
            [("PUSHER", 1996), ("MEAN STREETS", None)],
        ),
        ("He made HEAT (1995) and COLLATERAL later.", [("HEAT", 1995), ("COLLATERAL", None)]),
        (
            "Raimi followed SPIDER-MAN (2002) with SPIDER-MAN 2 (2004), a PUSHER-style sequel.",
            [("SPIDER-MAN", 2002), ("SPIDER-MAN 2", 2004), ("PUSHER", None)],
        ),
    ],
)
def test_a_year_before_a_list_of_titles_is_each_ones(text, mentions):
    """`in 2003 with A, a prequel, and B`: both are of 2003; a title that only follows another
    in its sentence, or one with a year of its own, shares no year. A hyphenated title in
    capitals is one title (`SPIDER-MAN`, not `MAN`)."""
    assert [(m.title, m.year) for m in mentions_in(text, 1)] == mentions


@pytest.mark.parametrize(
    "text, mentions",
    [
        (
            "His trilogy opened with NIGHT ONE in 1999; its sequel, NIGHT TWO, followed in 2002.",
            [("NIGHT ONE", 1999), ("NIGHT TWO", 2002)],
        ),
        # The year before the next title is that one's.
        (
            "It opened with DAY ONE and continued in 2003 with DAY TWO.",
            [("DAY ONE", None), ("DAY TWO", 2003)],
        ),
        ("DAY ONE, followed in 2003 by DAY TWO.", [("DAY ONE", None), ("DAY TWO", 2003)]),
        # A year before the title is still its own.
        ("In 1996 came DAY ONE, remade in 2008.", [("DAY ONE", 1996)]),
    ],
)
def test_a_year_in_the_words_after_a_title_is_its_own(text, mentions):
    """`NIGHT ONE in 1999`, `NIGHT TWO, followed in 2002`: each title's year (the first had
    none, the second the first's)."""
    assert [(m.title, m.year) for m in mentions_in(text, 1)] == mentions


@pytest.mark.parametrize(
    "text, mentions",
    [
        (
            "It closes with THE GOOD, THE BAD AND THE UGLY (IL BUONO, IL BRUTTO, IL CATTIVO, "
            "1966).",
            [("THE GOOD, THE BAD AND THE UGLY", 1966, ("IL BUONO, IL BRUTTO, IL CATTIVO",))],
        ),
        (
            "After SEX, LIES, AND VIDEOTAPE (1989) came LOCK, STOCK AND TWO SMOKING BARRELS "
            "(1998). Rocky III (1982) was not one.",
            [
                ("SEX, LIES, AND VIDEOTAPE", 1989, ()),
                ("LOCK, STOCK AND TWO SMOKING BARRELS", 1998, ()),
                ("Rocky III", 1982, ()),
            ],
        ),
        # A list says `and` in lower case: three titles.
        (
            "In 1999 came PUSHER, BLEEDER and FEAR X.",
            [("PUSHER", 1999, ()), ("BLEEDER", 1999, ()), ("FEAR X", 1999, ())],
        ),
    ],
)
def test_a_title_in_capitals_may_hold_commas(text, mentions):
    """A comma inside a title in capitals whose words go on to an `AND` in capitals; the other
    title in the parentheses before the year is all of them, commas and all. A word opening a
    sentence (`After`) is not a title in title case that the capitals after it end."""
    found = mentions_in(text, 1)
    assert [(m.title, m.year, m.other_titles) for m in found] == mentions


def test_a_kits_synopsis_may_open_with_a_title_holding_a_comma():
    doc = parse_document(
        "kit.txt",
        b"Year: 1966\nCast: Eli Wallach\nDirector: Sergio Leone\n\n\n"
        b"THE GOOD, THE BAD AND THE UGLY tells the story of Tuco (Eli Wallach).\n",
    )
    assert doc.title == "The Good, the Bad and the Ugly"
    assert not doc.warnings


@pytest.mark.parametrize(
    "text, mentions",
    [
        (
            "He made BROTHER (BRAT, 1997) and its sequel BROTHER 2 (BRAT 2, 2000).",
            [("BROTHER", 1997), ("BROTHER 2", 2000)],
        ),
        (
            "It opened with MAD MAX (1979), then MAD MAX 2 (aka THE ROAD WARRIOR, 1981).",
            [("MAD MAX", 1979), ("MAD MAX 2", 1981)],
        ),
    ],
)
def test_a_mentions_year_after_its_other_title_in_its_parentheses(text, mentions):
    """`BROTHER (BRAT, 1997)`: the year is BROTHER's, and BRAT no film of its own but its other
    title (BROTHER 2 took that year, and was dated 1997)."""
    found = mentions_in(text, 1)
    assert [(m.title, m.year) for m in found] == mentions
    assert [m.other_titles for m in found] == (
        [("BRAT",), ("BRAT 2",)] if "BRAT" in text else [(), ("THE ROAD WARRIOR",)]
    )


def test_the_film_a_kits_film_is_the_sequel_to_is_of_its_series():
    text = "Ten years on, the sequel to THE HARBOUR (1990) finds Ida older. Unlike HEAT (1995)."
    assert [(m.title, m.in_series) for m in mentions_in(text, 1)] == [
        ("THE HARBOUR", True),
        ("HEAT", False),
    ]


def test_the_sequel_of_a_film_a_sentence_named_before_is_not_the_kits_films():
    """A cast member's career: `its sequel` is the sequel of the film named before it (THE
    EMPIRE STRIKES BACK was placed in the kit's series); alone in its sentence, the kit's."""
    text = (
        "ANN LEE first won audiences in STAR WARS (1977), a role she repeated in its sequel, "
        "THE EMPIRE STRIKES BACK (1980). Dahl then directed the sequel, THE HARBOUR II (1990)."
    )
    assert [(m.title, m.in_series) for m in mentions_in(text, 1) if m.year] == [
        ("STAR WARS", False),
        ("THE EMPIRE STRIKES BACK", False),
        ("THE HARBOUR II", True),
    ]


def test_mentions_keep_a_plurals_apostrophe_not_a_closing_quote():
    text = "He made 'HEAT' (1995), THE HORNETS' NEST (2009) and THE GIRL'S TALE (2001)."
    assert [(m.title, m.year) for m in mentions_in(text, 1)] == [
        ("HEAT", 1995),
        ("THE HORNETS' NEST", 2009),
        ("THE GIRL'S TALE", 2001),
    ]


def test_mentions_keep_the_full_stops_of_abbreviations_and_initials():
    text = (
        "His trilogy opened in 2002 with SYMPATHY FOR MR. VENGEANCE, after L.A. CONFIDENTIAL "
        "(1997). In 2003 came OLDBOY."
    )
    assert [(m.title, m.year) for m in mentions_in(text, 1)] == [
        ("SYMPATHY FOR MR. VENGEANCE", 2002),
        ("L.A. CONFIDENTIAL", 1997),
        ("OLDBOY", 2003),
    ]


def test_mentions_keep_the_numbers_titles_open_with():
    text = (
        "He made 21 GRAMS (2003), then 2046 (2004), 2001: A SPACE ODYSSEY (1968) and "
        "in 1957 with 12 ANGRY MEN. In 2004 BABEL was planned, and three films in 2009: "
        "THE GIRL (2009), BLUE (2009)."
    )
    assert [(m.title, m.year) for m in mentions_in(text, 1)] == [
        ("21 GRAMS", 2003),
        ("2046", 2004),
        ("2001: A SPACE ODYSSEY", 1968),
        ("12 ANGRY MEN", 1957),
        ("BABEL", 2004),  # a year before a title is not a part of it
        ("THE GIRL", 2009),
        ("BLUE", 2009),
    ]


def test_a_kit_synopsis_names_a_character_with_a_title():
    doc = press_kit.parse(
        "Year: 2005\nDirector: Ann Lee\n\n\nTHE LESSON tells the story of a teacher, Mr. Baek "
        "(Choi Min-sik), and Dr. Ida Holm (Bo Lind).\n"
    )
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [
        ("Choi Min-sik", "Mr. Baek"),
        ("Bo Lind", "Dr. Ida Holm"),
    ]


def test_markup_repair_escapes_what_is_text():
    repair = MarkupRepair()
    assert repair("<a>Tom & Jerry &amp; 3 < 4 &#x107;</a>") == (
        "<a>Tom &amp; Jerry &amp; 3 &lt; 4 &#x107;</a>",
        True,
    )
    assert repair("<title>Heat</title>") == ("<title>Heat</title>", False)


@pytest.mark.parametrize(
    "written, read, warned",
    [
        # Crawled from HTML: named entities XML does not define are read as their characters.
        ("Caf&eacute; scene&nbsp;rules &mdash; 9/10", "Café scene rules — 9/10", True),
        ("A &bogus; entity and AT&T", "A &bogus; entity and AT&T", True),
        ("Tom &amp; Jerry &lt;3 &#233;", "Tom & Jerry <3 é", False),
        # A `<` that opens no tag of the document is text, whatever follows it.
        ("if a<b then the film<is> great", "if a<b then the film<is> great", True),
        ("<b>Bold</b> and plain", "Bold and plain", False),
        # HTML's line and paragraph breaks are paragraph breaks.
        ("One line<br>another<BR/>a third<br />", "One line\n\nanother\n\na third", False),
        ("<p>First</p><p class='x'>Second</p>", "First\n\nSecond", False),
        # A CDATA section is text as it stands: nothing in it is repaired.
        (
            "<![CDATA[Pusher & Bleeder, a < b, &eacute;]]>",
            "Pusher & Bleeder, a < b, &eacute;",
            False,
        ),
    ],
)
def test_review_xml_reads_text_a_crawler_left_unescaped(written, read, warned):
    doc = parse_document("crawled.xml", review_xml(written).encode())
    assert [r.body for r in doc.reviews] == [read]
    assert any(w.code == "xml_repaired" and w.line == 10 for w in doc.warnings) == warned


@pytest.mark.parametrize(
    "written, read",
    [
        ("2005-04-12", date(2005, 4, 12)),
        ("12 April 2005", date(2005, 4, 12)),
        ("2005-04-12T22:31:00Z", date(2005, 4, 12)),  # a crawler's time stamp: its day
        ("2005-04-12 22:31", date(2005, 4, 12)),
        ("2005-13-12", None),
        ("soon", None),
        ("25/12/2004", date(2004, 12, 25)),  # numbers: the one order that gives a date
        ("12/25/2004", date(2004, 12, 25)),
        ("05.06.2004", None),  # May or June: left out, with a warning
        ("2004/12/25", date(2004, 12, 25)),  # a year first: then the month, as ISO's
        ("2004.06.05", date(2004, 6, 5)),
        ("2004/13/05", None),
        ("2001-3-5", date(2001, 3, 5)),  # ISO's order, its numbers not padded
        ("2001-3/5", None),
    ],
)
def test_review_xml_dates(written, read):
    doc = parse_document("dated.xml", review_xml("fine", when=written).encode())
    assert doc.reviews[0].date == read
    assert any(w.code == "bad_date" for w in doc.warnings) == (read is None)


@pytest.mark.parametrize(
    "written, rating, warned",
    [
        ("0.74", Decimal("7.4"), False),
        ("1.0", Decimal("10.0"), False),
        ("-1.0", None, False),  # no rating
        ("8", Decimal("8.0"), True),  # another crawler's scale: out of 10, with a warning
        ("7/10", Decimal("7.0"), False),
        ("4/5", Decimal("8.0"), False),
        ("85/100", Decimal("8.5"), False),
        ("12", None, True),
        ("great", None, True),
        ("0,7", Decimal("7.0"), False),  # a decimal comma
        ("NaN", None, True),  # failed the whole file
        ("Infinity", None, True),
        ("1e0", None, True),
    ],
)
def test_review_xml_scores_on_other_scales(written, rating, warned):
    doc = parse_document("scored.xml", review_xml("fine", score=written).encode())
    assert doc.reviews[0].rating == rating
    assert bool(doc.warnings) == warned


def test_review_xml_general_score_out_of_ten_is_the_imdb_rating():
    xml = review_xml("fine").replace("<year>", "<generalScore>8.3</generalScore><year>")
    doc = parse_document("scored.xml", xml.encode())
    assert doc.imdb_rating == Decimal("8.3")
    assert [w.code for w in doc.warnings] == ["score_scale"]


def test_review_xml_cdata_may_span_lines():
    doc = parse_document(
        "cdata.xml", review_xml("<![CDATA[One & two.\n\nThree < four.]]>").encode()
    )
    assert doc.reviews[0].body == "One & two.\n\nThree < four."
    assert not any(w.code == "xml_repaired" for w in doc.warnings)


METADATA = b"""A loner drives at night.

Release Year: 2011

Director: Sam Smith

Stars: Ann Lee, Bo Berg

Ann Lee - Irene
Bo Berg - Driver (as B. Berg)
Cy Dahl - Driver

Taglines: Drive.

Continuity: The car changes colour.

Irene: Hi.
Driver: Hello.

A title for the review

First paragraph.

Second paragraph.
"""


FULL_CREDITS_DUMP = """Heat (1995)

A thief and a detective.

Directed by
Michael Mann

Writing Credits
Michael Mann ... (written by) and
Chuck Adamson ... (story)

Cast (in credits order)
Al Pacino ... Lt. Vincent Hanna
Robert De Niro ... Neil McCauley
rest of cast listed alphabetically:
Danny Trejo ... Trejo

Produced by
Art Linson ... producer
Pieter Jan Brugge ... co-producer

Runtime: 170 min
"""


def test_a_dump_copied_from_a_full_credits_page():
    """IMDb's full credits page: headings without a colon over their lists (`Directed by`,
    `Cast (in credits order)`), each maker with the work done after dots; the page's note on
    its cast list is no actor (it was read as one, and the dump as no format at all); a maker's
    line ends with `and` before the next one's (it was read as one name)."""
    doc = parse_document("heat.txt", FULL_CREDITS_DUMP.encode())
    assert (doc.title, doc.year, doc.logline) == ("Heat", 1995, "A thief and a detective.")
    assert [(c.name, c.role, c.character or c.note, c.billing_order) for c in doc.credits] == [
        ("Michael Mann", "director", "", None),
        ("Michael Mann", "writer", "written by", None),
        ("Chuck Adamson", "writer", "story", None),
        ("Al Pacino", "cast", "Lt. Vincent Hanna", 1),
        ("Robert De Niro", "cast", "Neil McCauley", 2),
        ("Danny Trejo", "cast", "Trejo", 3),
        ("Art Linson", "producer", "", None),  # `... producer`: the role, no note
        ("Pieter Jan Brugge", "producer", "co-producer", None),
    ]
    assert [(w.line, w.code) for w in doc.warnings] == [(15, "unplaced_line")]


@pytest.mark.parametrize(
    "title",
    [
        "Original music",
        "Music",
        "Editing",
        "Directed by",
        "Director: the one who matters here is Ida",
        "Stars: two of them, and both shine",
    ],
)
def test_a_dumps_review_titled_like_a_crew_heading_is_a_review(title):
    """A review's title that names a craft (`Original music`) is no heading of a full credits
    page over its first line (the review lost its title and made a composer of its words);
    `Directed by` over a sentence is none either; nor, after the cast, a field of names with
    words of prose (`Director: the one who …` made a director of them)."""
    dump = METADATA.replace(b"A title for the review", title.encode())
    doc = parse_document("dump.txt", dump)
    assert [r.title for r in doc.reviews] == [title]
    crew = [(c.name, c.role) for c in doc.credits if c.role != "cast"]
    assert crew == [("Sam Smith", "director")]


def test_a_dump_with_imdbs_cast_overview_and_its_boards_rating():
    """`Cast overview, first billed only:` over lines of actor and part parted by tabs and
    dots is the cast (it was taken for the plot); `Motion Picture Rating (MPAA): Rated R for
    violence` is the American certificate (it was trivia)."""
    text = (
        "Heat (1995)\n\nA thief.\n\nDirector: Michael Mann\n\n"
        "Cast overview, first billed only:\nAl Pacino\t...\tVincent Hanna\n"
        "Robert De Niro\t...\tNeil McCauley\n\n"
        "Motion Picture Rating (MPAA): Rated R for strong violence\n\nBBFC rating: 15\n"
    )
    doc = parse_document("heat.txt", text.encode())
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [
        ("Al Pacino", "Vincent Hanna"),
        ("Robert De Niro", "Neil McCauley"),
    ]
    assert not doc.plot and not doc.notes and not doc.warnings
    assert [(c.territory, c.rating, c.reason) for c in doc.certificates] == [
        ("USA", "R", "for strong violence"),
        ("UK", "15", ""),
    ]


@pytest.mark.parametrize("key", ["Voice Cast", "Voices"])
def test_an_animated_films_voice_cast_in_a_kit_and_a_dump(key):
    """`Voice Cast:` lists an animated film's cast (it was kept as a warning, its names lost
    to the film)."""
    kit = parse_document("kit.txt", KIT.replace(b"Cast:", f"{key}:".encode()))
    assert [c.name for c in kit.credits if c.billing_order] == ["Ann Lee", "Bo Berg", "Cy Dahl"]
    assert not [w for w in kit.warnings if w.code == "unknown_field"]
    dump = METADATA.replace(b"Stars: Ann Lee, Bo Berg", f"{key}: Ann Lee, Bo Berg".encode())
    doc = parse_document("dump.txt", dump)
    assert not [w for w in doc.warnings if w.code == "unknown_field"]
    assert [c.name for c in doc.credits if c.role == "cast"][:2] == ["Ann Lee", "Bo Berg"]


def test_a_kits_billing_without_colons_and_its_crew_of_photography_music_and_editing():
    """`Starring Kim Lee, Bo Berg and Cy Dahl` and `Written and directed by Ann Berg` on lines
    of their own are the kit's cast and makers (the kit was no format at all); `Director of
    Photography:`, `Music:`, `Editor:` are credits (they were warnings). A sentence that opens
    so is prose."""
    kit = (
        "NIGHT FERRY\n\nStarring Kim Lee, Bo Berg and Cy Dahl\n\nYear: 2010\n"
        "Written and directed by Ann Berg\nProduced by Ida Holm\n"
        "Director of Photography: Ole Sand\nMusic: Per Vind\nEditor: Lis Krog\n\n\n"
        "SYNOPSIS\n\nNIGHT FERRY tells the story of Anna (Kim Lee).\n"
        "Directed by Ann Berg with care, it is a quiet film.\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    assert (doc.format, doc.title, doc.year) == ("press_kit", "Night Ferry", 2010)
    assert [(c.name, c.role, c.billing_order) for c in doc.credits if c.role != "cast"] == [
        ("Ann Berg", "director", None),
        ("Ann Berg", "writer", None),
        ("Ida Holm", "producer", None),
        ("Ole Sand", "cinematographer", None),
        ("Per Vind", "composer", None),
        ("Lis Krog", "editor", None),
    ]
    assert [c.name for c in doc.credits if c.billing_order] == ["Kim Lee", "Bo Berg", "Cy Dahl"]
    assert doc.synopsis.endswith("Directed by Ann Berg with care, it is a quiet film.")
    assert not doc.warnings


def test_a_dumps_cast_with_its_parts_in_parentheses():
    """`Ann Lee (Irene)` one a line, as a kit lists a cast: the cast, each note read as a note
    (the block was taken for trivia)."""
    dump = METADATA.replace(
        b"Ann Lee - Irene\nBo Berg - Driver (as B. Berg)\nCy Dahl - Driver",
        b"Ann Lee (Irene)\nBo Berg (Driver) (as B. Berg)\nCy Dahl (uncredited)",
    )
    doc = parse_document("dump.txt", dump)
    assert [
        (c.name, c.character, c.credited_as, c.note, c.billing_order)
        for c in doc.credits
        if c.role == "cast" and c.billing_order
    ] == [
        ("Ann Lee", "Irene", "", "", 1),
        ("Bo Berg", "Driver", "B. Berg", "", 2),
        ("Cy Dahl", "", "", "uncredited", 3),
    ]
    assert not [n for n in doc.notes if n.kind == "trivia"]


def test_a_dump_written_and_directed_by_one_person():
    doc = parse_document(
        "dump.txt", METADATA.replace(b"Director: Sam Smith", b"Written and directed by: Sam Smith")
    )
    assert [(c.name, c.role) for c in doc.credits if c.role != "cast"] == [
        ("Sam Smith", "director"),
        ("Sam Smith", "writer"),
    ]


@pytest.mark.parametrize("key", ["Producer", "Producers", "Produced by"])
def test_a_dumps_producers(key):
    """A dump's producers are credits of the film (the key failed the whole file)."""
    doc = parse_document(
        "dump.txt", METADATA.replace(b"Director: Sam Smith", f"{key}: Ann Lee, Bo Berg".encode())
    )
    assert [(c.name, c.role) for c in doc.credits if c.role != "cast"] == [
        ("Ann Lee", "producer"),
        ("Bo Berg", "producer"),
    ]


@pytest.mark.parametrize("separator", [" as ", "\t", "\t\t", " ... ", " ..... ", "     ", "  "])
def test_a_dumps_cast_block_written_otherwise(separator):
    """`Ann Lee as Irene`, or a web page's table copied (`Ann Lee<TAB>Irene`, its tabs spaces
    maybe): the cast block was trivia, and the quotes, their speakers unknown, the review."""
    cast = b"Ann Lee - Irene\nBo Berg - Driver (as B. Berg)\nCy Dahl - Driver"
    written = METADATA.replace(cast, cast.replace(b" - ", separator.encode()))
    original, other = parse_document("dump.txt", METADATA), parse_document("dump.txt", written)

    def facts(doc):
        return (
            [(c.name, c.role, c.character, c.credited_as, c.line) for c in doc.credits],
            doc.quotes,
            [(n.kind, n.text) for n in doc.notes],
            [(r.title, r.body) for r in doc.reviews],
        )

    assert facts(other) == facts(original)


@pytest.mark.parametrize(
    "heading", ["Cast (in credits order):", "Cast (complete, awaiting verification):"]
)
def test_a_dumps_cast_under_a_heading_with_a_note(heading):
    """`Cast (in credits order):` over the cast lines, in their block: a cast, not a plot (and
    the quotes, whose speakers it names, stay quotes)."""
    cast = b"Ann Lee - Irene\nBo Berg - Driver (as B. Berg)\nCy Dahl - Driver"
    written = METADATA.replace(cast, heading.encode() + b"\n" + cast)
    original, other = parse_document("dump.txt", METADATA), parse_document("dump.txt", written)
    assert [(c.name, c.character, c.credited_as) for c in other.credits] == [
        (c.name, c.character, c.credited_as) for c in original.credits
    ]
    assert ([q.lines for q in other.quotes], other.plot, len(other.reviews)) == (
        [q.lines for q in original.quotes],
        original.plot,
        len(original.reviews),
    )


@pytest.mark.parametrize(
    "value, certificates",
    [
        ("Approved (USA)", [("USA", "Approved", "")]),
        ("15 (UK)", [("UK", "15", "")]),
        ("UK:18 / USA:R", [("UK", "18", ""), ("USA", "R", "")]),
        ("18 for violence", [("", "18", "for violence")]),
        # Each rating with its territory, and the reason after one (it was one certificate).
        (
            "12A (UK), PG-13 (USA) for violence, drugs",
            [("UK", "12A", ""), ("USA", "PG-13", "for violence, drugs")],
        ),
        ("15 (UK) for violence, drugs", [("UK", "15", "for violence, drugs")]),
    ],
)
def test_a_dumps_certificate_with_its_territory_after_it(value, certificates):
    doc = parse_document(
        "dump.txt",
        METADATA.replace(
            b"Release Year: 2011", b"Release Year: 2011\n\nCertificate: " + value.encode()
        ),
    )
    assert [(c.territory, c.rating, c.reason) for c in doc.certificates] == certificates


WEB_PAGE_DUMP = """Shane (1953)

A weary gunfighter attempts to settle down with a homestead family.

Director: George Stevens
Stars: Alan Ladd, Jean Arthur, Van Heflin
Runtime: 118 min (USA) | 115 min (UK) | 120 min (director's cut)
Release Date: 23 April 1953 (USA), August 14, 1953 (UK)

Storyline
A mysterious stranger rides into a Wyoming valley and takes work on a farm.

Top cast
Alan Ladd\tShane
Jean Arthur\tMarian Starrett
"""


def test_a_dump_headed_by_its_title_and_year_with_no_release_year():
    """A dump copied from a web page: `Shane (1953)` over it, no `Release Year:`, its cast in a
    table (tabs): a dump, with its title, year and logline; a field listing values by
    territory gives each."""
    doc = parse_document("dump.txt", WEB_PAGE_DUMP.encode())
    assert (doc.format, doc.title, doc.year, doc.title_line) == ("metadata_dump", "Shane", 1953, 1)
    assert doc.logline == "A weary gunfighter attempts to settle down with a homestead family."
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [
        ("Alan Ladd", "Shane"),
        ("Jean Arthur", "Marian Starrett"),
        ("Van Heflin", ""),  # starred, not in the table
    ]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [
        ("USA", 118),
        ("UK", 115),
        ("", 120),
    ]
    assert [(r.territory, r.date) for r in doc.releases] == [
        ("USA", date(1953, 4, 23)),
        ("UK", date(1953, 8, 14)),
    ]
    assert doc.warnings == []


def test_a_dumps_quote_with_a_direction_to_the_actor():
    """`Frank (to himself): One more run.` is a quote, its direction written as a page writes
    one; it was the title of the review under it."""
    doc = parse_document(
        "dump.txt",
        b"A logline.\n\nRelease Year: 1996\n\nKim Lund - Frank\nAnn Holm - Vic\n\n"
        b"Frank (to himself): One more run.\nVic: Go, then.\n\nA title\n\nThe review.\n",
    )
    assert [q.lines for q in doc.quotes] == [
        (("Frank", "[to himself] One more run."), ("Vic", "Go, then."))
    ]
    assert [(r.title, r.body) for r in doc.reviews] == [("A title", "The review.")]


def test_a_dumps_review_with_a_rating_in_its_text():
    doc = parse_document("dump.txt", METADATA.replace(b"Second paragraph.", b"I give it 7/10."))
    [review] = doc.reviews
    assert (review.rating, review.rating_source) == (Decimal(7), "text")


def test_a_dumps_lists_under_their_headings_lose_their_bullets():
    doc = parse_document(
        "dump.txt",
        "A logline.\n\nRelease Year: 1960\n\nDan Holm - The Drifter\nEva Strand - Mary\n\n"
        "Trivia:\n• The farm was a real farm.\n* Shot in eleven days.\n\n"
        "Goofs:\n- The hat changes colour.\n\nQuotes:\n– Mary: Then stay a little.\n".encode(),
    )
    assert [(n.kind, n.text) for n in doc.notes] == [
        ("trivia", "The farm was a real farm."),
        ("trivia", "Shot in eleven days."),
        ("goof", "The hat changes colour."),
    ]
    assert [q.lines for q in doc.quotes] == [(("Mary", "Then stay a little."),)]


def test_a_dumps_review_copied_with_a_pages_head():
    """The review under a dump copied from a review page with its rating, title, author and
    date, and its votes: each read as a page's, not glued into its text."""
    review = b"A title for the review\n\nFirst paragraph.\n\nSecond paragraph.\n"
    copied = METADATA.replace(
        review,
        b"8/10\nA title for the review\nann_k3 May 2004\n\nFirst paragraph.\n\n"
        b"Second paragraph.\n\n14 out of 17 found this helpful.\n",
    )
    [plain] = parse_document("dump.txt", METADATA).reviews
    [read] = parse_document("dump.txt", copied).reviews
    assert (read.title, read.body) == (plain.title, plain.body)
    assert (read.username, read.date, read.rating, read.helpful_yes, read.helpful_total) == (
        "ann_k",
        date(2004, 5, 3),
        Decimal("8"),
        14,
        17,
    )


def test_metadata_dump_parses_every_block():
    doc = parse_document("dump.txt", METADATA)
    assert doc.format == "metadata_dump" and doc.year == 2011 and not doc.title
    assert doc.logline == "A loner drives at night."
    cast = [
        (c.name, c.character, c.credited_as, c.top_billed) for c in doc.credits if c.role == "cast"
    ]
    assert cast == [
        ("Ann Lee", "Irene", "", True),
        ("Bo Berg", "Driver", "B. Berg", True),
        ("Cy Dahl", "Driver", "", False),
    ]
    assert [(n.kind, n.detail) for n in doc.notes] == [("tagline", ""), ("goof", "Continuity")]
    assert doc.quotes[0].lines == (("Irene", "Hi."), ("Driver", "Hello."))
    review = doc.reviews[0]
    assert review.title == "A title for the review"
    assert review.body == "First paragraph.\n\nSecond paragraph."


def test_metadata_dump_fields_it_has_no_place_for_are_warned_about_not_made_trivia():
    fields = b"Taglines: Drive.\n\nFilm Length: 2,700 m\n\nCertificate: UK:18 / USA:R\n\n"
    fields += b"Note: it was shot in order.\n\nRuntime: 1h 40min"
    doc = parse_document("dump.txt", METADATA.replace(b"Taglines: Drive.", fields))
    assert [(c.territory, c.rating) for c in doc.certificates] == [("UK", "18"), ("USA", "R")]
    assert [n.text for n in doc.notes if n.kind == "trivia"] == ["Note: it was shot in order."]
    assert [w.message for w in doc.warnings if w.code == "unknown_field"] == [
        "field 'Film Length' was not understood: '2,700 m'"
    ]
    assert doc.reviews[0].title == "A title for the review"


@pytest.mark.parametrize(
    "last, trivia",
    [
        ("The film was shot over two and a half years.", True),
        # In the viewer's voice, or more than a fact's length: the review, with no title.
        ("I saw it twice in one week and was moved both times.", False),
        ("It is slow. " * 30, False),
    ],
)
def test_metadata_dump_closing_with_one_sentence_after_its_cast(last, trivia):
    """A dump whose last block, after its cast, is one sentence of a fact: trivia, not a
    review without a title (nor an author, a date, a rating)."""
    dump = b"A loner drives at night.\n\nRelease Year: 2011\n\nDirector: Sam Smith\n\n"
    dump += b"Ann Lee - Irene\nBo Berg - Driver\n\n" + last.strip().encode()
    doc = parse_document("dump.txt", dump)
    assert [n.text for n in doc.notes if n.kind == "trivia"] == ([last.strip()] if trivia else [])
    assert [r.body for r in doc.reviews] == ([] if trivia else [last.strip()])


def test_who_made_a_film_and_how_it_was_shot_from_a_dump_and_a_kit():
    """`Production companies:`, `Sound Mix:`, `Color:`, `Aspect Ratio:` are facts of the film
    (they were warnings: fields not understood); IMDb's list of several, `Mono | DTS`, as a
    sentence lists them (the page showed its pipes)."""
    made = (
        b"Production companies: Balboa Films, Nordisk\n\nSound Mix: Mono |  DTS |\n\n"
        b"Color: Black and White\n\nAspect Ratio: 1.37 : 1\n\nTaglines: Drive."
    )
    dump = parse_document("dump.txt", METADATA.replace(b"Taglines: Drive.", made))
    kit = parse_document(
        "kit.txt",
        b"Year: 1955\nCast: Ann Lee\nDirector: Cy Dahl\nStudio: Balboa Films\n"
        b"Format: 35mm / 1:2.35 / Dolby Digital\n",
    )
    assert [
        (n.kind, n.text, n.detail) for n in dump.notes if n.kind in ("company", "technical")
    ] == [
        ("company", "Balboa Films", ""),
        ("company", "Nordisk", ""),
        ("technical", "Mono, DTS", "Sound mix"),
        ("technical", "Black and White", "Colour"),
        ("technical", "1.37 : 1", "Aspect ratio"),
    ]
    assert [(n.kind, n.text, n.detail) for n in kit.notes] == [
        ("company", "Balboa Films", ""),
        ("technical", "35mm / 1:2.35 / Dolby Digital", "Format"),
    ]
    assert not [w for w in dump.warnings + kit.warnings if w.code == "unknown_field"]


def test_metadata_dump_keys_written_in_lower_case():
    """`release year: 2011`, `director: Sam Smith`: fields (they were the plot, and the plot
    trivia); a line in lower case whose key is none the dump knows stays what it was."""
    lower = METADATA.replace(b"Release Year:", b"release year:").replace(b"Director:", b"director:")
    doc = parse_document("dump.txt", lower)
    plain = parse_document("dump.txt", METADATA)
    assert (doc.year, doc.plot, doc.notes) == (plain.year, plain.plot, plain.notes)
    assert [c.name for c in doc.credits if c.role == "director"] == ["Sam Smith"]
    assert not doc.warnings
    from reviews.importers.common import key_capitalised
    from reviews.importers.metadata_dump import _known_key

    assert key_capitalised("frank: get out.", _known_key) == "frank: get out."


def test_press_kit_keys_written_in_lower_case():
    """`year: 2003`, `cast: …`, `uk certificate: 15`: fields (the year was taken from a release,
    the cast kept aside); a territory written in lower case is in capitals."""
    lower = (
        KIT.replace(b"Year:", b"year:")
        .replace(b"Cast:", b"cast:")
        .replace(b"Director:", b"director:")
        .replace(b"UK Certificate:", b"uk certificate:")
    )
    plain, doc = parse_document("kit.txt", KIT), parse_document("kit.txt", lower)
    assert (doc.format, doc.year, doc.title) == ("press_kit", plain.year, plain.title)
    assert doc.credits == plain.credits and doc.certificates == plain.certificates
    assert ("UK", "15", "for strong language") in [
        (c.territory, c.rating, c.reason) for c in doc.certificates
    ]


def test_metadata_dump_headed_by_its_title_alone_over_the_logline():
    """`Pather Panchali` on a line of its own over the logline is the title (it was taken for
    the logline, and the logline for the plot); a logline alone is still the logline."""
    doc = parse_document("dump.txt", b"Little Road\n\n" + METADATA)
    assert (doc.title, doc.title_line) == ("Little Road", 1)
    assert doc.logline == METADATA.decode().split("\n", 1)[0]
    assert not doc.plot.startswith(doc.logline)
    plain = parse_document("dump.txt", METADATA)
    assert not plain.title and plain.logline == doc.logline
    colon = parse_document("dump.txt", b"Little Road: Part 2\n\n" + METADATA)
    assert colon.title == "Little Road: Part 2" and colon.logline == doc.logline
    assert not colon.warnings  # no field `Little Road` not understood


@pytest.mark.parametrize("separator", [" ... ", " – ", " … "])
def test_metadata_dump_cast_parted_by_dots_or_another_dash(separator):
    dump = METADATA.replace(b" - ", separator.encode())
    assert detect_format(dump.decode()) == "metadata_dump"
    doc = parse_document("dump.txt", dump)
    cast = [(c.name, c.character, c.credited_as) for c in doc.credits if c.role == "cast"]
    assert cast == [
        ("Ann Lee", "Irene", ""),
        ("Bo Berg", "Driver", "B. Berg"),
        ("Cy Dahl", "Driver", ""),
    ]
    assert not doc.plot


HEADED_DUMP = b"""A loner drives at night.

Release Year: 2011

Directors:
Sam Smith
Tom Ray

Writers:

Hossein Amini

Full Cast:

Ann Lee - Irene
Bo Berg - Driver
Cy Dahl

Storyline:
A driver helps a neighbour
and pays for it.

Taglines:
Drive.
Heroes are made.

Goofs:
Continuity: The car changes colour.
A boom is visible in one shot.

Quotes:
Irene: Hi.
Driver: Hello.
It is late.

Trivia:

The car was rebuilt three times.

Budget:

User Review:
A title for the review

First paragraph.

Second paragraph.
"""


DUMP_HEAD = (
    "A bowler's rug is ruined.\n\nRelease Year: 1998\n\nDirector: Joel Coen\n\n"
    "Jeff Bridges - The Dude\nJohn Goodman - Walter Sobchak\n\n"
)


@pytest.mark.parametrize(
    "review, title, body",
    [
        (  # a heading without its colon, the title and the text under it in one block
            "User Review\nThe rug really tied the room together\n"
            "Nothing happens and everything happens. Bridges is the Dude.\n\nSecond one.\n",
            "The rug really tied the room together",
            "Nothing happens and everything happens. Bridges is the Dude.\n\nSecond one.",
        ),
        (  # the title over its text with no blank line between them
            "Abides\nThe Dude is the calmest man in any film I know of.\n",
            "Abides",
            "The Dude is the calmest man in any film I know of.",
        ),
        (  # a short title over a short first paragraph (it was the paragraph's first words)
            "Best comedy of the decade\nI laughed until I cried.\n\nThen I saw it again.\n",
            "Best comedy of the decade",
            "I laughed until I cried.\n\nThen I saw it again.",
        ),
        (  # a paragraph written over several lines: no title in it
            "Nothing happens and everything happens, and Bridges is\n"
            "The Dude from the first shot to the last, a man who\n"
            "abides.\n",
            "",
            "Nothing happens and everything happens, and Bridges is The Dude from the first "
            "shot to the last, a man who abides.",
        ),
        (  # a block of its own, `User Review` is the review's title
            "User Review\n\nNothing happens and everything happens.\n",
            "User Review",
            "Nothing happens and everything happens.",
        ),
    ],
)
def test_a_dumps_review_title_over_its_text_in_one_block(review, title, body):
    doc = parse_document("dump.txt", (DUMP_HEAD + review).encode())
    [found] = doc.reviews
    assert (found.title, found.body) == (title, body)


def test_a_fact_before_a_review_titled_over_its_text_is_trivia():
    """A sentence of fact alone before a review whose title is over its text, in one block, is
    trivia (it was the review's title, and the review's title its first words)."""
    doc = parse_document(
        "dump.txt",
        (
            DUMP_HEAD + "The most watched film of its decade.\n\n"
            "Jussi liked it\nAn old film that still holds up.\n"
        ).encode(),
    )
    assert [(n.kind, n.text) for n in doc.notes] == [
        ("trivia", "The most watched film of its decade.")
    ]
    [review] = doc.reviews
    assert (review.title, review.body) == ("Jussi liked it", "An old film that still holds up.")


def test_a_list_that_goes_on_over_the_next_lines():
    """A kit's or a dump's list wrapped by a copy: after a comma, or on indented lines, the list
    goes on; a line that does neither stays apart, with a warning, and is no review."""
    kit = parse_document(
        "kit.txt",
        b"Year: 1996\nCast: Frances McDormand, William H. Macy,\n      Steve Buscemi, Peter\n"
        b"      Stormare\nDirector: Joel Coen\n\n\n"
        b"FARGO tells the story of Marge Gunderson (Frances McDormand).\n",
    )
    assert [c.name for c in kit.credits if c.role == "cast" and c.line == 2] == [
        "Frances McDormand",
        "William H. Macy",
        "Steve Buscemi",
        "Peter Stormare",
    ]
    assert not kit.warnings
    dump = parse_document(
        "dump.txt",
        (
            DUMP_HEAD + "Writers: Ethan Coen,\nJoel Coen\n\nStars: Jeff Bridges\nJohn Goodman\n"
        ).encode(),
    )
    assert [c.name for c in dump.credits if c.role == "writer"] == ["Ethan Coen", "Joel Coen"]
    assert [(w.line, w.code) for w in dump.warnings] == [(14, "unplaced_line")]
    assert "John Goodman" in dump.warnings[0].message and not dump.reviews


def test_a_kit_of_cast_and_crew_columns_under_their_headings_with_no_synopsis_heading():
    """`CAST` and `CREW` over their columns in the same block, no `SYNOPSIS` heading: a kit,
    whose synopsis tells the story of its film; `Joel & Ethan Coen` are two writers."""
    text = (
        "Year: 1996\nCountry: USA\n\nCAST\nFrances McDormand      Marge Gunderson\n"
        "William H. Macy        Jerry Lundegaard\n\nCREW\nDirected by            Joel Coen\n"
        "Written by             Joel & Ethan Coen\n\n\n"
        "FARGO tells the story of Marge Gunderson (Frances McDormand), a police chief.\n"
    )
    assert detect_format(text) == "press_kit"
    doc = parse_document("kit.txt", text.encode())
    assert doc.title == "Fargo"
    assert [(c.name, c.role, c.character) for c in doc.credits if c.line != 13] == [
        ("Frances McDormand", "cast", "Marge Gunderson"),
        ("William H. Macy", "cast", "Jerry Lundegaard"),
        ("Joel Coen", "director", ""),
        ("Joel Coen", "writer", ""),
        ("Ethan Coen", "writer", ""),
    ]
    assert not doc.warnings


@pytest.mark.parametrize("made", ["Denmark, 2012", "2012, Denmark"])
def test_a_festival_kit_gives_its_country_and_year_on_a_line_of_their_own(made):
    """No `Year:` field: `Denmark, 2012` under the title and its original, over the fields."""
    text = (
        "THE HUNT\n(JAGTEN)\n\nA film by Tom Vint\n\n"
        f"{made}\nRunning time: 115 minutes\nCertificate: 15 (UK)\n\n"
        "Starring: Ann Lee, Bo Berg\n\nSYNOPSIS\n\n"
        "Lucas (Ann Lee) is a teacher whose life is shattered by a lie.\n"
    )
    assert detect_format(text) == "press_kit"
    doc = parse_document("kit.txt", text.encode())
    assert (doc.title, doc.year) == ("The Hunt", 2012)
    assert [(t.title, t.kind) for t in doc.other_titles] == [("Jagten", "original")]
    assert [(n.kind, n.text) for n in doc.notes] == [("country", "Denmark")]
    assert [(c.name, c.role, c.character) for c in doc.credits if c.character] == [
        ("Ann Lee", "cast", "Lucas")
    ]
    assert not doc.warnings


def test_a_kit_of_columns_with_no_year_field_dates_its_film_by_its_first_release():
    """No `Year:`: the film's year is its release's (`Release Date: March 8, 1996`); names in
    capitals in the columns are written as names (`FRANCES McDORMAND`); `Rated R for …` is the
    film's American certificate."""
    text = (
        "GRAMERCY PICTURES\npresents\n\nFARGO\n\n"
        "Running Time: 98 minutes\nRated R for strong violence\nRelease Date: March 8, 1996\n\n"
        "SYNOPSIS\n\nFARGO tells the story of Jerry Lundegaard (William H. Macy), a car "
        "salesman.\n\nCAST\nMarge Gunderson ........ FRANCES McDORMAND\n"
        "Jerry Lundegaard ....... WILLIAM H. MACY\n\nFILMMAKERS\n"
        "Directed by ............ JOEL COEN\nWritten by ............. JOEL COEN & ETHAN COEN\n"
    )
    assert detect_format(text) == "press_kit"
    doc = parse_document("kit.txt", text.encode())
    assert (doc.title, doc.year) == ("Fargo", 1996)
    assert [(c.territory, c.rating, c.reason) for c in doc.certificates] == [
        ("USA", "R", "for strong violence")
    ]
    assert sorted({(c.name, c.role) for c in doc.credits}) == [
        ("Ethan Coen", "writer"),
        ("Frances McDormand", "cast"),
        ("Joel Coen", "director"),
        ("Joel Coen", "writer"),
        ("William H. Macy", "cast"),
    ]


def test_a_kits_fields_listing_values_by_territory():
    doc = press_kit.parse(
        "Year: 1996\nRunning time: 105 mins (UK) / 109 mins (USA)\n"
        "Release Date: 30 August 1996 (Denmark), 2 May 1997 (UK)\n"
        "UK DVD Release Date: tbc (The Night Trilogy)\n"
    )
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("UK", 105), ("USA", 109)]
    assert [(r.territory, r.medium, r.date, r.note) for r in doc.releases] == [
        ("Denmark", "theatrical", date(1996, 8, 30), ""),
        ("UK", "theatrical", date(1997, 5, 2), ""),
        ("UK", "dvd", None, "The Night Trilogy"),
    ]


def test_a_kits_territories_written_as_adjectives():
    """`Australian Release` is the release in Australia: the same territory as a dump's
    `Release date: August 13, 1981 (Australia)`, so that the two are one release."""
    doc = press_kit.parse(
        "Year: 1981\nAustralian Release: 13 August 1981\nBritish DVD Release Date: 4 May 2004\n"
        "American Distributor: Paramount Pictures\nDanish: 110 mins\n"
    )
    assert [(r.territory, r.medium, r.date) for r in doc.releases] == [
        ("Australia", "theatrical", date(1981, 8, 13)),
        ("UK", "dvd", date(2004, 5, 4)),
    ]
    assert [(d.territory, d.company) for d in doc.distributors] == [("USA", "Paramount Pictures")]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("Denmark", 110)]


def test_a_kits_distributor_with_its_territory_after_it():
    text = (
        "Year: 1998\nCast: Jeff Bridges, John Goodman\nDirector: Joel Coen\n"
        "Release Date: 24 April 1998 (UK)\nDistributor: Gramercy Pictures (USA)\n"
        "Distributor: Working Title (UK)\nDistributor: Pathé (Pathé Distribution)\n\n\n"
        "THE BIG LEBOWSKI tells the story of Jeff Lebowski (Jeff Bridges).\n"
    )
    doc = parse_document("kit.txt", text.encode())
    assert [(d.territory, d.company) for d in doc.distributors] == [
        ("USA", "Gramercy Pictures"),
        ("UK", "Working Title"),
        ("", "Pathé (Pathé Distribution)"),  # no territory in its parentheses
    ]


def test_review_xml_keeps_the_text_of_markup_inside_its_fields():
    text = (
        "<movie><title>Fargo <i>(1996)</i></title><review><date>1997-03-03</date>"
        "<username>north<b>star</b></username><score>0.8</score>"
        "<shortDescription>Oh <i>yah</i>, <!-- a comment --> you betcha</shortDescription>"
        "<fullReview>The accents.<br/>Marge is <b>the</b> best.</fullReview></review>"
        "<review><date>1997-03-04</date><username>lake</username><score/><shortDescription/>"
        "<fullReview>Cold.</fullReview></review></movie>"
    )
    doc = parse_document("a.xml", text.encode())
    assert (doc.title, doc.year) == ("Fargo", 1996)
    review, untitled = doc.reviews
    assert (review.title, review.username) == ("Oh yah, you betcha", "northstar")
    assert review.body == "The accents.\n\nMarge is the best."
    assert (untitled.title, untitled.rating, untitled.body) == ("", None, "Cold.")


def test_metadata_dump_of_headings_over_their_lines():
    """`Cast:`, `Storyline:`, `Trivia:` … on a line of their own, over the lines they head (in
    their block or the next); a field's heading over one value a line; a heading with nothing
    under it is warned about; after `User Review:`, the rest is the review."""
    doc = parse_document("dump.txt", HEADED_DUMP)
    crew = [(c.name, c.role, c.character, c.billing_order) for c in doc.credits]
    assert crew == [
        ("Sam Smith", "director", "", None),
        ("Tom Ray", "director", "", None),
        ("Hossein Amini", "writer", "", None),
        ("Ann Lee", "cast", "Irene", 1),
        ("Bo Berg", "cast", "Driver", 2),
        ("Cy Dahl", "cast", "", 3),
    ]
    assert doc.plot == "A driver helps a neighbour and pays for it."
    assert [(n.kind, n.text, n.detail) for n in doc.notes] == [
        ("tagline", "Drive.", ""),
        ("tagline", "Heroes are made.", ""),
        ("goof", "The car changes colour.", "Continuity"),
        ("goof", "A boom is visible in one shot.", ""),
        ("trivia", "The car was rebuilt three times.", ""),
    ]
    assert doc.quotes[0].lines == (("Irene", "Hi."), ("Driver", "Hello. It is late."))
    [review] = doc.reviews
    assert (review.title, review.body) == (
        "A title for the review",
        "First paragraph.\n\nSecond paragraph.",
    )
    assert [(w.line, w.code) for w in doc.warnings] == [(40, "empty_field")]


def test_metadata_dump_trivia_and_goofs_with_their_heading_on_the_line():
    doc = parse_document(
        "dump.txt",
        b"A logline.\n\nRelease Year: 1999\n\nDirector: Sam Smith\n\n"
        b"Ann Lee - Irene\nBo Berg - Driver\n\n"
        b"Trivia: The car was rebuilt three times.\n\n"
        b"Goofs: Continuity: The car changes colour.\nGoof: A boom is visible in one shot.\n\n"
        b"A title\n\nThe review.\n",
    )
    assert [(n.kind, n.text, n.detail) for n in doc.notes] == [
        ("trivia", "The car was rebuilt three times.", ""),
        ("goof", "The car changes colour.", "Continuity"),
        ("goof", "A boom is visible in one shot.", ""),
    ]
    [review] = doc.reviews
    assert (review.title, review.body) == ("A title", "The review.")


def test_metadata_dump_of_the_newer_layout_stars_apart_and_figures_by_territory():
    doc = parse_document(
        "dump.txt",
        b"A logline.\n\nRelease Year: 2002\n\nDirector: Sam Smith\n\n"
        b"Stars: Ann Lee \xc2\xb7 Bo Berg \xc2\xb7 Cy Dahl\n\n"
        b"Gross US & Canada: $67,355,513\n"
        b"Opening weekend US & Canada: $20,784,566 (May 26, 2002)\n"
        b"Gross worldwide: $113,758,770\n",
    )
    assert [(c.name, c.top_billed) for c in doc.credits if c.role == "cast"] == [
        ("Ann Lee", True),
        ("Bo Berg", True),
        ("Cy Dahl", True),
    ]
    assert [(m.kind, m.amount, m.territory, m.date) for m in doc.money] == [
        ("gross", Decimal("67355513"), "US & Canada", None),
        ("opening_weekend", Decimal("20784566"), "US & Canada", date(2002, 5, 26)),
        ("gross", Decimal("113758770"), "Worldwide", None),
    ]
    assert not doc.warnings


def test_metadata_dump_empty_field_over_another_field():
    dump = METADATA.replace(b"Taglines: Drive.", b"Budget:\nGross: $5,000 (USA)")
    doc = parse_document("dump.txt", dump)
    assert [(m.kind, m.amount) for m in doc.money] == [("gross", 5000)]
    assert [w.message for w in doc.warnings] == ["field 'Budget' has no value"]


def test_metadata_dump_field_heading_over_a_paragraph_is_no_value():
    dump = METADATA.replace(b"A title for the review\n", b"Budget:\n\n" + b"Long. " * 40 + b"\n")
    doc = parse_document("dump.txt", dump)
    assert not doc.money
    assert [w.code for w in doc.warnings] == ["empty_field"]
    assert doc.reviews[0].body.startswith("Long. Long.")


def test_metadata_dump_fields_after_the_review_are_no_review():
    """Technical fields at the end (`Color: Color`, `Sound Mix: Dolby SR`) are read, and fields
    of no known kind warned about; the review above them stays the review. A review's title
    that holds a colon (`Drive: A Masterpiece`) is still its title."""
    doc = parse_document(
        "dump.txt", METADATA + b"\nColor: Color\n\nSound Mix: Dolby SR\n\nFilm Length: 2,700 m\n"
    )
    [review] = doc.reviews
    assert (review.title, review.body) == (
        "A title for the review",
        "First paragraph.\n\nSecond paragraph.",
    )
    assert [(n.text, n.detail) for n in doc.notes if n.kind == "technical"] == [
        ("Color", "Colour"),
        ("Dolby SR", "Sound mix"),
    ]
    assert [w.message for w in doc.warnings if w.code == "unknown_field"] == [
        "field 'Film Length' was not understood: '2,700 m'",
    ]
    # Read over a fact and the review: the fact is trivia, the review's title its title.
    over = METADATA.replace(
        b"A title for the review\n",
        b"Color: Color\n\nIt was shot in eleven nights.\n\nA title for the review\n",
    )
    doc = parse_document("dump.txt", over)
    assert [n.text for n in doc.notes if n.kind == "trivia"] == ["It was shot in eleven nights."]
    assert [r.title for r in doc.reviews] == ["A title for the review"]
    titled = METADATA.replace(b"A title for the review", b"Drive: A Masterpiece")
    assert parse_document("dump.txt", titled).reviews[0].title == "Drive: A Masterpiece"
    no_review = METADATA.split(b"A title for the review")[0] + b"Film Length: 2,700 m\n"
    doc = parse_document("dump.txt", no_review)
    assert not doc.reviews
    assert [w.message for w in doc.warnings if w.code == "unknown_field"] == [
        "field 'Film Length' was not understood: '2,700 m'"
    ]


def test_genres_of_a_dump_and_a_press_kit():
    doc = parse_document(
        "dump.txt", METADATA.replace(b"Taglines:", b"Genres: Crime, Drama\n\nTaglines:")
    )
    assert [(n.kind, n.text) for n in doc.notes if n.kind == "genre"] == [
        ("genre", "Crime"),
        ("genre", "Drama"),
    ]
    kit = KIT.replace(b"Genre: Thriller", b"Genre: Thriller | Romance")
    doc = parse_document("kit.txt", kit)
    assert [n.text for n in doc.notes if n.kind == "genre"] == ["Thriller", "Romance"]
    assert not [w for w in doc.warnings if "Genre" in w.message]


def test_metadata_dump_plot_and_synopsis_on_their_keys_lines():
    """`Plot: …` and `Synopsis: …` with their paragraph on the key's line, among the fields:
    the film's plot and synopsis (they were trivia, key and all)."""
    dump = METADATA.replace(
        b"Stars: Ann Lee, Bo Berg\n",
        b"Stars: Ann Lee, Bo Berg\n\nPlot: A driver helps a neighbour.\n\n"
        b"Synopsis: Irene's husband comes home. The driver helps him.\n",
    )
    doc = parse_document("dump.txt", dump)
    assert doc.plot == "A driver helps a neighbour."
    assert doc.synopsis == "Irene's husband comes home. The driver helps him."
    assert not [n for n in doc.notes if n.kind == "trivia"]
    assert doc.reviews[0].title == "A title for the review"


def test_a_dumps_reviews_copied_from_a_review_page_are_each_a_review():
    """Reviews copied from a page under the dump's last facts, each closed by its votes or
    opened by its head (rating, title, author and date): one review each, with its votes (they
    were one review, every head and vote line in its text, the last one's rating on it)."""
    reviews = (
        b"10/10\nA title for the review\nann_lee2 May 2001\nFirst paragraph.\n\n"
        b"Second paragraph.\n14 out of 17 found this helpful. Was this review helpful?\n\n"
        b"Overrated\nWarning: Spoilers\nThe ending is a cheat.\n"
        b"2 out of 9 found this helpful.\n\n"
        b"4/10\nDated\ngrumpy3 March 2012\nThe jokes have not aged well.\n"
    )
    dump = METADATA[: METADATA.index(b"A title for the review")] + reviews
    doc = parse_document("dump.txt", dump)
    assert [
        (r.title, r.username, r.rating, r.body, r.helpful_yes, r.helpful_total, r.has_spoilers)
        for r in doc.reviews
    ] == [
        ("A title for the review", "ann_lee", 10, "First paragraph.\n\nSecond paragraph.", 14, 17,
         False),
        ("Overrated", "", None, "The ending is a cheat.", 2, 9, True),
        ("Dated", "grumpy", 4, "The jokes have not aged well.", None, None, False),
    ]  # fmt: skip
    # A review of the dump's own kind, its title over its paragraphs, is one review as before.
    [review] = parse_document("dump.txt", METADATA).reviews
    assert review.body == "First paragraph.\n\nSecond paragraph."


def test_a_dumps_reviews_each_under_a_heading_of_its_own():
    """`User Review:` over each of two reviews: two reviews (the second heading was dropped and
    its review read as the first one's last paragraphs)."""
    reviews = (
        b"User Review:\n\nA title for the review\n\nFirst paragraph.\n\nSecond paragraph.\n\n"
        b"User Review:\n\nOverrated\n\nThe ending is a cheat.\n"
    )
    dump = METADATA[: METADATA.index(b"A title for the review")] + reviews
    doc = parse_document("dump.txt", dump)
    assert [(r.title, r.body) for r in doc.reviews] == [
        ("A title for the review", "First paragraph.\n\nSecond paragraph."),
        ("Overrated", "The ending is a cheat."),
    ]
    assert doc.warnings == []


def test_a_dumps_plot_that_opens_with_a_phrase_and_a_colon():
    """`Hunters and their prey: Neil McCauley, …` in the plot's place is the plot (it was
    trivia); a field this parser has no place for, there, is still a field."""
    plot = (
        b"Stars: Ann Lee, Bo Berg\n\nHunters and their prey: Ida, a careful thief, and Ole, "
        b"a hard-charging cop who cannot let her go.\n\nFilm Length: 2,700 m\n"
    )
    doc = parse_document("dump.txt", METADATA.replace(b"Stars: Ann Lee, Bo Berg\n", plot))
    assert doc.plot.startswith("Hunters and their prey: Ida, a careful thief")
    assert [n.kind for n in doc.notes] == ["tagline", "goof"]
    assert [w.code for w in doc.warnings] == ["unknown_field"]


@pytest.mark.parametrize(
    "head",
    [
        b"A title for the review\nWarning: Spoilers\n",
        b"A title for the review\n\n*** This review may contain spoilers ***\n",
        b"A title for the review (*** This review may contain spoilers ***)\n",
    ],
    ids=["under-the-title", "over-the-text", "in-the-title"],
)
def test_a_dumps_review_with_the_pages_spoiler_warning(head):
    """The page's spoiler warning copied with a dump's review is the review's flag, not its
    title's words nor its text's (the title ran into the text under `Warning: Spoilers`)."""
    doc = parse_document("dump.txt", METADATA.replace(b"A title for the review\n", head))
    [review] = doc.reviews
    assert (review.title, review.has_spoilers) == ("A title for the review", True)
    assert review.body == "First paragraph.\n\nSecond paragraph."
    assert not parse_document("dump.txt", METADATA).reviews[0].has_spoilers


def test_a_dumps_cast_of_one_line_of_an_actor_its_stars_name():
    """One cast line is a cast when the `Stars:` list names its actor; without that, when it
    reads as a name and a part (a line alone may be the plot, `Ann Lee - a life`:
    `test_a_dump_s_cast_of_one_line_with_no_stars_list`)."""
    dump = (
        b"A film.\n\nRelease Year: 1990\n\nDirector: Wong Kar Wai\n\n{stars}A cop.\n\n"
        b"Ann Lee - Ho\n"
    )
    doc = parse_document("dump.txt", dump.replace(b"{stars}", b"Stars: Ann Lee\n\n"))
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [("Ann Lee", "Ho")]
    assert doc.plot == "A cop."
    doc = parse_document("dump.txt", dump.replace(b"{stars}", b"").replace(b"A cop.\n\n", b""))
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [("Ann Lee", "Ho")]
    assert not doc.plot


def test_metadata_dump_quote_of_one_line_by_a_characters_first_name():
    dump = METADATA.replace(b"Ann Lee - Irene", b"Ann Lee - Irene Gabriel (voice)").replace(
        b"Irene: Hi.\nDriver: Hello.", b"Irene: I want nothing. Those are all traps."
    )
    doc = parse_document("dump.txt", dump)
    # A quote, not the review's title (`Irene` is `Irene Gabriel` of the cast).
    assert doc.quotes[0].lines == (("Irene", "I want nothing. Those are all traps."),)
    assert doc.reviews[0].title == "A title for the review"
    assert not [n for n in doc.notes if n.kind == "trivia"]


def test_a_dumps_quote_by_a_part_named_with_its_article_or_as_one_of_an_actors_parts():
    """`The Joker:` speaks the cast's `Joker`; `Harvey Dent:` is one of `Harvey Dent /
    Two-Face`. Neither is the review's title (the two lines were a review)."""
    dump = METADATA.replace(b"Cy Dahl - Driver", b"Cy Dahl - Harvey Dent / Two-Face").replace(
        b"Irene: Hi.\nDriver: Hello.", b"The Joker: Why so serious?\nHarvey Dent: Die a hero."
    )
    dump = dump.replace(b"Ann Lee - Irene", b"Ann Lee - Joker")
    doc = parse_document("dump.txt", dump)
    assert [q.lines for q in doc.quotes] == [
        (("The Joker", "Why so serious?"), ("Harvey Dent", "Die a hero."))
    ]
    assert doc.reviews[0].title == "A title for the review"


def test_a_review_title_that_reads_like_a_field_stays_the_reviews_title():
    doc = parse_document(
        "dump.txt", METADATA.replace(b"A title for the review", b"Great Film: Loved it")
    )
    assert doc.reviews[0].title == "Great Film: Loved it"


@pytest.mark.parametrize(
    "release, year",
    [
        (b"Release Date: 16 September 2011", 2011),
        (b"Release Date: 16 September 2012 (USA)", None),  # a territory's: not the film's year
    ],
)
def test_metadata_dump_without_a_release_year_takes_the_original_releases(release, year):
    doc = parse_document("dump.txt", METADATA.replace(b"Release Year: 2011", release))
    assert doc.year == year


def test_metadata_dump_plot_of_several_paragraphs():
    plot = b"Stars: Ann Lee, Bo Berg\n\nFirst of the plot.\n\nSecond of the plot.\n\nWriters: Di Ek"
    doc = parse_document("dump.txt", METADATA.replace(b"Stars: Ann Lee, Bo Berg", plot))
    assert doc.plot == "First of the plot.\n\nSecond of the plot."
    assert [n.kind for n in doc.notes] == ["tagline", "goof"]  # no trivia taken from the plot


@pytest.mark.parametrize(
    "value, names",
    [
        ("Ann Lee, Bo Berg and Cy Dahl", ["Ann Lee", "Bo Berg", "Cy Dahl"]),
        ("Ann Lee & Bo Berg", ["Ann Lee", "Bo Berg"]),
        ("Ann Lee, Bo Berg", ["Ann Lee", "Bo Berg"]),
        ("Alexander Sandberg", ["Alexander Sandberg"]),
    ],
)
def test_name_lists_end_with_and(value, names):
    doc = parse_document("dump.txt", METADATA.replace(b"Ann Lee, Bo Berg", value.encode()))
    assert [c.name for c in doc.credits if c.top_billed] == names


@pytest.mark.parametrize(
    "text, name, note",
    [
        ("Hossein Amini (screenplay)", "Hossein Amini", "screenplay"),
        ("Cook (voice) (uncredited)", "Cook", "voice, uncredited"),
        ("Brian", "Brian", ""),
        ("(uncredited)", "(uncredited)", ""),  # nothing but the note: kept as written
    ],
)
def test_split_credit_note(text, name, note):
    assert split_credit_note(text) == (name, note)


def test_metadata_dump_keeps_credit_notes_apart_from_names_and_characters():
    data = METADATA.replace(b"Director: Sam Smith", b"Writers: Sam Smith (screenplay), Di Ek")
    doc = parse_document("dump.txt", data.replace(b"Cy Dahl - Driver", b"Cy Dahl - Driver (voice)"))
    credits = [(c.role, c.name, c.character, c.note) for c in doc.credits if c.role != "cast"]
    assert credits == [("writer", "Sam Smith", "", "screenplay"), ("writer", "Di Ek", "", "")]
    assert [(c.name, c.character, c.note) for c in doc.credits if c.name == "Cy Dahl"] == [
        ("Cy Dahl", "Driver", "voice")
    ]


KIT = b"""Year: 2003
UK: Metrodome Group
Denmark: Nordisk Film
US Distributor: Magnolia Films
Genre: Thriller
MPAA: Rated R for violence
U.S.: Nordic Pictures
Cast: Ann Lee, Bo Berg and Cy Dahl
Director: Sam Smith
Runtime: 91 mins
Denmark: 93 mins
Certificate: 15
UK Certificate: 15 for strong language


FEAR X follows Harry (Ann Lee) into the garage.
"""


@pytest.mark.parametrize(
    "cast, director, names",
    [
        # The kit's habit: family names in capitals, written as names, in the order given.
        (
            "MIFUNE Toshiro, NAKADAI Tatsuya and DAN Reiko",
            "KUROSAWA Akira",
            ["Mifune Toshiro", "Nakadai Tatsuya", "Dan Reiko", "Kurosawa Akira"],
        ),
        # Not the list's habit: a name so written keeps its capitals (`DJ`, initials).
        ("Ann Lee, DJ Shadow", "DJ Shadow", ["Ann Lee", "DJ Shadow", "DJ Shadow"]),
    ],
)
def test_a_kits_lists_writing_family_names_in_capitals(cast, director, names):
    kit = KIT.replace(b"Ann Lee, Bo Berg and Cy Dahl", cast.encode()).replace(
        b"Director: Sam Smith", f"Director: {director}".encode()
    )
    doc = parse_document("kit.txt", kit)
    assert [c.name for c in doc.credits if c.line in (8, 9)] == names


@pytest.mark.parametrize(
    "fields, imdb_id, rating",
    [
        ("IMDb RATING: 7.4/10", "", "7.4"),
        ("IMDb rating: 7,4 (12,345 votes)", "", "7.4"),
        ("IMDb: https://www.imdb.com/title/tt0117407/", "tt0117407", None),
        ("IMDb ID: tt0117407\nUser rating: 8/10", "tt0117407", "8"),
    ],
)
@pytest.mark.parametrize("kind", ["dump", "kit"])
def test_a_films_imdb_id_and_rating_in_a_dump_or_a_kit(kind, fields, imdb_id, rating):
    """Neither is lost, nor read as a review: `IMDb RATING: 7.4/10` was the dump's review."""
    if kind == "dump":
        text = METADATA.replace(b"Taglines: Drive.", f"Taglines: Drive.\n\n{fields}".encode())
    else:
        text = KIT.replace(b"Genre: Thriller", f"Genre: Thriller\n{fields}".encode())
    doc = parse_document(f"{kind}.txt", text)
    assert (doc.imdb_id, doc.imdb_rating) == (imdb_id, Decimal(rating) if rating else None)
    assert [r.title for r in doc.reviews] == (["A title for the review"] if kind == "dump" else [])
    assert not [w for w in doc.warnings if "IMDb" in w.message or "rating" in w.message]


def test_a_kits_cast_list_with_parts_and_releases_by_country_and_in_figures():
    """`Leif Berg (Smeden)` in a `Starring:` list plays Smeden (`(voice)` is a note); a
    release date's country in parentheses is its territory when the kit names that country;
    a date in figures is read as its territory writes dates."""
    doc = parse_document(
        "kit.txt",
        b"Year: 2004\nStarring: Ann Lee as Tonny, Leif Berg (Smeden), Cy Dahl (voice)\n"
        b"Director: Sam Smith\nRelease date: 24 December 2004 (Denmark)\n"
        b"UK release: 10/06/2005\nUSA Release Date: 10/06/2005 (Limited)\nCountry: Denmark\n\n\n"
        b"PUSH tells the story of Tonny (Ann Lee).\n",
    )
    assert [(c.name, c.character, c.note) for c in doc.credits if c.role == "cast"][:3] == [
        ("Ann Lee", "Tonny", ""),
        ("Leif Berg", "Smeden", ""),
        ("Cy Dahl", "", "voice"),
    ]
    assert [(r.territory, r.date, r.note) for r in doc.releases] == [
        ("Denmark", date(2004, 12, 24), ""),
        ("UK", date(2005, 6, 10), ""),
        ("USA", date(2005, 10, 6), "Limited"),
    ]


@pytest.mark.parametrize(
    "cast_key, crew_key",
    [
        ("Cast (in order of appearance)", "Written and directed by"),
        ("Principal cast", "Director/Writer"),
        ("Starring", "Writer-director"),
    ],
)
def test_a_kits_cast_and_crew_under_other_keys(cast_key, crew_key):
    """Such a kit was refused as of no format known; `Written and directed by` is both."""
    doc = parse_document(
        "kit.txt",
        f"Year: 2004\n{cast_key}: Ann Lee, Bo Berg\n{crew_key}: Sam Smith\n\n\n"
        "PUSH tells the story of Tonny (Ann Lee).\n".encode(),
    )
    assert doc.format == "press_kit"
    assert [(c.name, c.role) for c in doc.credits] == [
        ("Ann Lee", "cast"),
        ("Bo Berg", "cast"),
        ("Sam Smith", "director"),
        ("Sam Smith", "writer"),
        ("Ann Lee", "cast"),  # as the synopsis names her part
    ]
    assert not doc.warnings


def test_press_kit_keys_with_and_without_a_territory():
    doc = parse_document("kit.txt", KIT)
    assert [(d.territory, d.company) for d in doc.distributors] == [
        ("UK", "Metrodome Group"),
        ("Denmark", "Nordisk Film"),
        ("USA", "Magnolia Films"),
        ("USA", "Nordic Pictures"),
    ]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("", 91), ("Denmark", 93)]
    # A board's key names its country: `MPAA: Rated R for violence` (it was kept as a warning).
    assert [(c.territory, c.rating, c.reason) for c in doc.certificates] == [
        ("USA", "R", "for violence"),
        ("", "15", ""),
        ("UK", "15", "for strong language"),
    ]
    billed = [c.name for c in doc.credits if c.billing_order]
    assert billed == ["Ann Lee", "Bo Berg", "Cy Dahl"]
    # A key that names no territory is not a distributor (`Genre` is a genre).
    assert not [w.message for w in doc.warnings if w.code == "unknown_field"]
    assert [n.text for n in doc.notes if n.kind == "genre"] == ["Thriller"]


PAGE = b"""Some Film (2010) Poster
User Reviews
3 Reviews
Sort by:
Great
ann-12 March 2011
Warning: Spoilers
Loved it. 8/10
5 out of 6 found this helpful. Was this review helpful? | Report this
bob7 May 2012
No title here.
0 out of 1 found this helpful. Was this review helpful? | Report this
An error has occured. Please try again.
"""


@pytest.mark.parametrize(
    "shown, rating",
    [
        ("★ 8/10", 8),
        ("Rating: 8/10", 8),
        ("Rated 7.5/10", 7.5),
        ("8 out of 10", 8),
        ("4/5", 8),
        ("4.5 out of 5 stars", 9),
    ],
)
def test_a_review_pages_rating_line_written_otherwise(shown, rating):
    """The reviewer's rating over the review's title, as other copies write it (it was kept
    aside, and the review had no rating)."""
    page = PAGE.replace(b"Great\nann-12 March 2011", f"{shown}\nGreat\nann-12 March 2011".encode())
    page = page.replace(b"Loved it. 8/10", b"Loved it.")
    doc = parse_document("page.txt", page)
    assert (doc.reviews[0].title, doc.reviews[0].rating) == ("Great", Decimal(str(rating)))
    assert not [w for w in doc.warnings if w.code == "unplaced_line"]


@pytest.mark.parametrize(
    "author_line, username",
    [
        ("14 June 2004 by ann-1", "ann-1"),
        ("Jun 14, 2004 · Ann Lee", "Ann Lee"),
        ("14 June 2004 - ann_12", "ann_12"),
    ],
)
def test_a_review_pages_author_after_the_date(author_line, username):
    """The date first, then its author: the review's author (the reviews were lost to the
    header)."""
    page = PAGE.replace(b"ann-12 March 2011", author_line.encode())
    review = parse_document("page.txt", page).reviews[0]
    assert (review.username, review.date, review.title) == (username, date(2004, 6, 14), "Great")


def test_a_review_titled_with_its_rating_is_rated_so():
    """A line `6/10` right above the author line is the review's title (every review has one),
    and the rating it gives is the review's."""
    page = PAGE.replace(b"Great\nann-12 March 2011", b"6/10\nann-12 March 2011").replace(
        b"Loved it. 8/10", b"Loved it."
    )
    review = parse_document("page.txt", page).reviews[0]
    assert (review.title, review.rating, review.rating_source) == ("6/10", 6, "text")


NEWER_PAGE = b"""Some Film (2010)
User Reviews
Review this title
3 Reviews
Hide Spoilers
Sort by:
Helpfulness
Filter by Rating:
Show All
8/10
Beautiful and brutal
ann-12 March 2011
The colours are astonishing.
10 out of 14 found this helpful.
Was this review helpful? Sign in to vote.
Permalink
2/10
Pretentious
bob7 May 2012
Warning: Spoilers
The karaoke goes on forever.
3 out of 20 found this helpful. Was this review helpful? | Report this
9/10
cy-3 June 2013
A rating for a title. I would give it 6/10 today.
1 out of 1 found this helpful.
Report this
Load More
"""


@pytest.mark.parametrize(
    "first_line",
    [
        "Some Film (2010) - User Reviews - IMDb",
        "Some Film (2010) | User Reviews",
        "Reviews: Some Film (2010)",  # the title was `Reviews: Some Film`
        "User reviews of Some Film (2010)",
    ],
)
def test_review_page_header_may_keep_the_browsers_title(first_line):
    doc = parse_document("page.txt", PAGE.replace(b"Some Film (2010) Poster", first_line.encode()))
    assert (doc.title, doc.year, len(doc.reviews)) == ("Some Film", 2010, 2)


def test_review_page_with_the_author_above_the_date():
    page = b"""Some Film (2010)
User Reviews
2 Reviews
Great
ann-1
12 March 2011
Loved it.
5 out of 6 found this helpful.
bob7
7 May 2012
No title here.
0 out of 1 found this helpful.
"""
    doc = parse_document("page.txt", page)
    reviews = [(r.title, r.username, r.date, r.body) for r in doc.reviews]
    assert reviews == [
        ("Great", "ann-1", date(2011, 3, 12), "Loved it."),
        ("", "bob7", date(2012, 5, 7), "No title here."),
    ]
    assert not [w for w in doc.warnings if w.code == "no_author"]


def test_review_page_with_ratings_and_vote_lines_of_its_own():
    doc = parse_document("page.txt", NEWER_PAGE)
    reviews = [
        (r.title, r.username, r.rating, r.rating_source, r.helpful_yes, r.has_spoilers, r.body)
        for r in doc.reviews
    ]
    assert reviews == [
        (
            "Beautiful and brutal",
            "ann-",
            Decimal(8),
            "field",
            10,
            False,
            "The colours are astonishing.",
        ),
        ("Pretentious", "bob", Decimal(2), "field", 3, True, "The karaoke goes on forever."),
        # A line above the author line is the title, even when it reads like a rating.
        (
            "9/10",
            "cy-",
            Decimal(6),
            "text",
            1,
            False,
            "A rating for a title. I would give it 6/10 today.",
        ),
    ]
    assert not [w for w in doc.warnings if w.code in ("no_author", "unplaced_line")]


def test_review_page_whose_reviews_no_one_voted_on_close_with_the_vote_links():
    """A review no one voted on has no `N out of M found this helpful` line: the page's question
    alone closes it (`Was this review helpful? Sign in to vote.`, whatever links follow), and it
    runs into the next review no more; a question under a count of votes is that review's."""
    page = (
        "Heat (1995) Poster\n\nUser Reviews\n\n5 Reviews\n"
        "9/10\nThe best heist film\njohn_d12 May 2010\nOne diner.\n"
        "10 out of 12 found this helpful. Was this review helpful? Sign in to vote.\nPermalink\n"
        "Too long\nmary.k3 June 2011\nThree hours.\nWas this review helpful?\n"
        "8/10\nGreat shootout\nbrendan 1 July 2012\nThe shootout.\n\nVal Kilmer too.\n"
        "Was this review helpful? Sign in to vote.\nPermalink\n"
        "Fine\nlee20 August 2013\nGood film.\n"
        "0 out of 0 found this helpful. Was this review helpful? Sign in to vote.\nPermalink\n"
        "Asked first\nkim 2 May 2014\nQuestion first.\nWas this review helpful?\n"
        "3 out of 4 found this helpful.\nSee all reviews\n"
    )
    doc = parse_document("page.txt", page.encode())
    assert [(r.title, r.username, r.body, r.helpful_total) for r in doc.reviews] == [
        ("The best heist film", "john_d", "One diner.", 12),
        ("Too long", "mary.k", "Three hours.", None),
        ("Great shootout", "brendan", "The shootout.\n\nVal Kilmer too.", None),
        ("Fine", "lee", "Good film.", 0),
        ("Asked first", "kim", "Question first.", 4),
    ]
    assert not doc.warnings


def test_review_page_whose_copy_lost_a_reviews_helpful_line():
    """The first review's and the last's `found this helpful` lines lost in the copy: three
    reviews, those two with their votes unknown (the first ran on into the second, its title
    and author line in its text, with the second's votes; the last was text after the last
    review); a paragraph that ends with a date is no author line."""
    page = (
        "Heat (1995) Poster\nUser Reviews\n5 Reviews\n"
        "The best heist film\njohn_d12 May 2010\nOne diner.\n\n"
        "I first saw it in London on 6 January 1996\n"
        "Too long\nmary.k3 June 2011\nThree hours. 6/10\n"
        "10 out of 12 found this helpful. Was this review helpful? | Report this\n"
        "Fine\nlee20 August 2013\nGood film.\n"
        "An error has occured. Please try again.\n"
    )
    doc = parse_document("page.txt", page.encode())
    assert [(r.title, r.username, r.body, r.helpful_total) for r in doc.reviews] == [
        (
            "The best heist film",
            "john_d",
            "One diner.\n\nI first saw it in London on 6 January 1996",
            None,
        ),
        ("Too long", "mary.k", "Three hours. 6/10", 12),
        ("Fine", "lee", "Good film.", None),
    ]
    assert not [w for w in doc.warnings if w.code == "unplaced_line"]


@pytest.mark.parametrize("cut", ["5 out of 6 found thi", "5 out of 6 ", "5 out of 6 found this"])
def test_a_review_page_cut_short_in_its_last_helpful_line(cut):
    """A copy that ends in the last review's helpful line: its votes, and a warning (the line
    was the review's last paragraph, its votes unknown); cut within its counts, or with a line
    break after it, the line is the review's words."""
    page = (
        "Heat (1995) Poster\nUser Reviews\n2 Reviews\nLong\nbob3 May 2010\nThree hours.\n"
        "1 out of 2 found this helpful. Was this review helpful? | Report this\n"
        "Taut\nann12 March 2011\nOne diner.\n"
    )
    doc = parse_document("page.txt", (page + cut).encode())
    review = doc.reviews[-1]
    assert (review.body, review.helpful_yes, review.helpful_total) == ("One diner.", 5, 6)
    assert [(w.line, w.code) for w in doc.warnings] == [(11, "cut_short")]
    for whole in (page + cut + "\n", page + "5 out of 1"):
        review = parse_document("page.txt", whole.encode()).reviews[-1]
        assert (review.helpful_total, review.body) == (
            None,
            f"One diner.\n\n{whole[len(page) :].strip()}",
        )


@pytest.mark.parametrize("footer", ["See all reviews", "See all 31 reviews", "Load More"])
def test_a_review_pages_link_to_more_reviews_is_no_ones_words(footer):
    doc = parse_document("page.txt", NEWER_PAGE.replace(b"Load More", footer.encode()))
    assert doc.reviews[-1].body == "A rating for a title. I would give it 6/10 today."
    assert not [w for w in doc.warnings if w.code == "unplaced_line"]


def test_review_page():
    doc = parse_document("page.txt", PAGE)
    assert (doc.title, doc.year, doc.claimed_review_count) == ("Some Film", 2010, 3)
    first, second = doc.reviews
    assert (first.title, first.has_spoilers, first.rating, first.helpful_yes) == (
        "Great",
        True,
        Decimal(8),
        5,
    )
    assert first.author_alternatives[0] == ("ann-1", date(2011, 3, 2)) or first.username
    assert (second.title, second.username) == ("", "bob")
    assert any(w.code == "review_count_mismatch" for w in doc.warnings)


@pytest.mark.parametrize(
    "data, message",
    [
        (b"", "file is empty"),
        (b"\xef\xbb\xbf\r\n\n", "file is empty"),  # a byte order mark alone
        (b"\x00\x01\x02binary", "binary"),
        (b"\x1f\x8b\x08gzip", "gzip"),
        (b"hello world", "format not recognised"),
        (b"<movie><title>x</title><year>2000</year><review>", "XML is malformed"),
        (b'<!DOCTYPE movie [<!ENTITY a "b">]><movie/>', "DOCTYPE"),
        (b'<!DOCTYPE movie SYSTEM "file:///etc/passwd"><movie/>', "DOCTYPE"),
    ],
)
def test_broken_input_raises_the_importers_error_with_file_name(data, message):
    with pytest.raises(ImportFormatError) as error:
        parse_document("broken.txt", data)
    assert message in str(error.value)
    assert str(error.value).startswith("broken.txt")


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32", "utf-32-be"])
def test_a_utf16_file_with_its_byte_order_mark_is_text(encoding):
    """(UTF-32 with its mark, too: it was refused as binary.)"""
    bom = "\ufeff" if encoding.endswith("-be") else ""  # Python's utf-16 writes its own
    doc = parse_document("kit.txt", (bom + KIT.decode()).encode(encoding))
    assert doc.format == "press_kit" and doc.year == 2003 and doc.title == "Fear X"


@pytest.mark.parametrize("encoding, order", [("utf-16-le", "little"), ("utf-16-be", "big")])
def test_a_utf16_file_with_no_byte_order_mark_is_text(encoding, order):
    """It was refused as binary (it holds NUL bytes): its NULs stand beside its letters, on
    one side each time."""
    doc = parse_document("kit.txt", KIT.decode().encode(encoding))
    assert doc.format == "press_kit" and doc.year == 2003 and doc.title == "Fear X"
    assert [(w.line, w.message) for w in doc.warnings if w.code == "no_bom"] == [
        (1, f"UTF-16 with no byte order mark: read as {order}-endian")
    ]
    with pytest.raises(ImportFormatError, match="binary"):  # NULs elsewhere: binary still
        parse_document("kit.bin", b"\x00\x00\x01\x02" * 300)


def test_decode_falls_back_with_a_warning():
    text, warnings = decode("Drasbæk\r\n".encode("cp1252"), "x")
    assert text == "Drasbæk\n" and warnings[0].code == "not_utf8"


def test_a_utf8_file_with_bytes_of_windows_1252_pasted_in_keeps_both():
    """UTF-8 lines stay UTF-8 (`Drasbæk`, not `DrasbÃ¦k`); the pasted line's bytes are read
    as Windows-1252; the warning names the first line that is not UTF-8."""
    data = (
        "Release Year: 1996\nDirector: Laura Drasbæk\n".encode()
        + "Karsten Schrøder – “Hasse”\n".encode("cp1252")
    )
    text, warnings = decode(data, "x")
    assert text == "Release Year: 1996\nDirector: Laura Drasbæk\nKarsten Schrøder – “Hasse”\n"
    assert [(w.line, w.code) for w in warnings] == [(3, "not_utf8")]


def test_a_streamed_file_with_bytes_of_windows_1252_keeps_its_utf8(tmp_path):
    path = tmp_path / "reviews.xml"
    path.write_bytes(
        review_xml("Zoé & Søren").encode().replace(b"S\xc3\xb8ren", "Søren".encode("cp1252"))
    )
    with open_document(path) as (doc, _):
        assert [r.body for r in doc.reviews] == ["Zoé & Søren"]


def test_a_kit_with_a_cast_block_and_territories_written_whole():
    """A kit whose cast is a block under `Starring` and whose keys name territories whole
    (`Sweden: 98 mins`, `Sweden Release Date:`) is a kit (it was read as a dump: its cast,
    its synopsis and the heading one plot); a country it names is a distributor's territory
    (`Norway: Nordisk Film`)."""
    kit = (
        "Year: 2008\nSweden: NordFilm\nNorway: Nordisk Film\nDirected by: Tom Vint\n"
        "Countries: Sweden / Norway\nSweden: 98 mins\nSweden Release Date: 12 September 2008\n"
        "\nStarring\nAnn Lee ... Ida\nBo Berg ... Ole\n\n\n"
        "EPSILON tells the story of Ida (Ann Lee), who comes home to the island.\n"
    )
    assert detect_format(kit) == "press_kit"
    doc = parse_document("kit.txt", kit.encode())
    assert (doc.title, doc.synopsis[:20]) == ("Epsilon", "EPSILON tells the st")
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"][:2] == [
        ("Ann Lee", "Ida"),
        ("Bo Berg", "Ole"),
    ]
    assert {(d.territory, d.company) for d in doc.distributors} == {
        ("Sweden", "NordFilm"),
        ("Norway", "Nordisk Film"),
    }
    assert doc.warnings == []
    # A dump's own keys name no territory: still a dump.
    dump = METADATA.replace(
        b"Release Year: 2011",
        b"Release Year: 2011\n\nRuntime: 98 min\n\nOriginal Release Date: 2 May 2011\n\n"
        b"Release Date: 3 May 2011\n\nLength: 100 mins",
    )
    assert detect_format(dump.decode()) == "metadata_dump"


def test_detect_format_reads_content_not_name():
    assert detect_format(METADATA.decode()) == "metadata_dump"
    assert detect_format(PAGE.decode()) == "review_page"
    assert detect_format("<movie><title>x</title></movie>") == "review_xml"
    assert detect_format("Year: 2000\nCast: A, B\n") == "press_kit"


def test_a_dump_whose_cast_is_written_actor_as_part_under_its_key():
    """A dump with its `Release Year:` and a `Cast:` key over `Ann Lee as Ida` lines: a dump
    (it was read as a kit: its title line and `Release Year:` not understood, and the film
    untitled); keys by territory still say a kit."""
    dump = (
        "Harbour (1996)\n\nA fisherman disappears.\n\nRelease Year: 1996\n\n"
        "Director: Kim Dahl\n\nCast:\nAnn Lee as Ida\nBo Berg as Ole\n"
    )
    assert detect_format(dump) == "metadata_dump"
    doc = parse_document("dump.txt", dump.encode())
    assert (doc.title, doc.year, doc.warnings) == ("Harbour", 1996, [])
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [
        ("Ann Lee", "Ida"),
        ("Bo Berg", "Ole"),
    ]
    kit = dump.replace("Director:", "USA: Magnolia Films\nUK: Metrodome\nDirector:")
    assert detect_format(kit) == "press_kit"


def test_a_dump_that_lost_its_year_and_director_lines_is_a_dump_still(fixture_path):
    """The fixtures' dump without `Release Year:` and `Director:`: its cast block and IMDb's
    keys (`Stars:`, `Taglines:`) say a dump (it was `format not recognised`); a cast block
    alone says nothing."""
    dump = (fixture_path / "000_d925aacf02b38b39.txt").read_text()
    lost = re.sub(r"(?m)^(?:Release Year|Director): .*\n", "", dump)
    assert detect_format(lost) == "metadata_dump"
    doc = parse_document("dump.txt", lost.encode())
    assert len([c for c in doc.credits if c.role == "cast"]) == 15
    assert detect_format("A life.\n\nAnn Lee - Ida\nBo Berg - Ole\nCy Dahl - Per\n") is None
    # A copied page's: its `Storyline` and its cast after tabs.
    page = "Harbour (1975)\n\nStoryline\nA gang leaves prison.\n\nTop cast\n"
    assert detect_format(page + "Ann Lee\tIda\nBo Berg\tOle\nCy Dahl\tPer\n") == "metadata_dump"


@pytest.mark.parametrize("heading", ["Trivia", "Goofs"])
def test_a_copied_pages_dump_without_a_lists_heading_is_a_dump_still(heading):
    """A dump copied from a title page (`Starring:`, its cast after tabs) whose `Trivia` or
    `Goofs` heading the copy lost: a dump (it was a kit: the heading over the list's dashes was
    what made it a dump's `Actor - Part` block, and without it the `Starring:` list a kit's)."""
    dump = (
        "Harbour (1975)\n\nA gang leaves prison.\n\nDirected by: Kim Dahl\n"
        "Starring: Ann Lee, Bo Berg\n\nCast\nAnn Lee\tIda\nBo Berg\tOle\n\n"
        "Trivia\n- Shot by the railway.\n\nGoofs\n- Continuity: the hat changes.\n"
    )
    assert detect_format(dump) == "metadata_dump"
    assert detect_format(dump.replace(f"{heading}\n", "")) == "metadata_dump"


def test_a_kit_of_few_fields_is_read_by_its_synopsis():
    """A year, a director and a synopsis that tells the film's story with its parts' actors:
    a kit (it was no format at all); not with a dump's keys."""
    kit = "Year: 2001\nDirector: Kim Dahl\n\n\nHARBOUR tells the story of Sam (Ann Lee).\n"
    assert detect_format(kit) == "press_kit"
    doc = parse_document("kit.txt", kit.encode())
    assert (doc.title, doc.year) == ("Harbour", 2001)
    assert [(c.name, c.role, c.character) for c in doc.credits] == [
        ("Kim Dahl", "director", ""),
        ("Ann Lee", "cast", "Sam"),
    ]
    dump = kit.replace("Year:", "Release Year:")
    assert detect_format(dump) == "metadata_dump"
    assert detect_format("Year: 2001\nDirector: Kim Dahl\n") is None  # nothing to tell


FRAGMENTS = st.sampled_from(
    [
        "Year: 2004\n",
        "Cast: A B, C D\n",
        "Release Year: 1999\n",
        "Director: X Y\n",
        "A - B\n",
        "C - D (as E)\n",
        "<movie>",
        "</movie>",
        "<review>",
        "<fullReview>text & more</fullReview>",
        "3 out of 4 found this helpful.\n",
        "Film (2001) Poster\n",
        "name12 March 2003\n",
        "\n\n",
        "PUSHER II tells the story of Tonny (Mads Mikkelsen).\n",
        "USA: 96 mins\n",
        "UK Certificate: 18 for things\n",
        "Cast:\n",
        "Trivia:\n",
        "Quotes:\n",
        "User Review:\n",
        "Writers:\n",
        "A ... B\n",
        "Starring: A B\n",
        "Genres: X | Y\n",
        "User Reviews\n",
        "<author>z</author>",
        "the Heist Trilogy ",
        "SYNOPSIS\n",
        "NIGHT TRAIN\n",
        "Certificate: 15 (UK)\n",
        "Gross worldwide: $5\n",
        "Stars: A · B\n",
        "Goofs: Continuity: a thing\n",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=25))
def test_parsers_return_records_or_raise_their_own_error(parts):
    data = "".join(parts).encode("utf-8", errors="surrogatepass")
    with contextlib.suppress(ImportFormatError):
        parse_document("fuzz.txt", data)


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_parsers_survive_any_bytes(data):
    with contextlib.suppress(ImportFormatError):
        parse_document("fuzz.bin", data)


def test_oversized_documents_are_refused_before_parsing(monkeypatch):
    from reviews.importers import common

    monkeypatch.setattr(common, "MAX_DOCUMENT_BYTES", 100)
    with pytest.raises(ImportFormatError, match="over the limit"):
        parse_document("big.xml", b"<movie>" + b" " * 200 + b"</movie>")


def _corpus_texts(reviews: int) -> dict[str, str]:
    """A review XML and a review page of one synthetic film (the corpus generator's)."""
    import random

    from reviews.corpus import SyntheticFilm, _paragraph_pool, review_page, review_xml

    rng = random.Random(7)
    film = SyntheticFilm(0, "Long Night", 1999, "", 1, "Ana Bor", [], [], reviews * 10)
    pool = _paragraph_pool(rng, 30)
    xml_film = SyntheticFilm(**{**film.__dict__, "reviews": reviews})
    return {"xml": review_xml(xml_film, rng, pool, 0)[0], "page": review_page(film, rng, pool, 0)}


class CountingLines:
    """Lines of a text, counting how many were read."""

    def __init__(self, text: str):
        self.lines = text.splitlines(keepends=True)
        self.read = 0

    def __iter__(self):
        for line in self.lines:
            self.read += 1
            yield line


@pytest.mark.parametrize("kind", ["xml", "page"])
def test_long_documents_are_read_as_a_stream_in_batches(kind, monkeypatch):
    from reviews.importers import review_page, review_xml

    # lxml is fed a few kilobytes at a time (not a quarter megabyte) in this small document.
    monkeypatch.setattr(review_xml._XmlReader, "FEED_CHARS", 4096)
    parser = {"xml": review_xml, "page": review_page}[kind]
    text = _corpus_texts(25)[kind]
    lines = CountingLines(text)
    doc = parser.stream(lines, batch_size=10)
    # The film and the first batch are known before most of the file is read.
    assert doc.title == "Long Night" and doc.year == 1999
    assert len(doc.reviews) == 10
    assert lines.read < len(lines.lines) / 2
    batches = list(doc.review_batches())
    assert [len(b) for b in batches] == [10, 10, 5]
    assert lines.read == len(lines.lines)
    whole = parser.parse(text)
    assert [r for batch in batches for r in batch] == whole.reviews
    assert doc.record_count == whole.record_count
    assert doc.warnings == whole.warnings


def test_a_stream_reports_an_error_past_its_first_batch_with_its_line(monkeypatch):
    from reviews.importers import review_xml

    monkeypatch.setattr(review_xml._XmlReader, "FEED_CHARS", 4096)
    text = _corpus_texts(25)["xml"]
    cut = text[: text.rindex("<review>")] + "<review><date>2001-01-01</oops>\n"
    doc = review_xml.stream(CountingLines(cut), batch_size=10)
    assert len(doc.reviews) == 10
    with pytest.raises(ImportFormatError, match="XML is malformed") as raised:
        list(doc.more_reviews)
    assert raised.value.line == cut.count("\n")


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(FRAGMENTS, st.text(max_size=40)), max_size=25),
    st.integers(min_value=1, max_value=4),
)
def test_streamed_files_give_records_or_the_importers_error(tmp_path_factory, parts, batch):
    """The path the importer takes: a file, opened as a stream, read in small batches."""
    from reviews.importers import records

    path = tmp_path_factory.mktemp("fuzz") / "doc.txt"
    path.write_bytes("".join(parts).encode("utf-8", errors="surrogatepass"))
    original = records.REVIEW_BATCH
    records.REVIEW_BATCH = batch
    try:
        with contextlib.suppress(ImportFormatError), open_document(path) as (doc, _):
            for _ in doc.review_batches():
                pass
    finally:
        records.REVIEW_BATCH = original


TITLE_WITH_COLON_KIT = b"""Year: 1994
UK: Artificial Eye
Cast: Ann Lee, Bo Berg
Director: Cy Dahl
UK: 99 mins


Cy Dahl finished his trilogy with THREE COLOURS: BLUE (1993), THREE COLOURS: WHITE (1994) and
THREE COLOURS: RED (1994).

THREE COLOURS: RED tells the story of Valentine (Ann Lee), a model in Geneva.
"""


HEADED_KIT = b"""NIGHT TRAIN

Year: 2002
Running Time: 118 minutes
Certificate: 15 (UK)
Starring: Ann Lee, Bo Berg
Directed by: Cy Dahl
Based on the novel by Dan Eck, first filmed as NIGHT TRAIN (1961)
UK Release: 30 August 2002

SYNOPSIS

A conductor (Bo Berg) and a passenger, Irene (Ann Lee), share a night
on the last train north.

The train stops at every station.

ABOUT THE PRODUCTION

Shot in the winter of 2001 on a railway
closed since 1990.
"""


def test_press_kit_with_a_title_line_and_headed_sections():
    """Another hand's kit: its title on the first line, a sentence among the fields, sections
    under headings in capitals, and paragraphs wrapped over several lines."""
    doc = parse_document("kit.txt", HEADED_KIT)
    assert (doc.title, doc.title_line, doc.year) == ("Night Train", 1, 2002)
    assert doc.synopsis == (
        "A conductor (Bo Berg) and a passenger, Irene (Ann Lee), share a night on the last "
        "train north.\n\nThe train stops at every station."
    )
    assert [(c.name, c.role, c.character) for c in doc.credits] == [
        ("Ann Lee", "cast", ""),
        ("Bo Berg", "cast", ""),
        ("Cy Dahl", "director", ""),
        ("Ann Lee", "cast", "Irene"),
    ]
    assert [(c.territory, c.rating, c.reason) for c in doc.certificates] == [("UK", "15", "")]
    assert [(r.territory, r.date) for r in doc.releases] == [("UK", date(2002, 8, 30))]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("", 118)]
    assert [(n.kind, n.text, n.detail) for n in doc.notes] == [
        ("press", "Based on the novel by Dan Eck, first filmed as NIGHT TRAIN (1961)", ""),
        (
            "press",
            "Shot in the winter of 2001 on a railway closed since 1990.",
            "About the Production",
        ),
    ]
    assert [(m.title, m.year) for m in doc.mentioned_films] == [("NIGHT TRAIN", 1961)]
    assert not doc.warnings


def test_metadata_dump_stars_and_cast_lists_with_parts_after_as():
    doc = parse_document(
        "dump.txt",
        b"A logline.\n\nRelease Year: 1990\n\nDirector: Tom Vint\n\n"
        b"Stars: Ann Lee as Irene, Bo Berg as Kai\n\n"
        b"Cast: Ann Lee, Bo Berg, Cy Dahl as The Driver\n",
    )
    cast = [c for c in doc.credits if c.role == "cast"]
    assert [(c.name, c.character, c.top_billed, c.billing_order) for c in cast] == [
        ("Ann Lee", "Irene", True, 1),
        ("Bo Berg", "Kai", True, 2),
        ("Cy Dahl", "The Driver", False, 3),
    ]


def test_press_kit_with_a_cast_block_is_still_a_press_kit():
    """`Actor - Character` lines under `Cast:` (a dump's way) in a kit whose keys name
    territories: a kit, its cast with their parts."""
    kit = (
        b"Year: 1990\nUK: Metrodome Group\nUSA: Magnolia Films\nDirector: Tom Vint\n"
        b"UK: 96 mins\nUK Certificate: 15 for strong language\n\nCast:\nAnn Lee - Irene\n"
        b"Bo Berg - Kai (as Bob Berg) (voice)\n\n\n"
        b"THE HARBOUR tells the story of Irene, a dock worker.\n"
    )
    assert detect_format(kit.decode()) == "press_kit"
    doc = parse_document("kit.txt", kit)
    cast = [(c.name, c.character, c.credited_as, c.note, c.billing_order) for c in doc.credits]
    assert cast[1:] == [("Ann Lee", "Irene", "", "", 1), ("Bo Berg", "Kai", "Bob Berg", "voice", 2)]
    assert [(d.territory, d.company) for d in doc.distributors] == [
        ("UK", "Metrodome Group"),
        ("USA", "Magnolia Films"),
    ]
    assert doc.title == "The Harbour" and not doc.warnings and not doc.reviews


def test_metadata_dump_block_of_fields_some_unknown_reads_the_known_ones():
    doc = parse_document(
        "dump.txt",
        b"A logline.\n\nRelease Year: 1990\nDirector: Tom Vint\nFilm Length: 2,700 m\n"
        b"Runtime: 96 min\n\nAnn Lee - Irene\nBo Berg - Kai\n",
    )
    assert doc.year == 1990 and [r.minutes for r in doc.runtimes] == [96]
    assert [c.name for c in doc.credits if c.role == "director"] == ["Tom Vint"]
    assert [(w.line, w.code) for w in doc.warnings] == [(5, "unknown_field")]  # Film Length
    assert not doc.notes


def test_a_kits_cast_and_crew_listed_a_name_a_line_under_their_keys():
    """`Cast:` with nothing after it, over its actors a line each (they were lines kept
    aside, the cast lost); `Writers:` too."""
    doc = parse_document(
        "kit.txt",
        b"Year: 2005\nDirector: Tom Vint\nCast:\nAnn Lee\nBo Berg\nWriters:\nCy Dahl\n"
        b"Di Eng\nRunning time: 1h 48m\nCountry: Denmark\n\n\n"
        b"NIGHT STORY tells the story of Ida (Ann Lee).\n",
    )
    assert [(c.name, c.role, c.billing_order) for c in doc.credits if c.role != "director"] == [
        ("Ann Lee", "cast", 1),
        ("Bo Berg", "cast", 2),
        ("Cy Dahl", "writer", None),
        ("Di Eng", "writer", None),
        ("Ann Lee", "cast", None),  # the synopsis's `Ida (Ann Lee)`
    ]
    assert [r.minutes for r in doc.runtimes] == [108]
    assert not doc.warnings


def test_press_kit_cast_with_parts_after_as():
    doc = parse_document(
        "kit.txt",
        b"Year: 1990\nCast: Ann Lee as Irene, Bo Berg as The Driver, Cy Dahl (uncredited)\n"
        b"Director: Tom Vint\n\n\nTHE HARBOUR tells the story of Irene.\n",
    )
    assert [(c.name, c.character, c.note) for c in doc.credits if c.role == "cast"] == [
        ("Ann Lee", "Irene", ""),
        ("Bo Berg", "The Driver", ""),
        ("Cy Dahl", "", "uncredited"),
    ]


def test_press_kit_synopsis_opening_with_a_title_that_holds_a_colon():
    doc = parse_document("kit.txt", TITLE_WITH_COLON_KIT)
    # Not a field `THREE COLOURS` of value `RED tells the story …`: the synopsis and its title.
    assert doc.title == "Three Colours: Red"
    assert doc.synopsis.startswith("THREE COLOURS: RED tells the story of Valentine")
    assert ("Ann Lee", "Valentine") in [(c.name, c.character) for c in doc.credits]
    assert [(m.title, m.year) for m in doc.mentioned_films] == [
        ("THREE COLOURS: BLUE", 1993),
        ("THREE COLOURS: WHITE", 1994),
        ("THREE COLOURS: RED", 1994),
    ]
    assert not [w for w in doc.warnings if w.code in ("unknown_field", "no_synopsis")]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("UK", 99)]


@pytest.mark.parametrize(
    "a, b, close",
    [
        ("Three Colors: Blue", "Three Colours: Blue", True),
        ("THREE COLOURS: BLUE", "Three Colors: Blue", True),
        ("Three Colours", "Three Colors: Blue", True),  # one without a subtitle
        ("Three Colours: Red", "Three Colours: White", False),
        ("Three Colours: Red", "Three Colours: Bed", False),  # the subtitles differ too much
        ("Pusher II", "Pusher III", False),  # another numeral
        ("Scream", "Screams", False),  # too short for a letter's difference
        ("Lock, Stock and Two Smoking Barrels", "Lock, Stock & Two Smoking Barrels", True),
        ("Old Boy", "Oldboy", True),  # words run together
        ("Spider-Man 2", "Spiderman 2", True),
        ("Old Boy", "Oldboys", False),
        ("The Celebration", "Celebration", True),  # an article aside
        ("The Godfather: Part II", "Godfather: Part II", True),
        ("Die Hard", "Hard", False),  # `die` is no article here
        ("The Island", "Treasure Island", False),
        ("Kill Bill: Vol. 1", "Kill Bill: Volume 1", True),  # one part's number, written out
        ("Kill Bill: Vol. 1", "Kill Bill: Volume 2", False),
        ("Kolja", "Kolya", True),  # transliterated otherwise
        ("Brat 2", "Brat II", True),
    ],
)
def test_titles_close(a, b, close):
    from reviews.loader import titles_close

    assert titles_close(a, b) is close
    assert titles_close(b, a) is close


@pytest.mark.parametrize(
    ("a", "b", "within"),
    [
        ("Sympathy for Lady Vengeance", "Lady Vengeance", True),
        ("Bram Stoker's Dracula", "Dracula", True),  # after a possessive, one word is enough
        ("Dead Heat", "Heat", False),
        ("Lady Vengeance", "Lady Vengeance", False),  # the same title: not this rule's
        ("Sympathy for Lady Vengeance: Part One", "Lady Vengeance: Fade to White", False),
        ("Lady Vengeance Returns", "Lady Vengeance", False),  # words after it, not before
    ],
)
def test_a_title_with_words_before_it(a, b, within):
    from reviews.loader import title_within

    assert title_within(a, b) is within
    assert title_within(b, a) is within


@pytest.mark.parametrize(
    ("paragraph", "name"),
    [
        ("the third chapter of what has become known as the Before Trilogy.", "The Before Trilogy"),
        ("Out now as THE HEIST TRILOGY on disc.", "The Heist Trilogy"),
        ("He completed the Three Colours trilogy in 1994.", "The Three Colours Trilogy"),
        ("Ten years of Dune Saga fans.", "Dune Saga"),
        # A title's small words inside its name; the words that open the sentence left out.
        ("2 May 2002 (Back to the Future Trilogy)", "Back to the Future Trilogy"),
        ("For the Lord of the Rings trilogy, he", "The Lord of the Rings Trilogy"),
        ("In the Godfather trilogy he grew old.", "The Godfather Trilogy"),
        # A trilogy the prose speaks of, not by name.
        ("The resulting trilogy stands as a masterful reinvention.", ""),
        ("His Trilogy of the night ends here. This Trilogy too.", ""),
        ("A film in three parts.", ""),
        # By its theme.
        ("The final film of Park's revenge trilogy, after X (2002).", "The Revenge Trilogy"),
        ("His trilogy on revenge opened in 2002.", "The Revenge Trilogy"),
        ("Her acclaimed trilogy ends here.", ""),
        # Whose it is, left out.
        ("Based on Stieg Larsson's Millennium trilogy.", "The Millennium Trilogy"),
        ("The last film of his Death trilogy.", "The Death Trilogy"),
        # A cycle, by its name only.
        ("the third chapter of the Antoine Doinel cycle.", "The Antoine Doinel Cycle"),
        ("a cycle of violence.", ""),
    ],
)
def test_press_kit_prose_that_names_its_series(paragraph, name):
    assert series_named_in(paragraph) == name


def test_films_named_together_in_a_sentence_about_a_series_are_its_films():
    text = (
        "He made his name in 2000 with JOINT SECURITY AREA. His trilogy on revenge opened in "
        "2002 with SYMPATHY FOR MR. VENGEANCE, continued in 2003 with OLDBOY, and closed in 2005 "
        "with LADY VENGEANCE. The trilogy ends with HEAT (1995)."
    )
    assert [(m.title, m.in_series) for m in mentions_in(text, 1)] == [
        ("JOINT SECURITY AREA", False),
        ("SYMPATHY FOR MR. VENGEANCE", True),
        ("OLDBOY", True),
        ("LADY VENGEANCE", True),
        ("HEAT", False),  # a sentence about a series that names one film: too little
    ]


@pytest.mark.parametrize(
    "closing, in_series",
    [
        ("Together the three films are known as the Apu Trilogy.", [True, True, True]),
        ("All three are known as the Apu Trilogy.", [True, True, True]),
        # Counted otherwise than the films before it: none is placed.
        ("The four films are known as the Apu Trilogy.", [False, False, False]),
        # Not a sentence about the series.
        ("Together the three films made his name.", [False, False, False]),
    ],
)
def test_a_sentence_that_counts_back_to_the_films_before_it_names_their_series(closing, in_series):
    text = (
        "Ray made his first feature, PATHER PANCHALI, in 1955. Its success let him go on with "
        "APARAJITO in 1956, and end in 1959 with APUR SANSAR (THE WORLD OF APU). " + closing
    )
    found = mentions_in(text, 1)
    assert [(m.title, m.year, m.in_series) for m in found] == [
        ("PATHER PANCHALI", 1955, in_series[0]),
        ("APARAJITO", 1956, in_series[1]),
        ("APUR SANSAR", 1959, in_series[2]),  # its other title in parentheses: no film
    ]
    assert found[2].other_titles == ("THE WORLD OF APU",)


def test_a_credited_name_in_parentheses_after_a_title_in_capitals_is_no_other_title():
    found = mentions_in("In 1990 came HARBOUR (ANN LEE) and DUSK (THE DARK HOUR).", 1, {"ann lee"})
    assert [(m.title, m.other_titles) for m in found if m.year] == [("HARBOUR", ())]
    assert [(m.title, m.other_titles) for m in found if not m.year] == [
        ("ANN LEE", ()),
        ("DUSK", ("THE DARK HOUR",)),
    ]


def test_a_kits_synopsis_opening_with_its_title_and_another_in_parentheses():
    doc = parse_document(
        "kit.txt",
        b"Year: 1955\nCast: Ann Lee, Bo Berg\nDirector: Cy Dahl\n\n"
        b"LITTLE ROAD (SONG OF THE ROAD) tells the story of Ida (Ann Lee) and her brother Bo "
        b"(Bo Berg), growing up in a village.\n",
    )
    assert doc.title == "Little Road"
    assert [(t.title, t.kind) for t in doc.other_titles] == [("Song of the Road", "aka")]
    assert doc.synopsis.startswith("LITTLE ROAD (SONG OF THE ROAD) tells")
    assert sorted((c.name, c.character) for c in doc.credits if c.character) == [
        ("Ann Lee", "Ida"),
        ("Bo Berg", "Bo"),
    ]


def test_a_title_in_capitals_after_its_makers_possessive_is_the_title_alone():
    text = (
        "It began with Ridley Scott's ALIEN (1979) and James Cameron’s ALIENS (1986); "
        "Rocky III (1982) is another story."
    )
    assert [(m.title, m.year) for m in mentions_in(text, 1)] == [
        ("ALIEN", 1979),
        ("ALIENS", 1986),
        ("Rocky III", 1982),  # a numeral in capitals after a title-cased word is its own
    ]


def test_mentions_of_titles_written_in_title_case_with_their_year():
    text = (
        "Park Chan-wook's trilogy on revenge opened with Sympathy for Mr. Vengeance (2002), "
        "continued in 2003 with Oldboy (2003) and closed with Lady Vengeance (2005). In the "
        "Mood for Love (2000), “Heat” (1995), Bram Stoker's Dracula (1992) and Rocky IV (1985) "
        "are other films. Following Heat (1995), Park's Oldboy (2003) won in Cannes (2004)."
    )
    assert [(m.title, m.year, m.in_series) for m in mentions_in(text, 1, {"park chan wook"})] == [
        ("Sympathy for Mr. Vengeance", 2002, True),
        ("Oldboy", 2003, True),
        ("Lady Vengeance", 2005, True),
        ("In the Mood for Love", 2000, False),
        ("Heat", 1995, False),
        ("Bram Stoker's Dracula", 1992, False),
        ("Rocky IV", 1985, False),
        # Named again: `Following Heat (1995)` is Heat, `Park's Oldboy (2003)` Oldboy (the
        # director's possessive is not the title's), each one mention.
        ("Cannes", 2004, False),  # what looks like a title is one: no film of the series
    ]


def test_a_kit_in_title_case_has_its_title_from_the_prose():
    doc = parse_document(
        "kit.txt",
        b"Year: 2005\nCast: Lee Young-ae, Choi Min-sik\nDirector: Park Chan-wook\n\n\n"
        b"His trilogy on revenge opened with Sympathy for Mr. Vengeance (2002), continued with "
        b"Oldboy (2003) and closed with Sympathy for Lady Vengeance (2005).\n\n"
        b"Sympathy for Lady Vengeance tells the story of Lee Geum-ja (Lee Young-ae).\n",
    )
    assert (doc.title, doc.title_line) == ("Sympathy for Lady Vengeance", 8)
    assert doc.synopsis.startswith("Sympathy for Lady Vengeance tells")
    assert [m.title for m in doc.mentioned_films if m.in_series] == [
        "Sympathy for Mr. Vengeance",
        "Oldboy",
        "Sympathy for Lady Vengeance",
    ]
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Lee Young-ae", "Lee Geum-ja")
    ]


def test_a_title_less_kit_names_its_film_as_the_new_one():
    doc = parse_document(
        "kit.txt",
        b"Year: 1984\nCast: Ann Lee, Bo Berg\nDirector: Kim Dahl\n\n\n"
        b"Three years after THE HARBOUR (1981) made Ann Lee a star, Kim Dahl returns with "
        b"NIGHT OF THE HARBOUR, a prequel set a year before the first film. The story will "
        b"continue in 1989 with THE LAST HARBOUR. Dahl also made HEAT (1986).\n\n"
        b"Five years after his first film, BLEEDER (1979), Dahl returns with NIGHT OF THE "
        b"HARBOUR.\n\n"
        b"Ida (Ann Lee) comes home.\n",
    )
    assert (doc.title, doc.title_line) == ("Night of the Harbour", 6)
    assert [(m.title, m.year, m.in_series) for m in doc.mentioned_films] == [
        ("THE HARBOUR", 1981, True),  # the new film's sentence says `prequel`
        ("THE LAST HARBOUR", 1989, True),  # `The story will continue … with`
        ("HEAT", 1986, False),
        ("BLEEDER", 1979, False),  # the director's first film, not the series'
    ]


@pytest.mark.parametrize(
    "sentence",
    [
        "His earlier film, NIGHT OF THE HARBOUR, was a hit.",  # not said to be the new one
        "Dahl returns with NIGHT OF THE HARBOUR and comes back with THE LAST HARBOUR.",  # two
    ],
)
def test_a_title_less_kit_takes_no_title_the_prose_does_not_name_as_its_one_new_film(sentence):
    doc = parse_document(
        "kit.txt",
        b"Year: 1984\nCast: Ann Lee, Bo Berg\nDirector: Kim Dahl\n\n\n"
        + sentence.encode()
        + b"\n\nIda (Ann Lee) comes home.\n",
    )
    assert doc.title == ""


@pytest.mark.parametrize("cast", ["Ann Lee, Bo Berg", "Ann Lee"])
def test_a_bio_under_its_heading_is_no_synopsis_of_a_film_titled_by_its_name(cast):
    """`BO BERG (Ole) first won …` under `ABOUT THE CAST`, whether the kit credits Bo Berg or
    not: a bio, not the synopsis of a film titled `Bo Berg`."""
    doc = parse_document(
        "kit.txt",
        f"Year: 1984\nCast: {cast}\nDirector: Kim Dahl\n\n\nIda (Ann Lee) comes home.\n\n"
        "ABOUT THE CAST\n\nBO BERG (Ole) first won audiences in HEAT (1980).\n".encode(),
    )
    assert (doc.title, doc.synopsis) == ("", "Ida (Ann Lee) comes home.")
    assert [n.text[:7] for n in doc.notes if n.kind == "press"] == ["BO BERG"]


@pytest.mark.parametrize(
    "sentence, new",
    [
        ("Bo Berg returns as the sailor with NIGHT OF THE HARBOUR.", True),
        ("Bo Berg returns as the sailor with IDA (Ann Lee) at his side.", False),  # a part
        ("Kim Dahl completes the saga with NIGHT OF THE HARBOUR.", True),
        ("Kim Dahl concludes his harbour trilogy with NIGHT OF THE HARBOUR.", True),
        ("Bo Berg is back in NIGHT OF THE HARBOUR.", True),
        ("Bo Berg was seen in NIGHT OF THE HARBOUR.", False),
        ("Bo Berg returns as the most feared sailor of the coast in NIGHT OF THE HARBOUR.", True),
        ("Bo Berg returns as the sailor he played in NIGHT OF THE HARBOUR.", False),  # earlier
    ],
)
def test_what_a_kit_names_as_the_new_film_is_no_part_with_its_actor(sentence, new):
    assert [m.new for m in mentions_in(sentence, 1, {"ann lee", "bo berg"})] == [new]


def test_a_kits_synopsis_names_its_film_as_the_new_one_and_the_film_it_follows():
    """The synopsis opens with the hero and his actor, and names the kit's film as the one he
    is back in, with a fraction in its number, and the film it is the follow-up to, its year
    before it (`1988's box-office smash`): the kit's title, and a film of its series. The
    synopsis's other capitals are no films. `Nordberg (O.J. Simpson)` is a part."""
    doc = parse_document(
        "kit.txt",
        b"Year: 1991\nCast: Leslie Nielsen, O.J. Simpson\nDirector: David Zucker\n\n\n"
        b"Lt. Frank Drebin (Leslie Nielsen) is back in THE NAKED GUN 2 1/2: THE SMELL OF FEAR, "
        b"the follow-up to 1988's box-office smash THE NAKED GUN: FROM THE FILES OF POLICE "
        b"SQUAD!\n\nDrebin guards the FBI man, helped by the accident-prone Nordberg "
        b"(O.J. Simpson).\n",
    )
    assert (doc.title, doc.title_line) == ("The Naked Gun 2 1/2: The Smell of Fear", 6)
    assert [(m.title, m.year, m.in_series) for m in doc.mentioned_films] == [
        ("THE NAKED GUN: FROM THE FILES OF POLICE SQUAD", 1988, True)
    ]
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Leslie Nielsen", "Lt. Frank Drebin"),
        ("O.J. Simpson", "Nordberg"),
    ]


@pytest.mark.parametrize(
    "sentence, credits",
    [
        (
            "Directed by Kim Dahl from a screenplay by Kim Dahl and Bo Berg, the film is fun.",
            [("Kim Dahl", "director"), ("Kim Dahl", "writer"), ("Bo Berg", "writer")],
        ),
        (
            "Written and directed by Cy Lund, it is fun.",
            [("Cy Lund", "director"), ("Cy Lund", "writer")],
        ),
        (
            "Directed by Cy Lund from his own script.",
            [("Cy Lund", "director"), ("Cy Lund", "writer")],
        ),
        (
            "Written by Bo Berg and Cy Lund, the film is fun.",
            [("Bo Berg", "writer"), ("Cy Lund", "writer")],
        ),
        ("Directed by Cy Lund, HEAT (1986) was a hit.", []),  # another film's
        (  # this film's, naming another
            "Directed by Cy Lund, the film goes back to HEAT (1986).",
            [("Cy Lund", "director")],
        ),
        ("The story was directed by fate.", []),
    ],
)
def test_a_kits_prose_credits_its_film(sentence, credits):
    """The director and writers a sentence of the kit's prose opens with, besides those of
    its fields (Kim Dahl's direction, once); not those of a cast member's bio."""
    doc = parse_document(
        "kit.txt",
        b"Year: 1991\nCast: Ann Lee\nDirector: Kim Dahl\n\n\nIda (Ann Lee) comes home. "
        + sentence.encode()
        + b"\n\nABOUT THE CAST\n\nANN LEE (Ida) began on stage. Directed by Ola Vik, she shone.\n",
    )
    assert [(c.name, c.role) for c in doc.credits if c.role != "cast"] == [
        ("Kim Dahl", "director"),
        *[credit for credit in credits if credit != ("Kim Dahl", "director")],
    ]


def test_a_dumps_heading_titled_with_a_colon_is_its_title():
    """`The Naked Gun: From the Files of Police Squad! (1988)` over the dump: its title, not a
    field `The Naked Gun` of no known kind."""
    doc = parse_document(
        "dump.txt",
        b"The Naked Gun: From the Files of Police Squad! (1988)\n\n"
        b"A detective must foil an attempt to assassinate the Queen.\n\n"
        b"Release Year: 1988\n\nDirector: David Zucker\n\nStars: Leslie Nielsen\n\n"
        b"Leslie Nielsen - Lt. Frank Drebin\n",
    )
    assert (doc.title, doc.year, doc.title_line) == (
        "The Naked Gun: From the Files of Police Squad!",
        1988,
        1,
    )
    assert doc.logline.startswith("A detective") and not doc.warnings


@pytest.mark.parametrize(
    "sentence",
    [
        "After HEAT (2002) and COLD (2006), Kim Dahl was chosen to take over the franchise.",
        "Kim Dahl, who made HEAT (1999) and COLD (2001), now directs the third film of the saga.",
    ],
)
def test_films_named_before_a_series_in_a_career_are_not_its(sentence):
    """A director's films named before the series he joins: none of them is of it."""
    assert [m.in_series for m in mentions_in(sentence, 1)] == [False, False]


@pytest.mark.parametrize(
    "career",
    [
        "Bird, director of THE TOYS (2004) and RATS (2007), makes his debut with",
        "Bird, the man behind the hits THE TOYS (2004) and RATS (2007), makes his debut with",
        "Bird, best known for THE TOYS (2004), RATS (2007), makes his debut with",
    ],
)
def test_a_makers_earlier_films_in_a_sentence_about_the_series_are_not_its(career):
    """A director's earlier work, named in a sentence that names the series' films besides,
    is no film of the series (it was: the sentence was about the series)."""
    text = (
        f"{career} HARBOUR: NIGHTS – GHOSTS, the fourth film in the HARBOUR: NIGHTS franchise, "
        "after HARBOUR: NIGHTS (1996), HARBOUR: NIGHTS 2 (2000) and HARBOUR: NIGHTS III (2006)."
    )
    assert [(m.title, m.in_series) for m in mentions_in(text, 1) if m.year] == [
        ("THE TOYS", False),
        ("RATS", False),
        ("HARBOUR: NIGHTS", True),
        ("HARBOUR: NIGHTS 2", True),
        ("HARBOUR: NIGHTS III", True),
    ]


def test_a_makers_films_that_are_the_series_ones_stay_its():
    """The films a phrase about the director names are the series' when the sentence names
    one other film alone, the one they lead to."""
    text = (
        "Ray, director of PATHER (1955) and APARAJITO (1956), completes his trilogy with "
        "SANSAR (1959)."
    )
    assert [(m.title, m.in_series) for m in mentions_in(text, 1)] == [
        ("PATHER", True),
        ("APARAJITO", True),
        ("SANSAR", True),
    ]


def test_a_synopsis_opening_with_a_title_whose_subtitle_follows_a_dash():
    """`MISSION: IMPOSSIBLE – GHOST PROTOCOL tells the story of …`: the kit's title, with its
    dash (it was a field `MISSION` of no known kind, and the kit had no title)."""
    doc = parse_document(
        "kit.txt",
        "Year: 2011\nDirector: Kim Dahl\nCast: Ann Lee, Bo Berg\n\n\n"
        "HARBOUR: NIGHTS – GHOSTS tells the story of Sam (Ann Lee), whose team is blamed for a "
        "bombing, and of Joe (Bo Berg).\n".encode(),
    )
    assert doc.title == "Harbour: Nights – Ghosts"
    assert doc.synopsis.startswith("HARBOUR: NIGHTS – GHOSTS tells")
    assert not doc.warnings


def test_a_film_placed_in_a_series_of_films_names_it_and_its_films():
    """`the fifth film in the Harry Potter series, which began with A (2001) and continued
    with B (2002)`: a series of films, named; a series alone is not one (`the television
    series`)."""
    text = (
        "HARBOUR AND THE GHOSTS is the third film in the Harbour Nights series, which began "
        "with HARBOUR AND THE STONE (2001) and continued with HARBOUR AND THE FIRE (2002). "
        "Kim Dahl made his name in the television series THE PORT (2003) and in a series of "
        "shorts, DOCKS (2004) and CRANES (2005)."
    )
    assert [(m.title, m.in_series) for m in mentions_in(text, 1) if m.year] == [
        ("HARBOUR AND THE STONE", True),
        ("HARBOUR AND THE FIRE", True),
        ("THE PORT", False),
        ("DOCKS", False),
        ("CRANES", False),
    ]
    assert series_named_in(text) == "The Harbour Nights Series"
    assert series_named_in("Dahl made his name in the television series THE PORT (2003).") == ""


def test_a_synopsis_after_a_paragraph_that_places_the_film_in_its_series():
    """A kit whose only paragraph opening with its title places the film among the others:
    the synopsis is the later one that names the actors' parts (`In X, Harry (Ann Lee) …`),
    the first a press note (it was the synopsis, and its films no mentions)."""
    doc = parse_document(
        "kit.txt",
        b"Year: 2007\nDirector: Kim Dahl\nCast: Ann Lee, Bo Berg\n\n\n"
        b"HARBOUR AND THE GHOSTS is the third film in the Harbour series, which began with "
        b"HARBOUR AND THE STONE (2001) and continued with HARBOUR AND THE FIRE (2002).\n\n"
        b"In HARBOUR AND THE GHOSTS, Sam (Ann Lee) comes home to find Joe (Bo Berg) gone.\n",
    )
    assert (doc.title, doc.title_line) == ("Harbour and the Ghosts", 6)
    assert doc.synopsis.startswith("In HARBOUR AND THE GHOSTS, Sam (Ann Lee)")
    assert [n.text[:22] for n in doc.notes if n.kind == "press"] == ["HARBOUR AND THE GHOSTS"]
    assert [(m.title, m.in_series) for m in doc.mentioned_films if m.year] == [
        ("HARBOUR AND THE STONE", True),
        ("HARBOUR AND THE FIRE", True),
    ]
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Ann Lee", "Sam"),
        ("Bo Berg", "Joe"),
    ]


def test_a_sentence_about_a_franchise_names_its_films():
    text = (
        "HARBOUR NIGHTS is the third installment of the franchise that began with THE "
        "HARBOUR (2001) and continued with 2 HARBOURS (2003). Dahl also made HEAT (1999)."
    )
    assert [(m.title, m.in_series) for m in mentions_in(text, 1)] == [
        ("HARBOUR NIGHTS", False),
        ("THE HARBOUR", True),
        ("2 HARBOURS", True),
        ("HEAT", False),
    ]


def test_a_film_a_sentence_places_in_a_series_is_its_film():
    text = (
        "He made his name with AMORES PERROS (2000), the first film of his Death trilogy. "
        "Then came BIUTIFUL (2010), the first film after the trilogy."
    )
    assert [(m.title, m.in_series) for m in mentions_in(text, 1)] == [
        ("AMORES PERROS", True),
        ("BIUTIFUL", False),
    ]


def test_other_titles_of_a_dump_and_a_press_kit():
    dump = METADATA.replace(
        b"Taglines: Drive.",
        b"Taglines: Drive.\n\nOriginal Title: Le Chauffeur\n\n"
        b"Also Known As: The Driver (UK) / Night Drive; Kor (original title)",
    )
    doc = parse_document("dump.txt", dump)
    assert [(t.title, t.kind) for t in doc.other_titles] == [
        ("Le Chauffeur", "original"),
        ("The Driver", "aka"),
        ("Night Drive", "aka"),
        ("Kor", "original"),
    ]
    assert not doc.title and not [w for w in doc.warnings if w.code == "unknown_field"]
    # Nothing that is no title: punctuation, a note alone.
    empty = METADATA.replace(b"Taglines: Drive.", b"Original Title: ; /\n\nAlso Known As: (France)")
    assert parse_document("dump.txt", empty).other_titles == []
    kit = parse_document("kit.txt", KIT.replace(b"Certificate: 15\n", b"AKA: Fear X\n"))
    # Not the distributor `Fear X` in the territory `AKA`.
    assert [(t.title, t.kind) for t in kit.other_titles] == [("Fear X", "aka")]
    assert "AKA" not in [d.territory for d in kit.distributors]


def test_an_other_title_said_to_be_the_english_title():
    dump = METADATA.replace(
        b"Taglines: Drive.",
        b"Taglines: Drive.\n\nAlso Known As: Yojimbo (World-wide: English title) / "
        b"Y\xc3\xb4jinb\xc3\xb4 (Japan: original title) / Le Garde du corps (France)",
    )
    assert [(t.title, t.kind) for t in parse_document("dump.txt", dump).other_titles] == [
        ("Yojimbo", "english"),
        ("Yôjinbô", "original"),
        ("Le Garde du corps", "aka"),
    ]


def test_other_titles_parted_by_commas_after_their_countries():
    """`Retour vers le futur (France), Regreso al futuro (Spain)`: two titles (it was one,
    `Retour vers le futur (France), Regreso al futuro`); a comma of a title stays its own."""
    dump = METADATA.replace(
        b"Taglines: Drive.",
        b"Taglines: Drive.\n\nAlso Known As: Retour vers le futur (France), Regreso al futuro "
        b"(Spain), The Good, the Bad and the Ugly (USA)",
    )
    assert [t.title for t in parse_document("dump.txt", dump).other_titles] == [
        "Retour vers le futur",
        "Regreso al futuro",
        "The Good, the Bad and the Ugly",
    ]


WRAPPED_XML = """<?xml version="1.0" encoding="UTF-8"?>
<movie>
  <title>Rouge</title>
  <originalTitle>Trois couleurs: Rouge</originalTitle>
  <aka>Red</aka>
  <aka>Drei Farben: Rot</aka>
  <year>1994</year>
  <genre>Drama</genre>
  <reviews>
    <review id="1">
      <date>2001-03-04</date>
      <username>zoe</username>
      <score>0.9</score>
      <shortDescription>Fraternité</shortDescription>
      <fullReview>Lumineuse.</fullReview>
      <helpful>12/15</helpful>
      <spoilers>true</spoilers>
      <country>France</country>
    </review>
    <review>
      <username>yves</username>
      <fullReview>Trop lent.</fullReview>
      <helpful>3 out of 2</helpful>
      <spoiler>yes</spoiler>
      <country>Belgium</country>
    </review>
  </reviews>
</movie>
"""


def test_review_xml_reviews_in_a_wrapper_with_votes_spoilers_and_an_original_title():
    doc = parse_document("wrapped.xml", WRAPPED_XML.encode())
    assert [(n.kind, n.text, n.line) for n in doc.notes] == [("genre", "Drama", 8)]
    assert [(t.title, t.kind) for t in doc.other_titles] == [
        ("Trois couleurs: Rouge", "original"),
        ("Red", "aka"),
        ("Drei Farben: Rot", "aka"),
    ]
    first, second = doc.reviews
    assert (first.username, first.helpful_yes, first.helpful_total, first.has_spoilers) == (
        "zoe",
        12,
        15,
        True,
    )
    assert (second.username, second.helpful_yes, second.has_spoilers) == ("yves", None, True)
    # Nothing left out in silence: the country of each review, the crawler's id of the first,
    # the impossible votes.
    assert [(w.line, w.code, w.message) for w in doc.warnings] == [
        (20, "bad_helpful", "helpful votes '3 out of 2' are not 'N/M' with N up to M"),
        (
            18,
            "unknown_element",
            "element <country> of a review was not read (2 reviews; the first here)",
        ),
        (
            10,
            "unknown_element",
            "attribute id= of a review was not read (1 review; the first here)",
        ),
    ]


@pytest.mark.parametrize(
    ("votes", "read", "warned"),
    [
        ("<helpfulYes>3</helpfulYes><helpfulTotal>4</helpfulTotal>", (3, 4), False),
        ("<upVotes>3</upVotes><downVotes>1</downVotes>", (3, 4), False),
        ("<helpfulVotes>3</helpfulVotes><totalVotes>2</totalVotes>", (None, None), True),
        ("<helpfulYes>many</helpfulYes>", (None, None), True),
    ],
)
def test_review_xml_with_its_votes_in_an_element_each(votes, read, warned):
    """Votes for and in all (or for and against) in elements of their own: read as one
    count; votes that make no count are a warning, never dropped in silence."""
    xml = (
        "<movie><title>Heat</title><year>1995</year><review><date>2001-03-04</date>"
        f"<username>zoe</username><score>0.9</score><shortDescription>Tense</shortDescription>"
        f"<fullReview>Long and tense.</fullReview>{votes}</review></movie>"
    )
    doc = parse_document("votes.xml", xml.encode())
    [review] = doc.reviews
    assert (review.helpful_yes, review.helpful_total) == read
    assert [w.code for w in doc.warnings] == (["bad_helpful"] if warned else [])


def test_review_xml_of_another_crawler_names_its_elements_otherwise():
    xml = (
        "<movie><title>Heat</title><year>1995</year><review><date>2001-03-04</date>"
        "<author>zoe</author><score>0.9</score><summary>Tense</summary>"
        "<text>Long and tense.</text></review></movie>"
    )
    doc = parse_document("other.xml", xml.encode())
    [review] = doc.reviews
    assert (review.username, review.title, review.body, review.rating) == (
        "zoe",
        "Tense",
        "Long and tense.",
        Decimal("9"),
    )
    assert not doc.warnings


def test_an_encoding_the_xml_declares_is_read_without_a_warning():
    polish = '<?xml version="1.0" encoding="ISO-8859-2"?>\n' + review_xml("Kieślowski łagodny.")
    text, warnings = decode(polish.encode("iso-8859-2"), "pl.xml")
    assert "Kieślowski łagodny." in text and not warnings
    doc = parse_document("pl.xml", polish.encode("iso-8859-2"))
    assert doc.reviews[0].body == "Kieślowski łagodny."
    # Declared Latin-1 is read as Windows-1252 (its superset): as declared, no warning.
    latin = '<?xml version="1.0" encoding="ISO-8859-1"?>\n' + review_xml("Zoé “dit”.")
    text, warnings = decode(latin.encode("cp1252"), "fr.xml")
    assert "Zoé “dit”." in text and not warnings


def test_review_xml_with_its_facts_in_attributes_and_html_in_cdata():
    """`<review date=… author=… score=…>` was read without its author, date and rating; a
    CDATA section's `<br/>` and `<i>` stayed in the text."""
    xml = (
        "<movie><title>Festen</title><year>1998</year><reviews>\n"
        '<review date="2001-03-04" author="dogme_fan" score="0.9" lang="da">\n'
        "<summary><![CDATA[A dinner & a speech]]></summary>\n"
        "<text><![CDATA[The <i>speech</i> is brave.<br/>Every word lands.]]></text>\n"
        '</review>\n<review date="2002-01-01" lang="en"><date>2002-06-18</date>'
        "<text>Handheld.</text></review></reviews></movie>"
    )
    doc = parse_document("festen.xml", xml.encode())
    first, second = doc.reviews
    assert (first.username, first.date, first.rating, first.title) == (
        "dogme_fan",
        date(2001, 3, 4),
        Decimal("9"),
        "A dinner & a speech",
    )
    assert first.body == "The speech is brave.\n\nEvery word lands."
    assert second.date == date(2002, 6, 18)  # the element says it better than the attribute
    assert [(w.line, w.message) for w in doc.warnings] == [
        (2, "attribute lang= of a review was not read (2 reviews; the first here)")
    ]


def test_review_xml_whose_elements_say_in_attributes_what_their_values_mean():
    """`<helpful yes="3" total="4"/>` is 3 of 4 votes (they were lost, with no warning);
    `<rating max="5">4</rating>` is 4 out of 5, 8 on the site's scale (it was read as 4); HTML
    in a CDATA section is read with its entities (`&amp;` stayed as written); an attribute of
    an element that says nothing the site keeps is warned about."""
    xml = (
        "<movie><title>Festen</title><year>1998</year><reviews>\n"
        "<review>\n"
        '<helpful yes="3" total="4"/>\n'
        '<rating max="5">4</rating>\n'
        "<text><![CDATA[<p>A dinner &amp; a speech.</p><p>Brave.</p>]]></text>\n"
        '<author lang="da">dogme_fan</author>\n'
        "</review></reviews></movie>"
    )
    doc = parse_document("festen.xml", xml.encode())
    [review] = doc.reviews
    assert (review.helpful_yes, review.helpful_total) == (3, 4)
    assert review.rating == Decimal("8.0") and review.username == "dogme_fan"
    assert review.body == "A dinner & a speech.\n\nBrave."
    assert [(w.line, w.message) for w in doc.warnings] == [
        (6, "attribute lang= of a review was not read (1 review; the first here)")
    ]


def test_review_page_spoiler_warning_anywhere_in_the_review_is_the_pages_flag():
    page = PAGE.replace(b"Warning: Spoilers\nLoved it. 8/10", b"Loved it. 8/10\nWarning: Spoilers")
    first = parse_document("page.txt", page).reviews[0]
    assert first.has_spoilers and first.body == "Loved it. 8/10"


def test_metadata_dump_keys_of_other_layouts_and_trivia_after_the_quotes():
    dump = (
        METADATA.replace(b"Director: Sam Smith", b"Directed by: Sam Smith")
        .replace(b"Stars: Ann Lee, Bo Berg", b"Cast: Ann Lee, Bo Berg, Di Eng\n\nWritten by: Ed Fu")
        .replace(b"Taglines: Drive.", b"Country of origin: Denmark\n\nFilm Length: 2,700 m")
        .replace(b"Driver: Hello.\n", b"Driver: Hello.\n\nIt was shot in eleven nights.\n")
    )
    doc = parse_document("dump.txt", dump)
    credits = [(c.name, c.role, c.character, c.top_billed, c.billing_order) for c in doc.credits]
    assert ("Sam Smith", "director", "", False, None) in credits
    assert ("Ed Fu", "writer", "", False, None) in credits
    # The cast block's actors keep their characters; the list adds the one it lacks.
    assert ("Ann Lee", "cast", "Irene", False, 1) in credits
    assert ("Di Eng", "cast", "", False, None) in credits
    listed = parse_document(
        "dump.txt", b"Release Year: 2011\n\nDirector: Sam Smith\n\nCast: A B, C D"
    )
    assert [(c.name, c.billing_order) for c in listed.credits if c.role == "cast"] == [
        ("A B", 1),
        ("C D", 2),
    ]
    assert [(n.kind, n.text) for n in doc.notes] == [
        ("country", "Denmark"),
        ("goof", "The car changes colour."),
        ("trivia", "It was shot in eleven nights."),
    ]
    assert [w.message for w in doc.warnings if w.code == "unknown_field"] == [
        "field 'Film Length' was not understood: '2,700 m'"
    ]
    review = doc.reviews[0]
    assert (review.title, review.body) == (
        "A title for the review",
        "First paragraph.\n\nSecond paragraph.",
    )


def test_press_kit_crew_keys_and_territories_in_parentheses():
    kit = KIT.replace(b"Director: Sam Smith\n", b"").replace(
        b"UK Certificate: 15 for strong language\n",
        b"Directed by: Ann Lee\nWritten by: Bo Berg & Cy Dahl\n"
        b"Release Date (UK): 10 June 1994\nDVD Release Date (UK): 2 May 2004\n"
        b"Running time (France): 95 minutes\n",
    )
    doc = parse_document("kit.txt", kit)
    crew = [(c.name, c.role) for c in doc.credits if c.role != "cast"]
    assert crew == [("Ann Lee", "director"), ("Bo Berg", "writer"), ("Cy Dahl", "writer")]
    assert [(r.territory, r.medium, r.date) for r in doc.releases] == [
        ("UK", "theatrical", date(1994, 6, 10)),
        ("UK", "dvd", date(2004, 5, 2)),
    ]
    assert ("France", 95) in [(r.territory, r.minutes) for r in doc.runtimes]
    assert not [w for w in doc.warnings if w.code == "unplaced_line"]
    assert "Directed by" not in str(doc.warnings) and "Written by" not in str(doc.warnings)


def test_press_kit_of_another_hand_starring_a_title_field_and_bare_release_dates():
    kit = (
        KIT.replace(b"Cast: Ann Lee, Bo Berg and Cy Dahl", b"Starring: Ann Lee, Bo Berg, Cy Dahl")
        .replace(b"Year: 2003\n", b"Year: 2003\nTitle: Fear X: The Cut\n")
        .replace(
            b"Certificate: 15\n",
            b"Release Date: 7 March 2003 (UK)\nRelease Date: 1 May 2003\n"
            b"DVD Release Date: 4 July 2004 (Limited)\n",
        )
    )
    assert detect_format(kit.decode()) == "press_kit"
    doc = parse_document("kit.txt", kit)
    assert (doc.title, doc.title_line) == ("Fear X: The Cut", 2)  # the field, not the synopsis
    assert [c.name for c in doc.credits if c.billing_order] == ["Ann Lee", "Bo Berg", "Cy Dahl"]
    assert [(r.territory, r.medium, r.date, r.note) for r in doc.releases] == [
        ("UK", "theatrical", date(2003, 3, 7), ""),
        ("", "theatrical", date(2003, 5, 1), ""),
        ("", "dvd", date(2004, 7, 4), "Limited"),
    ]
    assert not [w for w in doc.warnings if "Release Date" in w.message]
    # A dump with `Year:`, `Starring:` and a cast block is still a dump.
    dump = METADATA.replace(b"Release Year:", b"Year:").replace(b"Stars:", b"Starring:")
    assert detect_format(dump.decode()) == "metadata_dump"


@pytest.mark.parametrize("first", [True, False], ids=["first-review", "second-review"])
def test_review_page_spoiler_warning_between_rating_and_title(first):
    """`9/10` / `Warning: Spoilers` / title / author line: the rating and the flag are the
    review's, the title is its title, whether the review opens the page or follows another."""
    warned = (
        "9/10\nWarning: Spoilers\nThe pale man\nAna T 2 March 2007\nThe grapes.\n"
        "12 out of 14 found this helpful. Was this review helpful? Sign in to vote.\nPermalink\n"
    )
    plain = (
        "10/10\nA fairy tale\nmadrid20 January 2007\nSilent at the end.\n"
        "41 out of 45 found this helpful. Was this review helpful? Sign in to vote.\nPermalink\n"
    )
    body = warned + plain if first else plain + warned
    doc = parse_document("page.txt", f"Fauno (2006)\nUser Reviews\n2 Reviews\n{body}".encode())
    found = {r.title: (r.username, r.rating, r.has_spoilers, r.body) for r in doc.reviews}
    assert found == {
        "The pale man": ("Ana T", Decimal(9), True, "The grapes."),
        "A fairy tale": ("madrid", Decimal(10), False, "Silent at the end."),
    }
    assert not doc.warnings


NEWER_PAGE_REVIEWS = [
    "9/10\nGreat sequel\nUlrik Sander\nMar 11, 2006\nPermalink\nTonny is the heart of it.\n"
    "28 out of 33 found this helpful.\nWas this review helpful? Sign in to vote.\n",
    "Warning: Spoilers\nBleak\ngotchast\nJuly 19, 2005\nThe ending is grim.\n\n"
    "And it stays with you.\n33 out of 42 found this helpful.\n",
]


@pytest.mark.parametrize("spoiler_first", [False, True])
def test_review_page_of_a_newer_layout_permalinks_and_spoiler_warnings_above_titles(
    spoiler_first,
):
    reviews = NEWER_PAGE_REVIEWS[::-1] if spoiler_first else NEWER_PAGE_REVIEWS
    page = "Pusher II (2004) - User reviews - IMDb\n\nUser reviews\n2 Reviews\n\n"
    doc = parse_document("page.txt", (page + "\n".join(reviews)).encode())
    found = {r.title: (r.username, r.date, r.rating, r.body, r.has_spoilers) for r in doc.reviews}
    assert found == {
        "Great sequel": (
            "Ulrik Sander",
            date(2006, 3, 11),
            Decimal(9),
            "Tonny is the heart of it.",
            False,
        ),
        "Bleak": (
            "gotchast",
            date(2005, 7, 19),
            None,
            "The ending is grim.\n\nAnd it stays with you.",
            True,
        ),
    }
    assert not doc.warnings


NEWEST_PAGE = """Fargo (1996) - User reviews - IMDb

Fargo
User reviews
3 reviews
Hide Spoilers
Sort by: Helpfulness
Filter by Rating:
8/10
Oh yah
northstar
Mar 3, 1997
The accents are a joke the first ten minutes.

And the soul of the film after that.
Helpful•1,045
6
Permalink
10/10
A woodchipper
lake_wobegon
Apr 12, 1998
Warning: Spoilers
Nobody who saw it forgets the woodchipper.
Helpful•30

2
Permalink
Cold
minnesota_nice
Jun 1, 1999
Too cold for me, in every sense.
Helpful•3
"""


@pytest.mark.parametrize(
    "header, title, year",
    [
        ("Fargo\n1996\n", "Fargo", 1996),  # the year on a line of its own, under the title
        ("Fargo\n(1996)\n", "Fargo", 1996),
        ("Fargo\n", "Fargo", None),  # no year: a warning, the film found by its title
        ("1996\n", None, None),  # a year with no title over it names no film
    ],
)
def test_review_page_header_of_a_title_and_its_year_on_lines_of_their_own(header, title, year):
    text = f"{header}User reviews\n3 reviews\n" + NEWEST_PAGE.split("Filter by Rating:\n", 1)[1]
    if title is None:
        with pytest.raises(ImportFormatError, match="names the film"):
            parse_document("page.txt", text.encode())
        return
    doc = parse_document("page.txt", text.encode())
    assert (doc.title, doc.year, len(doc.reviews)) == (title, year, 3)
    assert ("no_year" in [w.code for w in doc.warnings]) == (year is None)


def test_review_page_whose_reviews_end_with_votes_for_and_against():
    """The newest layout: `Helpful•45`, then the votes against on a line of their own; the last
    review's count of votes against was not copied: its votes are not known."""
    assert detect_format(NEWEST_PAGE) == "review_page"
    doc = parse_document("page.txt", NEWEST_PAGE.encode())
    assert (doc.title, doc.year, doc.claimed_review_count) == ("Fargo", 1996, 3)
    found = [
        (r.title, r.username, r.date, r.rating, r.helpful_yes, r.helpful_total, r.has_spoilers)
        for r in doc.reviews
    ]
    assert found == [
        ("Oh yah", "northstar", date(1997, 3, 3), Decimal(8), 1045, 1051, False),
        ("A woodchipper", "lake_wobegon", date(1998, 4, 12), Decimal(10), 30, 32, True),
        ("Cold", "minnesota_nice", date(1999, 6, 1), None, None, None, False),
    ]
    assert doc.reviews[0].body == (
        "The accents are a joke the first ten minutes.\n\nAnd the soul of the film after that."
    )
    assert [(w.line, w.code) for w in doc.warnings] == [(33, "helpful_votes")]


def test_a_newest_pages_header_with_the_films_rating_and_its_buttons():
    """The header's `8.3/10` is the film's IMDb rating, its `Review`, `Sort by` and `Filter
    by`, `All reviews` the page's buttons (each was a warning, the rating lost); the first
    review's own `8/10` is still the reviewer's."""
    page = NEWEST_PAGE.replace(
        "Hide Spoilers\nSort by: Helpfulness\nFilter by Rating:\n",
        "Review\n8.3/10\nSort by\nHelpfulness\nFilter by\nAll reviews\n",
    )
    doc = parse_document("page.txt", page.encode())
    assert doc.imdb_rating == Decimal("8.3")
    assert [r.rating for r in doc.reviews] == [Decimal(8), Decimal(10), None]
    assert [(w.line, w.code) for w in doc.warnings] == [(36, "helpful_votes")]


OLDEST_PAGE = """21 Grams (2003)
User Reviews

14 out of 17 people found the following review useful:
Three broken people
Author: cinephile_mx from Mexico City, Mexico
12 December 2003

Penn, Watts and Del Toro, each at their best.

It weighs on you for days. 9/10

Was the above review useful to you?

Too clever by half
Author: harrylime
3 January 2004
*** This review may contain spoilers ***

The shuffled order is a trick.

Was the above review useful to you?
"""


def test_review_page_whose_ratings_stand_under_their_titles():
    """A copy that puts the reviewer's rating between the title and the author line: the title
    is the line above the rating, the first review's too (it was taken for the header's, and
    the rating for the title)."""
    doc = parse_document(
        "page.txt",
        b"Little Road (1955) Poster\nUser Reviews\n2 Reviews\n"
        b"A masterpiece of patience\n10/10\nmehul_k14 March 2011\nThe train scene.\n"
        b"12 out of 14 found this helpful.\nWas this review helpful? Sign in to vote.\n"
        b"10/10\n7/10\nann-2 May 2012\nA title that reads like a rating.\n"
        b"1 out of 1 found this helpful.\n",
    )
    assert [(r.title, r.username, r.rating, r.rating_source) for r in doc.reviews] == [
        ("A masterpiece of patience", "mehul_k", Decimal(10), "field"),
        ("7/10", "ann-", Decimal(10), "field"),  # the rating over its title, as before
    ]
    assert not doc.warnings


@pytest.mark.parametrize(
    "votes, stars, rating",
    [
        ("12 of 14 people found this review helpful.", "★★★★★★★★☆☆", 8),
        ("12 out of 14 users found this helpful", "★★★★☆", 8),
        ("12 of 14 found this helpful", "7/10", 7),
    ],
)
def test_review_page_with_votes_and_ratings_written_otherwise(votes, stars, rating):
    """Votes written without `out` or with `people … review`, and a rating shown as stars out
    of ten or five: each closes its review, none is glued to the next one."""
    page = (
        f"Heat (1995)\nUser Reviews\n2 Reviews\n\n{stars}\nBest heist film\nann_k29 July 2006\n"
        f"The bank robbery is staged like a war.\n{votes}\n\n"
        f"Long\nbob_h3 August 2007\nThree hours.\n{votes}\n"
    )
    doc = parse_document("page.txt", page.encode())
    assert [
        (r.title, r.username, r.rating, r.helpful_yes, r.helpful_total) for r in doc.reviews
    ] == [
        ("Best heist film", "ann_k", Decimal(rating), 12, 14),
        ("Long", "bob_h", None, 12, 14),
    ]


@pytest.mark.parametrize(
    "author_line, username",
    [
        ("by kristianbk – 6 January 2005", "kristianbk"),
        ("Reviewed by kristianbk on 6 January 2005", "kristianbk"),
        ("Written by kristianbk on Jan 6, 2005", "kristianbk"),
        ("carry on 6 January 2005", "carry on"),  # no `by`: ` on` is the username's
    ],
)
def test_review_page_author_lines_that_say_who_wrote_it(author_line, username):
    page = (
        "Heat (1995)\nUser Reviews\n1 Review\n\nThe best heist film\n"
        f"{author_line}\nThe bank robbery is staged like a war.\n"
        "12 out of 14 found this helpful. Was this review helpful? | Report this\n"
    )
    [review] = parse_document("page.txt", page.encode()).reviews
    assert (review.username, review.date) == (username, date(2005, 1, 6))


def test_review_page_of_the_oldest_layout_with_dates_under_their_key():
    """`Author: … from …` over `Date: 12 March 2005`, a blank line under the title; the count
    the page claims as `12 reviews in total`; a header line of no known kind is kept aside."""
    page = (
        "Shane (1953) - IMDb\nUser Reviews\n\n2 reviews in total\n\nIndex 2 reviews in total\n"
        "Print this page\n\n"
        "45 out of 50 people found the following review useful:\nThe greatest western\n\n"
        "Author: Shaneaddict from Wyoming\nDate: 12 March 2005\n\nEvery frame is beautiful.\n\n"
        "Was the above review useful to you?\n\n"
        "Overrated\n\nAuthor: cowpoke_77\nDate: 3 June 2007\n\nSlow. 4/10\n\n"
        "Was the above review useful to you?\n"
    )
    doc = parse_document("page.txt", page.encode())
    assert (doc.title, doc.year, doc.claimed_review_count) == ("Shane", 1953, 2)
    assert [(r.title, r.username, r.date, r.helpful_yes, r.body) for r in doc.reviews] == [
        ("The greatest western", "Shaneaddict", date(2005, 3, 12), 45, "Every frame is beautiful."),
        ("Overrated", "cowpoke_77", date(2007, 6, 3), None, "Slow. 4/10"),
    ]
    assert [(w.line, w.code, w.message) for w in doc.warnings] == [
        (7, "unplaced_line", "header line kept aside: 'Print this page'")
    ]


def test_review_page_whose_reviews_open_with_their_votes():
    """An older layout: `14 out of 17 people found the following review useful:` over the
    review, `Author: … from …` over its date, `Was the above review useful to you?` under it;
    a review that no one voted on has no votes line."""
    assert detect_format(OLDEST_PAGE) == "review_page"
    doc = parse_document("page.txt", OLDEST_PAGE.encode())
    assert (doc.title, doc.year) == ("21 Grams", 2003)
    found = [
        (r.title, r.username, r.date, r.rating, r.helpful_yes, r.helpful_total, r.has_spoilers)
        for r in doc.reviews
    ]
    assert found == [
        ("Three broken people", "cinephile_mx", date(2003, 12, 12), Decimal(9), 14, 17, False),
        ("Too clever by half", "harrylime", date(2004, 1, 3), None, None, None, True),
    ]
    assert doc.reviews[1].body == "The shuffled order is a trick."
    assert not doc.warnings


def test_a_review_page_with_no_review_yet():
    """Its header names a film of a year: a page, with no review; text that is no review
    (no helpful votes under it) is refused, naming its line."""
    empty = b"Heat (1995) Poster\n\nUser Reviews\n\n0 Reviews\nAn error has occured.\n"
    assert detect_format(empty.decode()) == "review_page"
    doc = parse_document("page.txt", empty)
    assert (doc.title, doc.year, doc.reviews, doc.claimed_review_count) == ("Heat", 1995, [], 0)
    with pytest.raises(ImportFormatError) as error:
        parse_document("page.txt", empty.replace(b"0 Reviews", b"A review\nwith no votes"))
    assert str(error.value) == "page.txt:5: no review ends with a 'found this helpful' line"


def test_a_persons_name_keeps_the_accents_a_document_gave_it():
    from types import SimpleNamespace

    from reviews.people import best_spelling

    person = SimpleNamespace(is_locked=lambda field: False)

    def alias(name, documents, rank=1):
        return SimpleNamespace(
            name=name, documents=documents, source_rank=rank, is_credited_alias=False
        )

    # Three documents spell it without the accent, one with: the accent was lost, not added.
    kieslowski = [
        alias("Krzysztof Kieslowski", ["a", "b", "c"]),
        alias("Krzysztof Kieślowski", ["d"]),
    ]
    assert best_spelling(person, kieslowski) == "Krzysztof Kieślowski"
    # Another spelling, not an accent apart: the documents decide.
    buric = [alias("Zlatko Buric", ["a", "b"]), alias("Zlakto Burić", ["c"])]
    assert best_spelling(person, buric) == "Zlatko Buric"
    # One document writing a name twice counts once: a kit's `NAKADAI TATSUYA` in its cast and
    # `Nakadai Tatsuya` in its prose do not outvote the dump's `Tatsuya Nakadai`.
    nakadai = [
        alias("NAKADAI TATSUYA", ["kit"]),
        alias("Nakadai Tatsuya", ["kit"]),
        alias("Tatsuya Nakadai", ["dump"], rank=3),
    ]
    assert best_spelling(person, nakadai) == "Tatsuya Nakadai"


@pytest.mark.parametrize(
    "a, b, alike",
    [
        ("Kolja", "Kolya", True),
        ("Sergei Bagrov", "Sergey Bagrov", True),
        ("Andrej", "Andrei", True),
        ("Kolja", "Kolja Louka", False),  # a fuller name: `short_name_of`
        ("Ida", "Ada", False),
        ("Mary", "Mark", False),
    ],
)
def test_a_parts_name_transliterated_otherwise(a, b, alike):
    from reviews.people import preferred_spelling, spelled_alike

    assert spelled_alike(a, b) is alike
    if alike:  # the same spelling whichever comes first
        assert preferred_spelling(a, b) == preferred_spelling(b, a) == min(a, b)
    assert preferred_spelling("Klara", "Klára") == "Klára"


@pytest.mark.parametrize(
    "a, b, one",
    [
        ("Kolja", "Kolya", True),  # transliterated otherwise: `spelled_alike`
        ("Captain Vidal", "Capitán Vidal", True),  # a rank in two languages
        ("Dr. Ferreiro", "Doctor Ferreiro", True),
        ("The Faun", "Fauno", True),  # a close spelling in another language
        ("Hauptmann Gerd Wiesler", "Captain Gerd Wiesler", True),
        ("Minister Hempf", "Minister Bruno Hempf", True),  # addressed by rank and family name
        ("Mr. Smith", "Mrs. Smith", False),  # a man and a woman
        ("Monsieur Hulot", "Madame Hulot", False),
        ("Captain Vidal", "Vidal", False),  # a shorter name: `short_name_of`
        ("Pale Man", "Fauno", False),
        ("Jack", "Jake", False),
        ("Maria", "Mario", False),
    ],
)
def test_one_actors_part_written_otherwise(a, b, one):
    """Two names one actor's parts in one film are given, by two documents: one part or two."""
    from reviews.people import one_part, preferred_part

    assert one_part(a, b) is one and one_part(b, a) is one
    if one:  # the name kept: the one of more names, then `preferred_spelling`; in either order
        assert preferred_part(a, b) == preferred_part(b, a)
    assert preferred_part("Minister Hempf", "Minister Bruno Hempf") == "Minister Bruno Hempf"
    assert preferred_part("The Faun", "Fauno") == "Fauno"


@pytest.mark.parametrize(
    "text, copy, filled",
    [
        ("Maribel Verd? holds it.", "Maribel Verdú holds it.", "Maribel Verdú holds it."),
        ("One.\n\nTwo L?pez.", "One. Two López.", "One.\n\nTwo López."),  # its paragraphs
        ("Is it good?", "Is it good?", None),  # a question mark
        ("Verd? is good", "Verdi is good", None),  # a letter of ASCII is no lost letter
        ("Verd? is good", "Verdú was good", None),  # other words
    ],
)
def test_letters_lost_in_one_copy_of_a_review_come_from_another(text, copy, filled):
    from reviews.text import letters_from_copy

    assert letters_from_copy(text, copy) == filled


@pytest.mark.parametrize(
    "part, character, note",
    [
        ("Rotwang, the inventor", "Rotwang", "the inventor"),
        ("Freder, Joh Fredersen's son (uncredited)", "Freder", "Joh Fredersen's son, uncredited"),
        ("Leopold, Duke of Albany", "Leopold", "Duke of Albany"),
        ("Sammy Davis, Jr.", "Sammy Davis, Jr.", ""),  # a suffix, no epithet
        ("Cook, Mr. Lee", "Cook, Mr. Lee", ""),  # names alone: not told apart
        ("Salvatore - Adult", "Salvatore", "adult"),  # the age it is played at
        ("Elena Mendola - Adolescent (uncredited)", "Elena Mendola", "adolescent, uncredited"),
        ("Jean - Baptiste", "Jean - Baptiste", ""),
    ],
)
def test_a_cast_lines_part_with_what_it_is_or_the_age_it_is_played_at(part, character, note):
    from reviews.importers.common import cast_credit

    credit = cast_credit("Ann Lee", part, 1, 1)
    assert (credit.character, credit.note) == (character, note)


@pytest.mark.parametrize(
    "name, nicknames_, short, called",
    [
        ("Robert 'Rusty' Ryan", ["rusty"], "Rusty Ryan", True),
        ("Robert “Bob” Smith", ["bob"], "Bob Smith", True),
        ("Salvatore ’Totò’ Di Vita", ["toto"], "Totò Di Vita", True),  # every apostrophe curled
        ("'The Amazing' Yen", ["the amazing"], "Yen", False),  # a nickname first: no given name
        ("Robert 'Rusty' Ryan", ["rusty"], "Robert Ryan", False),  # `short_name_of`'s to say
        ("Frank's brother", [], "Frank", False),
    ],
)
def test_a_parts_nickname(name, nicknames_, short, called):
    from reviews.text import called_by_nickname, nicknames

    assert nicknames(name) == nicknames_
    assert called_by_nickname(short, name) is called


@pytest.mark.parametrize(
    "short, full, is_ranked",
    [
        ("Gordon", "Commissioner Gordon", True),
        ("James Gordon", "Lt. James Gordon", True),
        ("Jones", "Dr. Jones", True),
        ("Gordon", "Gordon", False),
        ("Commissioner Gordon", "Gordon", False),
        ("Gordon", "Barbara Gordon", False),  # another name: another part
        ("Lau Kin-ming", "Young Lau Kin-ming", False),
        ("Capt. Ed Hocken", "Captain Ed Hocken", True),  # the rank written out is fuller
        ("Captain Ed Hocken", "Capt. Ed Hocken", False),
        ("Lt. Frank Drebin", "Capt. Frank Drebin", False),  # another rank
    ],
)
def test_a_characters_name_with_a_rank_before_it(short, full, is_ranked):
    from reviews.people import ranked_name_of

    assert ranked_name_of(short, full) is is_ranked


@pytest.mark.parametrize(
    "short, full, is_short",
    [
        ("Valentine", "Valentine Dussaut", True),
        ("Lo", "Lo 'Dark Cloud'", True),  # a nickname added
        ("Lo", "Lo ’Dark Cloud’", True),
        ("Judge", "Judge Joseph Kern", True),
        ("Jean-Pierre", "Jean-Pierre Léaud", True),
        ("Frank", "Frank's brother", False),  # another part
        ("Frank", "Frank", False),
        ("Milo", "Radovan Milo", False),
        ("Valentine Dussaut", "Valentine", False),
        # A generation added: another part, the son (it was the same part, renamed).
        ("Marty McFly", "Marty McFly Jr.", False),
        ("Michael", "Michael II", False),
    ],
)
def test_a_characters_short_name(short, full, is_short):
    from reviews.people import short_name_of

    assert short_name_of(short, full) is is_short


@pytest.mark.parametrize(
    "short, full, is_short",
    [
        ("Kirk", "James T. Kirk", True),  # one actor's part in one film, by its family name
        ("Milo", "Radovan Milo", True),
        ("Valentine", "Valentine Dussaut", True),
        ("Kirk", "Kirk's father", False),  # another part
        ("Kirk", "Kirk", False),
    ],
)
def test_a_characters_short_name_by_its_last_words(short, full, is_short):
    from reviews.people import short_name_of

    assert short_name_of(short, full, or_last=True) is is_short


def test_a_kit_synopsis_names_a_character_with_a_middle_initial():
    doc = press_kit.parse(
        "Year: 2009\nCast: Chris Pine\n\n\nSTAR TREK tells the story of James T. Kirk (Chris "
        "Pine), a young cadet.\n"
    )
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Chris Pine", "James T. Kirk")
    ]


@pytest.mark.parametrize(
    "synopsis, parts",
    [
        # Every part in capitals: the kit's way, written as names.
        ("VINZ (Ann Lee), HUBERT (Bo Berg) and SAÏD (Cy Dahl)", ["Vinz", "Hubert", "Saïd"]),
        ("JASON BOURNE (Ann Lee) hides", ["Jason Bourne"]),
        # One part alone in capitals may be so written (`HAL`); beside others, as written.
        ("HAL (Ann Lee) sings", ["HAL"]),
        ("HAL (Ann Lee) sings to Dave Bowman (Bo Berg)", ["HAL", "Dave Bowman"]),
    ],
)
def test_a_kit_synopsis_names_parts_in_capitals(synopsis, parts):
    doc = press_kit.parse(
        f"Year: 1995\nCast: Ann Lee, Bo Berg, Cy Dahl\n\n\nLA HAINE tells the story of "
        f"{synopsis}.\n"
    )
    assert [c.character for c in doc.credits if c.character] == parts


@pytest.mark.parametrize(
    "synopsis",
    [
        "Anna (played by Kim Lee) and Ole (Bo Berg)",
        "Anna (Kim Lee, in her first role) and Ole (Bo Berg)",
    ],
)
def test_a_kit_synopsis_names_an_actor_with_words_around_the_name(synopsis):
    doc = press_kit.parse(
        f"Year: 2010\nCast: Kim Lee, Bo Berg\n\n\nNIGHT FERRY tells the story of {synopsis}.\n"
    )
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Kim Lee", "Anna"),
        ("Bo Berg", "Ole"),
    ]


def test_a_kit_synopsis_names_a_character_in_the_possessive():
    doc = press_kit.parse(
        "Year: 2005\nCast: Ann Lee, Bo Berg\n\n\nNIGHT STORY tells the story of Ole (Bo Berg), "
        "who cooks for his daughter Ida's (Ann Lee) birthday, and of Ole’s (Bo Berg) friends.\n"
    )
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Bo Berg", "Ole"),
        ("Ann Lee", "Ida"),
        ("Bo Berg", "Ole"),
    ]


def test_a_kit_synopsis_names_a_part_the_prose_calls_the_something():
    """`the Bride (Ann Lee)` is The Bride, as a cast list names that part; `the young Ida`
    is Ida."""
    doc = press_kit.parse(
        "Year: 2004\nCast: Ann Lee, Bo Berg\n\n\nNIGHT STORY tells the story of the Bride (Ann "
        "Lee), who hunts the young Ida (Bo Berg). The Bride (Ann Lee) wins.\n"
    )
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Ann Lee", "The Bride"),
        ("Bo Berg", "Ida"),
        ("Ann Lee", "The Bride"),
    ]


def test_a_kit_synopsis_names_a_character_with_a_nickname_in_quotes():
    doc = press_kit.parse(
        "Year: 1990\nCast: Ann Lee, Bo Berg\n\n\nNIGHT STORY tells the story of Ole (Bo Berg), "
        "hunted by the outlaw Buford 'Mad Dog' Tannen (Ann Lee) and by Eddie “The Eagle” Ek "
        "(Bo Berg).\n"
    )
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Bo Berg", "Ole"),
        ("Ann Lee", "Buford 'Mad Dog' Tannen"),
        ("Bo Berg", "Eddie “The Eagle” Ek"),
    ]


def test_a_year_written_after_the_title_is_the_films_year_not_part_of_its_title():
    alone = review_xml("Good.", title="Heat (1995)").replace("\t<year>2000</year>\n", "")
    doc = parse_document("heat.xml", alone.encode())
    assert (doc.title, doc.year) == ("Heat", 1995)
    # The year's own element says better.
    doc = parse_document("heat.xml", review_xml("Good.", title="Heat (1995)", year=1996).encode())
    assert (doc.title, doc.year) == ("Heat", 1996)
    dump = parse_document(
        "dump.txt", METADATA.replace(b"Release Year: 2011", b"Title: Heat (1995)")
    )
    assert (dump.title, dump.year) == ("Heat", 1995)
    # A number in parentheses that is no year stays in the title.
    assert parse_document("x.xml", review_xml("Good.", title="Room (237)").encode()).title == (
        "Room (237)"
    )


def test_review_xml_control_characters_are_removed_not_the_file_refused():
    doc = parse_document("ctrl.xml", review_xml("One\x01 two\x0c three.").encode())
    assert doc.reviews[0].body == "One two three."
    assert [(w.line, w.message) for w in doc.warnings] == [
        (10, "control characters were removed (1 line; the first here)")
    ]


@pytest.mark.parametrize(
    "header, title, warned",
    [
        ("Some Film (TV Movie 2010) Poster", "Some Film", True),  # the kind of film, then year
        ("Some Film (Video 2010)", "Some Film", True),
        ("SOME FILM (2010) Poster", "Some Film", False),  # in capitals
        ("Some Film (I) (2010)", "Some Film", False),  # IMDb's mark: one title, one year
    ],
)
def test_review_page_headers_of_other_copies(header, title, warned):
    page = PAGE.replace(PAGE.split(b"\n", 1)[0], header.encode())
    doc = parse_document("page.txt", page)
    assert (doc.title, doc.year) == (title, 2010)
    assert any(w.code == "film_kind" for w in doc.warnings) is warned


@pytest.mark.parametrize(
    "text, title, year",
    [
        ("Heat (1995)", "Heat", 1995),
        ("Heat (I) (1995)", "Heat", 1995),  # IMDb's mark for films of one title and year
        ("Heat (1995/I)", "Heat", 1995),
        ("Rocky (II)", "Rocky (II)", None),  # no year after it: the title's own
        # As a catalogue writes titles: the article after, the title in quotes.
        ("Godfather, The (1972)", "The Godfather", 1972),
        ("Godfather: Part II, The", "The Godfather: Part II", None),
        ("Jetée, La (1962)", "La Jetée", 1962),
        ('"Heat" (1995)', "Heat", 1995),
        ("Lock, Stock and Two Smoking Barrels (1998)", "Lock, Stock and Two Smoking Barrels", 1998),
        ('"Heat" and "Cold"', '"Heat" and "Cold"', None),
    ],
)
def test_title_and_year(text, title, year):
    from reviews.importers.common import title_and_year

    assert title_and_year(text) == (title, year)


def test_a_review_xml_title_written_as_a_catalogue_writes_it():
    """`<title>Godfather, The (TV Movie 1972)</title>`: The Godfather, of 1972; the kind of
    film it says is not kept, with a warning."""
    xml = review_xml("Fine.", title="Godfather, The (TV Movie 1972)", year=1972)
    doc = parse_document("r.xml", xml.encode())
    assert (doc.title, doc.year) == ("The Godfather", 1972)
    assert [w.message for w in doc.warnings] == ["the title calls the film a TV Movie: not kept"]


def test_review_page_dates_written_month_first():
    page = NEWER_PAGE.replace(b"ann-12 March 2011", b"ann-1\nMar 12, 2011").replace(
        b"bob7 May 2012", b"bob \xc2\xb7 May 7, 2012"
    )
    doc = parse_document("page.txt", page)
    assert [(r.username, r.date) for r in doc.reviews[:2]] == [
        ("ann-1", date(2011, 3, 12)),
        ("bob", date(2012, 5, 7)),
    ]
    # Glued to the username, as the other dates are.
    doc = parse_document("page.txt", NEWER_PAGE.replace(b"bob7 May 2012", b"bobMay 7, 2012"))
    assert (doc.reviews[1].username, doc.reviews[1].date) == ("bob", date(2012, 5, 7))
    assert not [w for w in doc.warnings if w.code == "no_author"]


@pytest.mark.parametrize(
    "text, redacted",
    [
        ("write to ann [at] example [dot] org please", "write to [e-mail address removed] please"),
        ("ann(at)example.org", "[e-mail address removed]"),
        ("Ann at example dot co dot uk!", "[e-mail address removed]!"),
        ("Ann [AT] example [DOT] org", "[e-mail address removed]"),
        ("bob {at} mail {dot} com", "[e-mail address removed]"),
        ("e-mail lake AT example DOT com", "e-mail [e-mail address removed]"),
        ("ann(AT)example.com wrote", "[e-mail address removed] wrote"),
        ("write to ann @ film.co.uk today", "write to [e-mail address removed] today"),
        # A space before a domain's dot, or both sides of it; a link's encoded at sign.
        ("mail bob @ mail . org now", "mail [e-mail address removed] now"),
        ("Frank (frank@gmail .com)", "Frank ([e-mail address removed])"),
        ("mailto:dave%40gmail.com", "mailto:[e-mail address removed]"),
        # Not addresses: a word `at` without a word `dot`, an anecdote, a parenthesis, a time,
        # a sentence that ends after an at sign.
        ("I looked at imdb.com today", None),
        ("an anecdote at the end (that)", None),
        ("meet @ 5.30pm", None),
        ("I watched it @ home. then slept", None),
    ],
)
def test_addresses_written_to_fool_robots_are_redacted_too(text, redacted):
    from reviews.text import redact_emails

    assert redact_emails(text) == ((redacted, True) if redacted else (text, False))


@pytest.mark.parametrize(
    "name, data", [("page.txt", PAGE), ("dump.txt", METADATA), ("kit.txt", KIT)]
)
def test_control_characters_further_in_a_text_file_are_removed(name, data):
    lines = data.split(b"\n")
    lines[3] += b"\x01"  # (a NUL this early: the file is taken for binary)
    lines[5] += b"\x07\x1b"
    doc = parse_document(name, b"\n".join(lines))
    texts = [doc.logline, doc.plot, doc.synopsis, *(r.body for r in doc.reviews)]
    texts += [r.title for r in doc.reviews] + [c.name for c in doc.credits]
    assert not any(c in text for text in texts for c in "\x01\x07\x1b")
    assert [(w.line, w.message) for w in doc.warnings if w.code == "control_characters"] == [
        (4, "control characters were removed (2 lines; the first here)")
    ]


def test_a_kit_under_its_billing_with_a_year_of_production():
    """`TARTAN FILMS presents` over the title (kept aside, with a warning), `A film by …` its
    director, `Year of production:` its year, and a date with an ordinal day."""
    doc = parse_document(
        "kit.txt",
        b"TARTAN FILMS presents\n\nOLDBOY\n\nA film by Park Chan-wook\n\n"
        b"Year of production: 2003\nCast: Choi Min-sik, Yoo Ji-tae\n"
        b"UK Release Date: 15th October 2004\n\n\n"
        b"OLDBOY tells the story of Oh Dae-su (Choi Min-sik), locked up for fifteen years.\n",
    )
    assert (doc.format, doc.title, doc.title_line, doc.year) == ("press_kit", "Oldboy", 3, 2003)
    assert [(c.name, c.role) for c in doc.credits if c.role == "director"] == [
        ("Park Chan-wook", "director")
    ]
    assert [(r.territory, r.date) for r in doc.releases] == [("UK", date(2004, 10, 15))]
    assert [(w.line, w.code) for w in doc.warnings] == [(1, "unplaced_line")]


@pytest.mark.parametrize(
    "head, original",
    [
        ("IN THE MOOD FOR LOVE\n花樣年華\n\n", "花樣年華"),  # its original title under it
        ("IN THE MOOD FOR LOVE\n(Fa yeung nin wah)\n\n", "Fa yeung nin wah"),
        ("IN THE MOOD FOR LOVE\n", None),  # over the fields, no blank line between
        ("IN THE MOOD FOR LOVE\nA film by Wong Kar-wai\n\n", None),
    ],
)
def test_a_kits_title_over_its_original_title_or_its_fields(head, original):
    doc = parse_document(
        "kit.txt",
        f"{head}Year: 2000\nCast: Maggie Cheung, Tony Leung Chiu-wai\nDirector: Wong Kar-wai\n\n\n"
        "IN THE MOOD FOR LOVE tells the story of Su Li-zhen (Maggie Cheung).\n".encode(),
    )
    assert (doc.title, doc.title_line, doc.year) == ("In the Mood for Love", 1, 2000)
    assert [(t.title, t.kind, t.line) for t in doc.other_titles] == (
        [(original, "original", 2)] if original else []
    )
    assert {(c.name, c.role) for c in doc.credits if c.role == "director"} == {
        ("Wong Kar-wai", "director")
    }
    assert doc.warnings == []


@pytest.mark.parametrize(
    "version", ["The Restored Version", "(Director's Cut)", "4K Restoration", "THE FINAL CUT"]
)
def test_a_kits_title_over_the_version_it_presents(version):
    """`LAWRENCE OF ARABIA` over `The Restored Version`: the film's title, and the version kept
    aside in a warning, not the film's original title (the page said `Original title: The
    Restored Version`)."""
    doc = parse_document(
        "kit.txt",
        f"LAWRENCE OF ARABIA\n{version}\n\nYear: 1962\nCast: Peter O'Toole, Omar Sharif\n"
        "Director: David Lean\n\n\nLAWRENCE OF ARABIA tells the story of T.E. Lawrence (Peter"
        " O'Toole).\n".encode(),
    )
    assert (doc.title, doc.title_line, doc.year) == ("Lawrence of Arabia", 1, 1962)
    assert doc.other_titles == []
    assert [(w.line, w.code) for w in doc.warnings] == [(2, "unplaced_line")]
    assert version in doc.warnings[0].message


@pytest.mark.parametrize(
    "under, tagline",
    [
        ("A Los Angeles Crime Saga", "A Los Angeles Crime Saga"),
        ('"Twelve terrorists. One cop."', "Twelve terrorists. One cop."),
        ("“Twelve terrorists. One cop.”", "Twelve terrorists. One cop."),
    ],
)
def test_a_kits_title_over_its_tagline(under, tagline):
    """`HEAT` over `A Los Angeles Crime Saga`, or over a line in quotes: the film's title and
    its tagline (it was the film's original title; in quotes, a press note with the title)."""
    doc = parse_document(
        "kit.txt",
        f"HEAT\n{under}\n\nYear: 1995\nCast: Al Pacino, Robert De Niro\nDirector: Michael Mann"
        "\n\n\nHEAT tells the story of Vincent Hanna (Al Pacino).\n".encode(),
    )
    assert (doc.title, doc.title_line, doc.other_titles) == ("Heat", 1, [])
    assert [(n.kind, n.text, n.line) for n in doc.notes] == [("tagline", tagline, 2)]
    assert doc.warnings == []


BILLED_KIT = """PARAMOUNT PICTURES
presents

SHANE

Year: 1953
Director: George Stevens
Running Time: 118 minutes

CAST
Alan Ladd as Shane
Jean Arthur as Marian Starrett
Van Heflin as Joe Starrett
Brandon deWilde as Joey Starrett

SYNOPSIS
A stranger named Shane (Alan Ladd) rides into the valley and takes work with Joe Starrett
(Van Heflin).

PRODUCTION NOTES
Filmed in Jackson Hole, Wyoming, in 1951, SHANE was held back by the studio for two years.
"""


@pytest.mark.parametrize(
    "block, cast",
    [
        (["Alan Ladd as Shane", "Jean Arthur as Marian"], [0, 1]),
        (["CAST", "bell hooks as Herself", "Jean Arthur as Marian"], [1, 2]),  # under a heading
        (["bell hooks as Herself", "Jean Arthur as Marian"], []),  # not a name without one
        (["He was cast as the lead", "and she as his wife"], []),
    ],
)
def test_a_kits_cast_lines_written_with_as(block, cast):
    assert press_kit._cast_lines(block) == cast


def test_a_kit_billed_over_two_lines_with_its_cast_as_parts_and_headings_over_their_text():
    """`PARAMOUNT PICTURES` over `presents` is a billing, not a title over its original title;
    `SHANE` under it is the title; `Alan Ladd as Shane` lines under `CAST` are the cast; a
    heading with its text under it in one block heads that text."""
    doc = parse_document("kit.txt", BILLED_KIT.encode())
    assert (doc.format, doc.title, doc.title_line, doc.year) == ("press_kit", "Shane", 4, 1953)
    assert doc.other_titles == []
    assert [(c.name, c.character, c.billing_order) for c in doc.credits if c.role == "cast"][
        :4
    ] == [
        ("Alan Ladd", "Shane", 1),
        ("Jean Arthur", "Marian Starrett", 2),
        ("Van Heflin", "Joe Starrett", 3),
        ("Brandon deWilde", "Joey Starrett", 4),  # a name's word may open in lower case
    ]
    assert doc.synopsis.startswith("A stranger named Shane (Alan Ladd) rides into the valley")
    assert [n.text[:8] for n in doc.notes if n.kind == "press"] == ["Filmed i"]
    assert [(w.line, w.code) for w in doc.warnings] == [(1, "unplaced_line")]  # the billing


@pytest.mark.parametrize(
    "head", ["Epsilon\n\n", '"EPSILON"\n\n', "“Epsilon”\n"], ids=["plain", "quoted", "curly"]
)
def test_a_kits_title_written_as_a_title_over_its_fields(head):
    """`Epsilon` over the fields, as a title is written, or in quotes: the film's title (it was
    a line kept aside, and `"EPSILON"` the title `"epsilon"`); a synopsis that does not open
    with it is the paragraph that names the kit's actors in their parts (it was a press note,
    its parts lost)."""
    doc = parse_document(
        "kit.txt",
        f"{head}Year: 2008\nCast: Ann Lee, Bo Berg\nDirector: Tom Vint\nUK: 98 mins\n\n\n"
        "Tom Vint was born on the island.\n\nIda (Ann Lee) comes home to the island and finds "
        "her brother Ole (Bo Berg) in the lighthouse.\n".encode(),
    )
    assert (doc.title, doc.year) == ("Epsilon", 2008)
    assert doc.synopsis.startswith("Ida (Ann Lee) comes home")
    assert [n.text for n in doc.notes if n.kind == "press"] == ["Tom Vint was born on the island."]
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Ann Lee", "Ida"),
        ("Bo Berg", "Ole"),
    ]
    assert doc.warnings == []


@pytest.mark.parametrize(
    "head, title, distributors",
    [
        ("MAD MAX: FURY ROAD\n\n", "Mad Max: Fury Road", []),  # a title and its subtitle
        ("USA: WARNER BROS.\n\n", "", [("USA", "WARNER BROS.")]),  # a field, alone on top
        ("YEAR: 2015\n\n", "", []),
    ],
)
def test_a_kits_title_with_a_subtitle_over_its_fields(head, title, distributors):
    doc = parse_document(
        "kit.txt",
        f"{head}Year: 2015\nCast: Tom Hardy, Charlize Theron\nDirected by: George Miller\n"
        "UK DVD Release Date: 3 March 2003 (Mad Max Trilogy box set)\n\n\n"
        "Max Rockatansky (Tom Hardy) is captured by the War Boys of Immortan Joe.\n".encode(),
    )
    assert (doc.title, doc.year) == (title, 2015)
    assert doc.title_line == (1 if title else None)
    assert [(d.territory, d.company) for d in doc.distributors] == distributors
    assert doc.series_name == "Mad Max Trilogy"  # the series the note names, not the box set
    assert doc.warnings == []  # no field was left unread
    # No paragraph opens with the title: the one naming an actor's part is the synopsis.
    assert doc.synopsis.startswith("Max Rockatansky (Tom Hardy) is captured")


@pytest.mark.parametrize("apostrophe", ["'", "’"])
def test_a_kits_title_with_a_possessive_and_a_subtitle_over_its_fields(apostrophe):
    """`FRANK MILLER’S SIN CITY: A DAME TO KILL FOR`, its apostrophe curled or not, over the
    fields: the kit's title (curled, it was no title, and the one the prose names as new was
    taken)."""
    doc = parse_document(
        "kit.txt",
        f"FRANK MILLER{apostrophe}S SIN CITY: A DAME TO KILL FOR\n\nYear: 2014\n"
        "Cast: Mickey Rourke\nDirector: Frank Miller\n\n\nNine years on, Frank Miller returns "
        "with SIN CITY: A DAME TO KILL FOR.\n".encode(),
    )
    assert (doc.title, doc.title_line) == (
        f"Frank Miller{apostrophe}s Sin City: A Dame to Kill For",
        1,
    )


@pytest.mark.parametrize(
    "value, notes",
    [
        ("Danish (English subtitles)", [("Danish", "English subtitles")]),
        ("Korean with English subtitles", [("Korean", "English subtitles")]),
        ("Korean, Japanese with subtitles", [("Korean", ""), ("Japanese", "subtitles")]),
        ("Denmark / UK", [("Denmark", ""), ("UK", "")]),
        ("With a Song", [("With a Song", "")]),
        (
            "In Danish and Serbian with English subtitles",
            [("Danish", ""), ("Serbian", "English subtitles")],
        ),
    ],
)
def test_list_notes_keep_what_qualifies_an_item_as_its_detail(value, notes):
    from reviews.importers.common import list_notes

    assert [(n.text, n.detail) for n in list_notes("language", value, 1)] == notes


def test_a_country_named_with_an_and_is_one_country():
    from reviews.importers.common import list_notes

    assert [n.text for n in list_notes("country", "Bosnia and Herzegovina, UK", 1)] == [
        "Bosnia and Herzegovina",
        "UK",
    ]


def test_a_country_written_whole_is_the_one_another_document_abbreviates():
    """`United States | United Kingdom` (IMDb's `Countries of origin`) is `USA`, `UK`, as a kit
    writes them: one country each on the film's page (each was there twice)."""
    from reviews.importers.common import list_notes

    written = "United States | United Kingdom | Denmark"
    assert [n.text for n in list_notes("country", written, 1)] == ["USA", "UK", "Denmark"]


def test_a_genre_written_otherwise_is_the_one_imdb_names():
    """`Science Fiction`, `sci-fi`, `crime`: the genres `Sci-Fi` and `Crime`, as another
    document writes them (each was a genre of its own on the film's page and in its filter)."""
    from reviews.importers.common import list_notes

    written = "Science Fiction | sci-fi | crime | Neo-noir"
    assert [n.text for n in list_notes("genre", written, 1)] == [
        "Sci-Fi",
        "Sci-Fi",
        "Crime",
        "Neo-noir",
    ]
    assert [n.text for n in list_notes("language", "english, Danish", 1)] == ["English", "Danish"]


def test_a_kits_year_with_a_note_and_its_certificates_by_territory():
    """`Year: 2005 (production)` is a year (the kit was refused as of no known format), and
    `Certificate: 18 (UK), R (USA)` two certificates (it was one, `18` in the USA)."""
    doc = parse_document(
        "kit.txt",
        b"Year: 2005 (production)\nCast: Zlatko Buric, Ilyas Agac\nDirector: Ann Berg\n"
        b"Certificate: 18 (UK), R (USA)\n\n\nPUSHER III tells the story of Milo (Zlatko Buric).\n",
    )
    assert (doc.format, doc.title, doc.year) == ("press_kit", "Pusher III", 2005)
    assert [(c.territory, c.rating) for c in doc.certificates] == [("UK", "18"), ("USA", "R")]
    assert doc.warnings == []


def test_a_kits_budget_and_box_office():
    """`Budget: €3.5 million`, `UK Box Office: £2.1m`: the film's figures (they were fields not
    understood)."""
    doc = parse_document(
        "kit.txt",
        "Year: 2007\nCast: Ann Lee\nDirector: Tom Vint\nBudget: €3.5 million (estimated)\n"
        "UK Box Office: £2.1m\nGross worldwide: $12,400,000\n\n\n"
        "DELTA tells the story of Ida (Ann Lee).\n".encode(),
    )
    assert [(m.kind, m.currency, m.amount, m.territory, m.is_estimate) for m in doc.money] == [
        ("budget", "EUR", 3_500_000, "", True),
        ("gross", "GBP", 2_100_000, "UK", False),
        ("gross", "USD", 12_400_000, "Worldwide", False),
    ]
    assert doc.warnings == []


@pytest.mark.parametrize("name, document", [("dump.txt", "METADATA"), ("kit.txt", "KIT")])
def test_keys_written_in_capitals_read_as_any_other(name, document):
    """`RELEASE YEAR:`, `DIRECTOR:`, `CAST:`: the same document as with keys in title case."""
    data = globals()[document]
    shouted = re.sub(
        rb"^([A-Z][a-z]+(?: [A-Za-z]+){0,2}):",
        lambda m: m.group(1).upper() + b":",
        data,
        flags=re.M,
    )
    assert shouted != data
    plain, loud = parse_document(name, data), parse_document(name, shouted)
    assert loud.format == plain.format and loud.year == plain.year
    assert [(c.name, c.role) for c in loud.credits] == [(c.name, c.role) for c in plain.credits]


def test_a_spoiler_warning_with_a_tab():
    page = PAGE.replace(b"Warning: Spoilers", b"Warning:\tSpoilers")
    assert page != PAGE
    doc = parse_document("page.txt", page)
    assert [r.has_spoilers for r in doc.reviews] == [
        r.has_spoilers for r in parse_document("page.txt", PAGE).reviews
    ]
    assert not any(r.body.startswith("Warning") for r in doc.reviews)


@pytest.mark.parametrize(
    "name, document",
    [("dump.txt", "METADATA"), ("kit.txt", "KIT"), ("page.txt", "PAGE")],
)
@pytest.mark.parametrize(
    "written_otherwise",
    [
        # A copy from a web page: no-break spaces, a zero-width one.
        lambda data: data.replace(b" ", "\u00a0".encode()).replace(b"\n", "\u200b\n".encode()),
        # A copy from a PDF: every line indented alike.
        lambda data: re.sub(rb"(?m)^(?=.)", b"    ", data),
    ],
    ids=["web-spaces", "indented"],
)
def test_a_document_copied_with_other_spaces_reads_the_same(name, document, written_otherwise):
    data = globals()[document]
    plain, other = parse_document(name, data), parse_document(name, written_otherwise(data))
    assert other.format == plain.format and other.title == plain.title
    assert (other.year, other.credits, other.notes) == (plain.year, plain.credits, plain.notes)
    assert [(r.title, r.body, r.username) for r in other.reviews] == [
        (r.title, r.body, r.username) for r in plain.reviews
    ]


def test_a_dump_copied_from_a_web_page_with_its_link_text():
    """`Top cast` heads a cast block without a colon; `See full cast & crew` is link text, not
    two people nor the plot, and so is `1 more credit` after the writers (it was a writer):
    each left out with a warning."""
    doc = parse_document(
        "dump.txt",
        b"A man is released.\n\nRelease Year: 2003\n\nDirector: Chan-wook Park\n\n"
        b"Stars: Min-sik Choi, Ji-tae Yoo | See full cast & crew\n\n"
        b"Top cast\nMin-sik Choi - Oh Dae-su\nJi-tae Yoo - Lee Woo-jin\nSee full cast & crew\n\n"
        b"Writers: Garon Tsuchiya, Nobuaki Minegishi | 2 more credits\n",
    )
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [
        ("Min-sik Choi", "Oh Dae-su"),
        ("Ji-tae Yoo", "Lee Woo-jin"),
    ]
    assert [c.name for c in doc.credits if c.role == "writer"] == [
        "Garon Tsuchiya",
        "Nobuaki Minegishi",
    ]
    assert doc.plot == ""
    assert [(w.line, w.code) for w in doc.warnings] == [
        (7, "page_link"),
        (12, "page_link"),
        (14, "page_link"),
    ]


def test_a_dump_copied_with_a_pages_links_under_its_cast_and_after_its_plot():
    """`See full cast »` under the cast and `See full summary »` after the plot are link text:
    left out with a warning (the cast with its parts was read as the plot, the parts lost)."""
    doc = parse_document(
        "dump.txt",
        b"A man is released.\n\nRelease Year: 2003\n\nDirector: Chan-wook Park\n\n"
        b"Min-sik Choi ... Oh Dae-su\nJi-tae Yoo ... Lee Woo-jin\nSee full cast \xc2\xbb\n\n"
        b"Storyline\nHe is held for fifteen years. See full summary \xc2\xbb\n",
    )
    assert [(c.name, c.character) for c in doc.credits if c.role == "cast"] == [
        ("Min-sik Choi", "Oh Dae-su"),
        ("Ji-tae Yoo", "Lee Woo-jin"),
    ]
    assert doc.plot == "He is held for fifteen years."
    assert [(w.line, w.code) for w in doc.warnings] == [(9, "page_link"), (12, "page_link")]


def test_review_xml_of_a_crawler_that_names_its_elements_otherwise():
    doc = parse_document(
        "other.xml",
        b"<movie><title>Oldboy</title><year>2003</year><review><reviewDate>2004-03-02"
        b"</reviewDate><author>zoe</author><rating>9</rating><summary>A corridor</summary>"
        b"<text>One long take & more.</text><spoiler>yes</spoiler><helpfulness>3/4"
        b"</helpfulness></review></movie>",
    )
    [review] = doc.reviews
    assert (review.username, review.date, review.rating, review.title, review.body) == (
        "zoe",
        date(2004, 3, 2),
        Decimal("9.0"),
        "A corridor",
        "One long take & more.",
    )
    assert (review.has_spoilers, review.helpful_yes, review.helpful_total) == (True, 3, 4)
    assert [w.code for w in doc.warnings if w.code == "unknown_element"] == []


def test_a_makers_credited_name_in_a_crew_list():
    """`Director: Tom Vint (as Thomas Vint)`: the name he was credited under, as a cast's
    `(as …)` is (it was the credit's note), beside a credit's own note."""
    doc = parse_document(
        "dump.txt",
        METADATA.replace(
            b"Director: Sam Smith",
            b"Director: Sam Smith (as Samuel Smith)\n\n"
            b"Writers: Sam Smith (screenplay) (as S. Smith), Di Ek (novel)",
        ),
    )
    assert [(c.name, c.role, c.note, c.credited_as) for c in doc.credits if c.role != "cast"] == [
        ("Sam Smith", "director", "", "Samuel Smith"),
        ("Sam Smith", "writer", "screenplay", "S. Smith"),
        ("Di Ek", "writer", "novel", ""),
    ]


@pytest.mark.parametrize(
    "value, names",
    [
        ("Ann Lee, Bo Berg and Cy Holm", ["Ann Lee", "Bo Berg", "Cy Holm"]),
        ("Ann Lee · Bo Berg | Cy Holm", ["Ann Lee", "Bo Berg", "Cy Holm"]),
        # A generation suffix after a comma is the name's own.
        ("Sergei Bodrov, Jr., Viktor Sukhorukov", ["Sergei Bodrov Jr.", "Viktor Sukhorukov"]),
        ("Sammy Davis, Jr. & Frank Sinatra", ["Sammy Davis Jr.", "Frank Sinatra"]),
        ("Ivy Smith, Ivan Berg", ["Ivy Smith", "Ivan Berg"]),
        ("Ann Lee, Iv Berg, Louis Gossett, III", ["Ann Lee", "Iv Berg", "Louis Gossett III"]),
        # A billing's words before a name, and an end that names no one (they were people:
        # `with Cy Holm`, `et al.`).
        ("Ann Lee, Bo Berg, with Cy Holm and Di Ek", ["Ann Lee", "Bo Berg", "Cy Holm", "Di Ek"]),
        ("Ann Lee and introducing Cy Holm", ["Ann Lee", "Cy Holm"]),
        ("Ann Lee, with special appearance by Cy Holm", ["Ann Lee", "Cy Holm"]),
        ("Ann Lee, Bo Berg, et al.", ["Ann Lee", "Bo Berg"]),
        ("Ann Lee, Bo Berg and others", ["Ann Lee", "Bo Berg"]),
        ("Withers Cole, Anders Holm", ["Withers Cole", "Anders Holm"]),
    ],
)
def test_split_names(value, names):
    from reviews.importers.common import split_names

    assert split_names(value) == names


SECTIONED_KIT = """OLDBOY

Year: 2003
Country: South Korea

CAST

{cast}

CREW

Director ........ PARK Chan-wook
Producer ........ LIM Seung-yong
Screenplay ...... Hwang Jo-yun, Park Chan-wook (adaptation)

SYNOPSIS

{synopsis}
"""


@pytest.mark.parametrize(
    "cast, synopsis",
    [
        # The parts first: the story names them.
        (
            "Oh Dae-su ....... Choi Min-sik\nMi-do ....... Kang Hye-jung",
            "Oh Dae-su is locked up for fifteen years; Mi-do feeds him.",
        ),
        # The parts first: the actors' family names are in capitals.
        ("Oh Dae-su\t\tCHOI Min-sik\nMi-do\t\tKANG Hye-jung", "A man is locked up."),
        # The actors first, as a dump's cast, with what a dump's line may carry.
        (
            "Choi Min-sik  -  Oh Dae-su\nKang Hye-jung  -  Mi-do (as Kang Hye-jeong)",
            "A man is locked up.",
        ),
    ],
    ids=["told", "capitals", "actor-first"],
)
def test_a_kit_with_its_cast_and_crew_in_columns(cast, synopsis):
    doc = parse_document("kit.txt", SECTIONED_KIT.format(cast=cast, synopsis=synopsis).encode())
    assert (doc.format, doc.title, doc.year) == ("press_kit", "Oldboy", 2003)
    assert [(c.name, c.character, c.billing_order) for c in doc.credits if c.role == "cast"] == [
        ("Choi Min-sik", "Oh Dae-su", 1),
        ("Kang Hye-jung", "Mi-do", 2),
    ]
    assert [(c.name, c.role, c.note) for c in doc.credits if c.role != "cast"] == [
        ("Park Chan-wook", "director", ""),
        ("Lim Seung-yong", "producer", ""),  # a producer (he was a warning)
        ("Hwang Jo-yun", "writer", "screenplay"),  # what its key says of it
        ("Park Chan-wook", "writer", "adaptation"),
    ]
    assert doc.warnings == []
    credited = [c.credited_as for c in doc.credits if c.credited_as]
    assert credited == (["Kang Hye-jeong"] if "(as " in cast else [])


def test_a_kits_title_may_end_with_a_sections_word_and_its_parts_be_in_capitals():
    """`NIGHT STORY` over the kit's fields is its title, not a section `STORY`; `PRESS KIT`
    there is no title. Parts all in capitals in the cast's columns are written as names."""
    kit = (
        "{top}\n\nYear: 2008\nCountry: Denmark\n\nCAST\n\nIDA ......... Ann Lee\n"
        "OLE HANSEN .. Bo Berg\n\nSYNOPSIS\n\nIda is lost in the city, and Ole finds her.\n"
    )
    doc = parse_document("kit.txt", kit.format(top="NIGHT STORY").encode())
    assert doc.title == "Night Story" and not doc.warnings
    assert [(c.name, c.character) for c in doc.credits] == [
        ("Ann Lee", "Ida"),
        ("Bo Berg", "Ole Hansen"),
    ]
    assert parse_document("kit.txt", kit.format(top="PRESS KIT").encode()).title == ""


def test_a_kits_crew_columns_parted_by_one_dot_where_the_longest_key_left_room_for_no_more():
    kit = SECTIONED_KIT.format(cast="Oh Dae-su ....... Choi Min-sik", synopsis="A man.").replace(
        "Producer ........ LIM Seung-yong",
        "Director of Photography . Chung Chung-hoon\nScreenplay .............. Lim Joon-hyung",
    )
    doc = parse_document("kit.txt", kit.encode())
    assert [(c.name, c.role) for c in doc.credits if c.role != "cast"] == [
        ("Park Chan-wook", "director"),
        ("Chung Chung-hoon", "cinematographer"),
        ("Lim Joon-hyung", "writer"),
        ("Hwang Jo-yun", "writer"),
        ("Park Chan-wook", "writer"),
    ]
    assert not doc.warnings


@pytest.mark.parametrize(
    "written, name",
    [
        ("CHOI Min-sik", "Choi Min-sik"),
        ("O'BRIEN Conan", "O'Brien Conan"),
        ("LÉAUD Jean-Pierre", "Léaud Jean-Pierre"),
        ("Louis Gossett III", "Louis Gossett III"),  # a numeral is no family name
        # all in capitals: written as a name, its order kept (nothing says which is the
        # family name)
        ("ANN LEE", "Ann Lee"),
        ("FRANCES McDORMAND", "Frances McDormand"),
        ("RZA", "RZA"),  # one word: maybe written so
    ],
)
def test_a_kits_family_name_in_capitals_is_written_as_a_name(written, name):
    assert press_kit._unshouted(written) == name


def test_a_document_that_names_no_film_is_refused():
    """A year and a budget alone would make an `Untitled film of 2003` nothing could join."""
    with pytest.raises(ImportFormatError, match="names no film") as refused:
        parse_document("thin.txt", b"A logline.\n\nRelease Year: 2003\n\nBudget: $3,000,000\n")
    assert (refused.value.file_name, refused.value.line) == ("thin.txt", 1)


@pytest.mark.parametrize(
    "base, slug",
    [
        ("Pusher III: I'm the Angel of Death 2005", "pusher-iii-im-the-angel-of-death-2005"),
        ("I’m the King 2001", "im-the-king-2001"),  # a typographic apostrophe alike
        ("Conan O'Brien", "conan-obrien"),
        ("The Hornets' Nest", "the-hornets-nest"),
        ("Søren Brønd", "soren-brond"),
    ],
)
def test_slugs_read_as_the_name(base, slug):
    assert text_module.unique_slug(base, lambda s: False) == slug


@pytest.mark.parametrize(
    "a, b, alike",
    [
        ("The Hornets' Nest", "The Hornet's Nest", True),
        ("I’m the King", "I'M THE KING", True),
        ("Three Colours: Blue", "Three Colors: Blue", False),  # a spelling, not a mark
    ],
)
def test_written_alike(a, b, alike):
    assert text_module.written_alike(a, b) is alike


UNDATED_KIT = """THE NIGHT FERRY
A film by Hanna Lind

Original title: Nattfärjan
Directed by: Hanna Lind
Written by: Hanna Lind, Per Ekström
Starring: Alva Nyström, Johan Ek
Running Time: 98 minutes
Certificate: 15 (UK)
Release Date: 14 March 2008 (UK)
Distributor: Arrow Films (UK)


SYNOPSIS

On the overnight ferry, Maja (Alva Nyström) meets a stranger, Erik (Johan Ek).

ABOUT THE PRODUCTION

The film was shot aboard a working ferry.
"""


def test_a_kit_with_no_year_dated_by_its_release_under_a_title_and_headings():
    """A kit with no `Year:` but a release date, a `Starring:` list and a synopsis under its
    heading is a kit (it was read as a dump: its synopsis a review, its title, runtime and
    distributor lost)."""
    assert detect_format(UNDATED_KIT) == "press_kit"
    doc = parse_document("kit.txt", UNDATED_KIT.encode())
    assert (doc.title, doc.year) == ("The Night Ferry", 2008)
    assert [(t.title, t.kind) for t in doc.other_titles] == [("Nattfärjan", "original")]
    assert doc.synopsis.startswith("On the overnight ferry")
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Alva Nyström", "Maja"),
        ("Johan Ek", "Erik"),
    ]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("", 98)]
    assert [(d.territory, d.company) for d in doc.distributors] == [("UK", "Arrow Films")]
    assert not doc.reviews
    # Without its synopsis's heading, it is what it was: a dump's fields.
    assert detect_format(UNDATED_KIT.replace("SYNOPSIS", "")) == "metadata_dump"


@pytest.mark.parametrize(
    "line, credited",
    [
        ("Kim Bo - Frank", [("Kim Bo", "Frank")]),  # a cast of one line, and no `Stars:`
        ("Ann van Berg - Old Woman (uncredited)", [("Ann van Berg", "Old Woman")]),
        ("Ann Lee - a life", []),  # a plot's line
        ("East Berlin - Summer 1984", []),
        ("Ann Lee - The End.", []),
    ],
)
def test_a_dump_s_cast_of_one_line_with_no_stars_list(line, credited):
    """A line alone that reads as a name and a part is the cast, wherever it stands: it was read
    as the plot (or, after the fields, nothing of it kept)."""
    dump = f"A man fights a dog.\n\nRelease Year: 2012\n\nDirector: Ann Lee\n\n{line}\n"
    doc = parse_document("dump.txt", dump.encode())
    cast = [(c.name, c.character) for c in doc.credits if c.role == "cast"]
    assert cast == credited
    assert doc.plot == ("" if credited else line)


def test_a_dump_s_money_with_its_date_after_a_dot():
    dump = (
        "A man fights a dog.\n\nRelease Year: 2012\n\nDirector: Ann Lee\n\n"
        "Opening weekend US & Canada: $5,000 · Mar 11, 2012\n"
    )
    [money] = parse_document("dump.txt", dump.encode()).money
    assert (money.amount, money.territory, money.date) == (5000, "US & Canada", date(2012, 3, 11))


def test_review_xml_text_escaped_twice_is_read():
    """A crawler that escaped its text twice: `&amp;amp;` is `&`, `&amp;#39;` an apostrophe, in
    a title and in a text that holds no HTML (where HTML is, its entities were read already)."""
    xml = (
        "<movie><title>Heat</title><year>1995</year><review><date>2001-01-01</date>"
        "<username>ann</username><score>0.8</score>"
        "<shortDescription>Tom &amp;amp; Jerry</shortDescription>"
        "<fullReview>It&amp;#39;s &amp;quot;fine&amp;quot;. AT&amp;T is no entity.</fullReview>"
        "</review></movie>"
    )
    [review] = parse_document("reviews.xml", xml.encode()).reviews
    assert (review.title, review.body) == ("Tom & Jerry", 'It\'s "fine". AT&T is no entity.')


MARKDOWN_KIT = """# THE SEVENTH SEAL

**Year:** 1957
**Director:** Ingmar Bergman
**Cast:** Max von Sydow, Bengt Ekerot
**UK**: BFI Distribution

## SYNOPSIS

A knight, Antonius Block (Max von Sydow), meets Death (Bengt Ekerot) on a beach. The **best**
game of chess in the cinema, #1 of its kind.
"""


def test_a_press_kit_saved_as_markdown():
    """Markdown's `#` over the title and headings and `**` around the keys are no part of the
    kit (with a warning); the synopsis keeps its own marks. A name's particle in lower case
    (`Max von Sydow`) is part of the actor's name in the synopsis's parentheses."""
    doc = parse_document("kit.md", MARKDOWN_KIT.encode())
    assert (doc.format, doc.title, doc.year) == ("press_kit", "The Seventh Seal", 1957)
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Max von Sydow", "Antonius Block"),
        ("Bengt Ekerot", "Death"),
    ]
    assert [d.company for d in doc.distributors] == ["BFI Distribution"]
    assert "The **best**" in doc.synopsis and "#1 of its kind" in doc.synopsis
    assert [w.code for w in doc.warnings] == ["markdown"]
    # A review page's own `**` is its reviewer's: the page is read as it is.
    assert not detect_format("**great**\nA film.") and not detect_format("# 1\nA film.")


OLDER_PAGE = """Pan's Labyrinth (2006)
User Reviews
Index 3 reviews in total

41 out of 45 people found the following review useful:
A fairy tale for grown-ups, 20 January 2007
Author: madrileño from Madrid, Spain

This film is a fairy tale for grown-ups.

Was the above review useful to you?

12 out of 14 people found the following review useful:
The pale man, 2 March 2007
Author: Ana Torrent fan

*** This review may contain spoilers ***

The scene at the pale man's table.

Was the above review useful to you?

3 out of 10 people found the following review useful:
Seen on 2 May, 5 April 2007
Author: grumpy from United States

Too violent, 4/10.
Was the above review useful to you?
"""


def test_review_page_of_an_older_layout_with_titles_dated_after_a_comma():
    """`A fairy tale for grown-ups, 20 January 2007` over `Author: madrileño from Madrid`: the
    title, the date and the author (the title was read as the author, the author's line as the
    text)."""
    doc = parse_document("page.txt", OLDER_PAGE.encode())
    found = [
        (r.title, r.username, r.date, r.helpful_yes, r.has_spoilers, r.body) for r in doc.reviews
    ]
    assert found == [
        (
            "A fairy tale for grown-ups",
            "madrileño",
            date(2007, 1, 20),
            41,
            False,
            "This film is a fairy tale for grown-ups.",
        ),
        (
            "The pale man",
            "Ana Torrent fan",
            date(2007, 3, 2),
            12,
            True,
            "The scene at the pale man's table.",
        ),
        ("Seen on 2 May", "grumpy", date(2007, 4, 5), 3, False, "Too violent, 4/10."),
    ]
    assert [r.line for r in doc.reviews] == [6, 14, 24]


def test_review_page_of_an_older_layout_with_summary_and_date_keys():
    """`Summary: …` over `Author: …` and `Date: …`, in either order: the title, the author, the
    date (the key stayed in the title; `Date:` over `Author:` made the key the username)."""
    page = OLDER_PAGE.replace(
        "A fairy tale for grown-ups, 20 January 2007\nAuthor: madrileño from Madrid, Spain",
        "Summary: A fairy tale for grown-ups\nAuthor: madrileño from Madrid, Spain\n"
        "Date: 20 January 2007",
    ).replace(
        "The pale man, 2 March 2007\nAuthor: Ana Torrent fan",
        "Summary: The pale man\nDate: 2 March 2007\nAuthor: Ana Torrent fan",
    )
    doc = parse_document("page.txt", page.encode())
    found = [(r.title, r.username, r.date) for r in doc.reviews]
    assert found[:2] == [
        ("A fairy tale for grown-ups", "madrileño", date(2007, 1, 20)),
        ("The pale man", "Ana Torrent fan", date(2007, 3, 2)),
    ]
    assert doc.reviews[1].body == "The scene at the pale man's table."


def test_a_press_kit_titled_with_its_year_under_its_makers_billing():
    """`A GUILLERMO DEL TORO FILM` over `PAN'S LABYRINTH (2006)` and no `Year:`: a kit (it was
    read as a dump, its `Running time:` not understood), its director, its title and year."""
    kit = (
        "A GUILLERMO DEL TORO FILM\n\nPAN'S LABYRINTH (2006)\n\nCountry: Spain / Mexico\n"
        "Starring: Ivana Baquero, Sergi López\nRunning time: 119 minutes\n\n\nSYNOPSIS\n\n"
        "PAN'S LABYRINTH is set in 1944. Ofelia (Ivana Baquero) meets a faun.\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    assert (doc.format, doc.title, doc.year) == ("press_kit", "Pan's Labyrinth", 2006)
    assert [(c.name, c.line) for c in doc.credits if c.role == "director"] == [
        ("Guillermo Del Toro", 1)
    ]
    assert [r.minutes for r in doc.runtimes] == [119] and not doc.warnings


@pytest.mark.parametrize(
    "head",
    [
        "PAN'S LABYRINTH (2006)",
        "Pan's Labyrinth (2006)",
        "PAN'S LABYRINTH\n(2006)",
        "PAN'S LABYRINTH – 2006",
        "PAN'S LABYRINTH / 2006",
    ],
)
def test_a_press_kit_whose_year_is_written_with_its_title(head):
    """No `Year:`: the year beside or under the title is the kit's (it was refused as of no
    format, or `(2006)` was taken for an original title)."""
    kit = (
        f"{head}\n\nCountry: Spain\nStarring: Ivana Baquero, Sergi López\n\n\nSYNOPSIS\n\n"
        "Ofelia (Ivana Baquero) meets a faun.\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    assert (doc.format, doc.title, doc.year) == ("press_kit", "Pan's Labyrinth", 2006)
    assert not doc.other_titles and not doc.warnings


def test_a_dumps_other_titles_and_releases_under_their_keys_a_line_each():
    """`Also Known As:` and `Release Dates:` alone over their values, a line each: each title
    with its note read (`Pan's Labyrinth (USA)` was taken for an actor and a part, `Pan's
    Labyrinth - USA`), each release (the lines were taken for a review)."""
    dump = (
        "A girl and a faun.\n\nRelease Year: 2006\n\nDirector: Guillermo del Toro\n\n"
        "Ivana Baquero - Ofelia\nSergi López - Capitán Vidal\n\n"
        "Also Known As:\nPan's Labyrinth (USA)\nLe labyrinthe de Pan (France)\n"
        "El laberinto del fauno (original title)\n\n"
        "Release Dates:\n11 October 2006 (Spain)\n24 November 2006 (UK)\n"
    )
    doc = parse_document("dump.txt", dump.encode())
    assert [(t.title, t.kind) for t in doc.other_titles] == [
        ("Pan's Labyrinth", "aka"),
        ("Le labyrinthe de Pan", "aka"),
        ("El laberinto del fauno", "original"),
    ]
    assert [(r.territory, r.date) for r in doc.releases] == [
        ("Spain", date(2006, 10, 11)),
        ("UK", date(2006, 11, 24)),
    ]
    assert not doc.reviews


@pytest.mark.parametrize(
    ("claim", "found", "warned"),
    [
        ("1.2K reviews", 1, "the page claims about 1,200 reviews but 1 were found in the copy"),
        ("3K reviews", 1, "the page claims about 3,000 reviews but 1 were found in the copy"),
        ("1 Review", 1, None),
        ("2 Reviews", 1, "the page claims 2 reviews but 1 were found in the copy"),
    ],
)
def test_review_page_of_todays_layout_claims_a_rounded_count(claim, found, warned):
    """Today's layout rounds the count it claims (`1.2K reviews`): about 1,200, not a line
    kept aside; its sort order (`Featured`) is the header's too."""
    page = (
        f"Toy Story 2 (1999)\nUser reviews\n\nReview this title\n{claim}\nHide Spoilers\n"
        "Sort by:\nFeatured\nFilter by Rating:\n10/10\nBetter than the first\nandysroom\n"
        "Dec 24, 1999\nJessie's song made me cry.\n\nHelpful•12\n2\n"
    )
    doc = parse_document("page.txt", page.encode())
    assert len(doc.reviews) == found
    assert [w.message for w in doc.warnings] == ([warned] if warned else [])


def test_a_dumps_reviews_titled_with_a_part_and_a_colon():
    """Reviews copied under a dump's quotes whose titles name a part before a colon (`Milo: the
    best villain of the nineties`) are reviews, not quotes: their words open in lower case and
    have no end, over a paragraph; the page's `Warning: Spoilers` after a review's paragraph
    opens the next review (the two were one, and the titles quotes)."""
    dump = (
        "A drug pusher grows desperate.\n\nRelease Year: 1996\n\nDirector: Ann Berg\n\n"
        "Kim Lee - Frank\nBo Berg - Milo\n\n"
        "Frank: I need your money and your drugs.\nMilo: Frank, my friend.\n\n"
        "Milo: the best villain of the nineties\n\n"
        "Bo Berg steals every scene he is in. I have watched it five times and I still laugh.\n\n"
        "Warning: Spoilers\nFrank: a man who never had a chance\n\n"
        "The ending leaves Frank in the street with nothing, and I think that is honest.\n"
    )
    doc = parse_document("dump.txt", dump.encode())
    assert [len(q.lines) for q in doc.quotes] == [2]
    assert [(r.title, r.has_spoilers, r.body[:13]) for r in doc.reviews] == [
        ("Milo: the best villain of the nineties", False, "Bo Berg steal"),
        ("Frank: a man who never had a chance", True, "The ending le"),
    ]


HEADED_CAST_KIT = """HEAT

Year: 1995
Director: Michael Mann

CAST

{cast}

SYNOPSIS

Neil McCauley (Robert De Niro) leads a crew of thieves. Vincent Hanna (Al Pacino) hunts them.
"""


@pytest.mark.parametrize(
    ("cast", "listed"),
    [
        (
            "Al Pacino (Lt. Vincent Hanna)\nRobert De Niro (Neil McCauley)\n"
            "Danny Trejo (uncredited)",
            [
                ("Al Pacino", "Lt. Vincent Hanna", "", 1),
                ("Robert De Niro", "Neil McCauley", "", 2),
                ("Danny Trejo", "", "uncredited", 3),
            ],
        ),
        (
            "AL PACINO as VINCENT HANNA\nROBERT DE NIRO as NEIL McCAULEY",
            [("Al Pacino", "Vincent Hanna", "", 1), ("Robert De Niro", "Neil McCauley", "", 2)],
        ),
        (
            "Al Pacino, Robert De Niro, Danny Trejo",
            [("Al Pacino", "", "", 1), ("Robert De Niro", "", "", 2), ("Danny Trejo", "", "", 3)],
        ),
    ],
    ids=["parts-in-parentheses", "in-capitals", "a-list"],
)
def test_a_kits_cast_under_its_heading_written_otherwise(cast, listed):
    """Under `CAST`: `Al Pacino (Lt. Vincent Hanna)` lines (a note in the parentheses is the
    credit's), `AL PACINO as VINCENT HANNA` in capitals (written as names are), or a list of
    names: the cast in its order (the lines and the list were kept aside, the capitals kept)."""
    doc = parse_document("kit.txt", HEADED_CAST_KIT.format(cast=cast).encode())
    billed = [c for c in doc.credits if c.role == "cast" and c.billing_order]
    assert [(c.name, c.character, c.note, c.billing_order) for c in billed] == listed
    assert doc.warnings == []


@pytest.mark.parametrize(
    ("key", "note"),
    [("Story by", "story"), ("Screenplay", "screenplay"), ("Based on the novel by", "novel")],
)
def test_a_crew_key_says_what_its_writers_wrote(key, note):
    """`Story by:`, `Screenplay:`, `Based on the novel by:` name writers, with what they wrote
    as the credits' note (the last was a press note, its key too long for a field's)."""
    kit = (
        "BLADE RUNNER\n\nYear: 1982\nDirector: Ridley Scott\n"
        f"{key}: Hampton Fancher and David Peoples\nCast: Harrison Ford, Rutger Hauer\n"
        "UK: Warner Bros.\nUK: 117 mins\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    writers = [(c.name, c.note) for c in doc.credits if c.role == "writer"]
    assert writers == [("Hampton Fancher", note), ("David Peoples", note)]
    assert not doc.notes


@pytest.mark.parametrize(
    ("field", "rated", "warned"),
    [
        (
            "Certificate: 16 (Germany) | 15 (UK) | R (United States)",
            [("Germany", "16", ""), ("UK", "15", ""), ("USA", "R", "")],
            False,
        ),
        ("Rated: PG-13 for some violence", [("USA", "PG-13", "for some violence")], False),
        ("Rated: 15", [], True),
    ],
)
def test_a_dumps_ratings_by_country_name_and_an_american_rated_field(field, rated, warned):
    """A rating followed by its country's name (`16 (Germany)`: it was a rating of no territory
    with `(Germany)` its reason); `Rated: PG-13 …`, an American rating (it was a warning; a
    rating of no American board still is)."""
    dump = (
        "A thief.\n\nRelease Year: 1995\n\nDirector: Michael Mann\n\n"
        f"Al Pacino - Hanna\nRobert De Niro - McCauley\n\n{field}\n"
    )
    doc = parse_document("dump.txt", dump.encode())
    assert [(c.territory, c.rating, c.reason) for c in doc.certificates] == rated
    assert [w.code for w in doc.warnings] == (["unknown_field"] if warned else [])


@pytest.mark.parametrize(
    ("field", "figure"),
    [
        ("Box office: $1,234,567", ("gross", Decimal(1_234_567), "")),
        ("Cumulative Worldwide Gross: $2,345,678", ("gross", Decimal(2_345_678), "Worldwide")),
    ],
)
def test_a_dumps_gross_under_other_keys(field, figure):
    """IMDb's `Cumulative Worldwide Gross:` and a `Box office:` are the film's gross (they were
    fields not understood)."""
    dump = (
        "A thief.\n\nRelease Year: 1995\n\nDirector: Michael Mann\n\n"
        f"Al Pacino - Hanna\nRobert De Niro - McCauley\n\n{field}\n"
    )
    doc = parse_document("dump.txt", dump.encode())
    assert [(m.kind, m.amount, m.territory) for m in doc.money] == [figure]
    assert doc.warnings == []


def test_a_kits_distributors_by_whom_it_is_distributed():
    """`Distributed by: Warner Bros. (USA), Warner Bros. UK (UK)`: a distributor each, in its
    territory (the field was not understood)."""
    kit = (
        "HEAT\n\nYear: 1995\nDirector: Michael Mann\nCast: Al Pacino, Robert De Niro\n"
        "Distributed by: Warner Bros. (USA), Warner Bros. UK (UK)\n"
        "Release: 15 December 1995 (USA)\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    assert [(d.territory, d.company) for d in doc.distributors] == [
        ("USA", "Warner Bros."),
        ("UK", "Warner Bros. UK"),
    ]
    assert doc.warnings == []


def test_review_xml_in_a_namespace_of_its_own_is_read_by_its_elements_names():
    """`<movie xmlns="…">` was refused: its root was `{…}movie`, not `movie`."""
    xml = review_xml("Long and tense.").replace(
        "<movie>", '<movie xmlns="https://crawler.example/ns/1">', 1
    )
    doc = parse_document("ns.xml", xml.encode())
    assert doc.title and doc.reviews[0].body == "Long and tense."
    assert not [w for w in doc.warnings if w.code == "unknown_element"]


def test_a_kit_with_no_year_dated_by_its_prose_not_by_a_re_release():
    """A distributor's kit that lost its `Year:` line: a kit still (it was `format not
    recognised`), of the year its prose names its title with (`his 1996 feature film debut,
    HARBOUR`), not of its first release's (a re-release's, 2006); with no such year, refused
    with a clear message, not made a film of the re-release's year."""
    fields = (
        "USA: Magnolia Films\nUK: Metrodome Group\nCast: Kim Lee, Bo Berg\nDirector: Ann Dahl\n"
        "USA: 105 mins\nUSA Release Date: 18 August 2006 (Limited Release - New York)\n\n\n"
    )
    prose = "Ann Dahl made her 1996 feature film debut, HARBOUR, in a month.\n\n"
    synopsis = "HARBOUR tells the story of Ida (Kim Lee) and Ole (Bo Berg).\n"
    doc = parse_document("kit.txt", (fields + prose + synopsis).encode())
    assert (doc.format, doc.title, doc.year) == ("press_kit", "Harbour", 1996)
    assert [(r.territory, r.date) for r in doc.releases] == [("USA", date(2006, 8, 18))]
    with pytest.raises(ImportFormatError, match="gives no year"):
        parse_document("kit.txt", (fields + synopsis).encode())
    # A remake's kit names the original, of its own title, with its year: not the kit's.
    remake = "Ann Dahl's HARBOUR is a remake of Bo Lund's HARBOUR (1980).\n\nSYNOPSIS\n"
    doc = parse_document("kit.txt", (fields + remake + synopsis).encode())
    assert (doc.title, doc.year) == ("Harbour", 2006)


def test_a_kit_whose_year_is_mistyped_is_read_with_a_warning_not_refused():
    """`Year: 19966` made the whole kit `format not recognised`: its cast, director and
    releases were lost with it."""
    kit = (
        "Year: 19966\n"
        "USA: Magnolia Films\n"
        "UK: Metrodome Group\n"
        "Cast: Kim Lee, Bo Berg\n"
        "Director: Ann Dahl\n"
        "UK Release Date: 16 September 2005\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    assert doc.format == "press_kit" and doc.year == 2005  # its release's, as with no year
    assert [c.name for c in doc.credits] == ["Kim Lee", "Bo Berg", "Ann Dahl"]
    assert [(w.line, w.code) for w in doc.warnings] == [(1, "bad_year")]


@pytest.mark.parametrize(
    "connections",
    [
        "Followed by Heat 2 (2026)",
        "Connections\nFollowed by Heat 2 (2026)\nReferenced in Collateral (2004)",
        "Connections:\nFollowed by Heat 2 (2026)",
        "Followed by: Heat 2 (2026)",
        "Sequel: Heat 2 (2026)",
    ],
    ids=["bare", "heading", "heading-colon", "keyed", "sequel-key"],
)
def test_a_dumps_connections_written_as_a_page_or_a_field(connections):
    """IMDb's connections copied as lines of their own, under their heading or none, or as a
    field of their own: the sequel is a film of the series; the bare line was a user review."""
    dump = (
        "A thief.\n\nRelease Year: 1995\n\nDirector: Michael Mann\n\n"
        f"Al Pacino - Hanna\nRobert De Niro - McCauley\n\n{connections}\n"
    )
    doc = parse_document("heat.txt", dump.encode())
    assert [(m.title, m.year, m.in_series) for m in doc.mentioned_films] == [("Heat 2", 2026, True)]
    assert not doc.reviews and not doc.notes
    assert [w.code for w in doc.warnings] == ["unplaced_line"] * ("Collateral" in connections)


def test_a_newest_pages_helpful_votes_rounded_to_thousands():
    """`Helpful•1.2K` was no vote line: the review ran on into the next one, which was lost.
    Now about 1,200 votes for, with a warning that the page rounds them."""
    page = NEWEST_PAGE.replace("Helpful•1,045\n6\n", "Helpful•1.2K\n56\n")
    doc = parse_document("page.txt", page.encode())
    assert [(r.title, r.helpful_yes, r.helpful_total) for r in doc.reviews] == [
        ("Oh yah", 1200, 1256),
        ("A woodchipper", 30, 32),
        ("Cold", None, None),
    ]
    assert [(w.line, w.code) for w in doc.warnings] == [
        (16, "helpful_votes"),
        (33, "helpful_votes"),
    ]
    assert "1.2K" in doc.warnings[0].message


def test_a_newest_pages_author_and_date_parted_by_a_bullet_alone():
    """`northstar•Mar 3, 1997`: the username was `northstar•`, a reviewer no other page
    names."""
    page = NEWEST_PAGE.replace("northstar\nMar 3, 1997", "northstar•Mar 3, 1997")
    doc = parse_document("page.txt", page.encode())
    assert (doc.reviews[0].username, doc.reviews[0].date) == ("northstar", date(1997, 3, 3))


HEAT_DUMP = (
    "Heat (1995)\n\nA thief.\n\nRelease Year: 1995\n\nDirector: Michael Mann\n\n"
    "Al Pacino - Hanna\nRobert De Niro - McCauley\n\n{fields}\n"
)


def test_a_dumps_list_of_countries_titles_under_imdbs_heading():
    """`Also Known As (AKA):` over `Germany: Heat` lines, as IMDb lists its countries' titles:
    each a title of the film (the block was stored as a user review)."""
    fields = (
        "Also Known As (AKA):\nGermany: Heat\nItaly: Heat - La sfida\n"
        "World-wide (English title): Heat\nSpain: Calor (original title)"
    )
    doc = parse_document("heat.txt", HEAT_DUMP.format(fields=fields).encode())
    assert [(t.title, t.kind, t.line) for t in doc.other_titles] == [
        ("Heat", "aka", 13),
        ("Heat - La sfida", "aka", 14),
        ("Heat", "english", 15),
        ("Calor", "original", 16),
    ]
    assert not doc.reviews and not doc.warnings


@pytest.mark.parametrize(
    "field, date_, note",
    [
        ("Opening weekend US & Canada: $8,445,656, 17 Dec 1995", date(1995, 12, 17), ""),
        ("Opening weekend US & Canada: $8,445,656 in 1,325 theaters", None, "in 1,325 theaters"),
    ],
)
def test_a_money_figures_date_after_a_comma_and_words_after_it(field, date_, note):
    """The date after a comma, and words outside parentheses, were dropped without a word."""
    doc = parse_document("heat.txt", HEAT_DUMP.format(fields=field).encode())
    [money] = doc.money
    assert (money.amount, money.territory, money.date, money.note) == (
        Decimal(8445656),
        "US & Canada",
        date_,
        note,
    )


@pytest.mark.parametrize(
    "written, day",
    [
        ("16/09/2005", date(2005, 9, 16)),
        ("16.09.2005", date(2005, 9, 16)),
        ("12/15/1995 (Limited)", date(1995, 12, 15)),
        ("05/06/1995", date(1995, 6, 5)),  # either way: as the UK writes dates, the day first
        ("05/06/1995 (USA)", date(1995, 5, 6)),  # the month first, as in the USA
    ],
)
def test_a_dumps_release_dated_in_numbers(written, day):
    """A dump's `Release Date: 16/09/2005 (UK)` had no date, only its text (a kit's had)."""
    where = "" if "(" in written else " (UK)"
    dump = HEAT_DUMP.format(fields=f"Release Date: {written}{where}")
    [release] = parse_document("heat.txt", dump.encode()).releases
    assert (release.date, release.date_text) == (day, written.split(" (")[0])


@pytest.mark.parametrize(
    "review, read",
    [
        # The reviewer's name beside its id: `zoeur123` was read, the two run together.
        ("<user><name>zoe</name><id>ur123</id></user>", ("zoe", None, False)),
        ('<author name="zoe"/>', ("zoe", None, False)),  # was no author, and a warning
        ("<username>zoe</username><score>85%</score>", ("zoe", Decimal("8.5"), False)),
        ("<username>zoe</username><containsSpoilers>yes</containsSpoilers>", ("zoe", None, True)),
    ],
    ids=["name-beside-id", "name-attribute", "percent", "contains-spoilers"],
)
def test_review_xml_of_other_crawlers_reviewers_scores_and_spoilers(review, read):
    xml = "<movie><title>Heat</title><year>1995</year>"
    xml += f"<review>{review}<text>Long.</text></review></movie>"
    doc = parse_document("heat.xml", xml.encode())
    [found] = doc.reviews
    assert (found.username, found.rating, found.has_spoilers) == read
    assert not doc.warnings


def test_review_xml_of_a_crawler_that_gives_the_films_facts():
    """`<imdbId>`, `<directors>` and `<genres>` of an element per item: the IMDb id, the
    directors (each was a warning) and each genre (`CrimeDrama` was one)."""
    xml = (
        "<movie><title>Fargo</title><year>1996</year><imdbId>tt0116282</imdbId>"
        "<directors><director>Joel Coen</director><director>Ethan Coen</director></directors>"
        "<genres><genre>Crime</genre><genre>Drama</genre></genres>"
        "<review><username>zoe</username><text>Long.</text></review></movie>"
    )
    doc = parse_document("fargo.xml", xml.encode())
    assert doc.imdb_id == "tt0116282"
    assert [(c.name, c.role) for c in doc.credits] == [
        ("Joel Coen", "director"),
        ("Ethan Coen", "director"),
    ]
    assert [(n.kind, n.text) for n in doc.notes] == [("genre", "Crime"), ("genre", "Drama")]
    assert not doc.warnings


def test_a_kits_tagline_locations_and_the_novel_its_film_is_based_on():
    """`Tagline:` and `Shooting locations:` were fields a kit did not know (a dump did), and
    `Based on the book by James Sallis`, with no colon, a line kept aside."""
    kit = (
        "DRIVE (2011)\n\nYear: 2011\nStarring: Ryan Gosling, Carey Mulligan\n"
        "Directed by Nicolas Winding Refn\nBased on the book by James Sallis\n"
        "Shooting locations: Los Angeles, California\nTagline: There are no clean getaways.\n"
        "UK: Icon Film Distribution\nUSA: FilmDistrict\n"
    )
    doc = parse_document("drive.txt", kit.encode())
    assert ("James Sallis", "writer", "novel") in [(c.name, c.role, c.note) for c in doc.credits]
    assert [(n.kind, n.text) for n in doc.notes] == [
        ("location", "Los Angeles, California"),
        ("tagline", "There are no clean getaways."),
    ]
    assert not doc.warnings


def test_a_kits_re_release_is_a_release_noted_so_not_its_films_year():
    """`UK Re-release Date: 13 July 2012` was a field not understood; it is a release in
    cinemas noted `re-release`, and no year for a kit that gives none (a first release's
    is)."""
    kit = (
        "M (1931)\n\nYear: 1931\nUK: BFI Distribution\nCast: Peter Lorre, Ellen Widmann\n"
        "UK Re-release Date: 13 July 2012\n"
    )
    doc = parse_document("m.txt", kit.encode())
    assert [(r.territory, r.medium, r.date, r.note) for r in doc.releases] == [
        ("UK", "theatrical", date(2012, 7, 13), "re-release")
    ]
    assert not doc.warnings
    undated = kit.replace("M (1931)\n\nYear: 1931\n", "M\n\n") + "\nSYNOPSIS\n\nA murderer.\n"
    assert parse_document("m.txt", undated.encode()).year is None


def test_a_dumps_crazy_credits_alternate_versions_and_soundtracks():
    """IMDb's `Crazy Credits:`, `Alternate Versions:` and `Soundtracks:` are the film's trivia,
    each under its name; the trivia line before them was a user review's title, and they its
    text, with the real review run into it."""
    fields = (
        "Waingro is played by Kevin Gage.\n\nCrazy Credits: The Warner Bros. logo is blue.\n\n"
        "Alternate Versions: The TV version cuts the shootout.\n\n"
        "Soundtracks: God Moving Over the Face of the Waters - Performed by Moby\n\n"
        "A masterpiece\n\nMann shoots Los Angeles like no one else. The coffee shop scene is "
        "the best scene two actors ever shared."
    )
    doc = parse_document("heat.txt", HEAT_DUMP.format(fields=fields).encode())
    assert sorted((n.detail, n.text) for n in doc.notes if n.kind == "trivia") == [
        ("", "Waingro is played by Kevin Gage."),
        ("Alternate versions", "The TV version cuts the shootout."),
        ("Crazy credits", "The Warner Bros. logo is blue."),
        ("Soundtracks", "God Moving Over the Face of the Waters - Performed by Moby"),
    ]
    assert [(r.title, r.body[:16]) for r in doc.reviews] == [("A masterpiece", "Mann shoots Los ")]
    assert not doc.warnings
    # In the dump's order (the prose's trivia, read last, was listed after the fields').
    assert [n.detail for n in doc.notes if n.kind == "trivia"] == [
        "",
        "Crazy credits",
        "Alternate versions",
        "Soundtracks",
    ]


@pytest.mark.parametrize(
    "heading, rating, genres",
    [
        ("Heat (1995) - IMDb", None, []),
        ("Heat (1995) - Plot Summary - IMDb", None, []),
        ("Heat (1995)  |  Full Cast & Crew", None, []),
        ("Heat (1995)\nFull Cast & Crew", None, []),  # the page's name under its title
        ("Heat (1995)\nFull credits", None, []),
        ("Heat (1995) ⭐ 8.3 | Action, Crime, Drama", Decimal("8.3"), ["Action", "Crime", "Drama"]),
        ("HEAT (1995)", None, []),
        ("# Heat (1995)", None, []),  # saved as Markdown, its one mark the heading's
    ],
)
def test_a_dumps_heading_as_a_browsers_tab_or_markdown_writes_it(heading, rating, genres):
    """The tab's words after the year made the heading no title: the film had none, and the
    heading was its logline (`HEAT` stayed in capitals; `# Heat` kept its mark)."""
    dump = HEAT_DUMP.format(fields="").replace("Heat (1995)", heading, 1)
    doc = parse_document("heat.txt", dump.encode())
    assert (doc.title, doc.year, doc.logline, doc.imdb_rating) == ("Heat", 1995, "A thief.", rating)
    assert [n.text for n in doc.notes if n.kind == "genre"] == genres


@pytest.mark.parametrize(
    "head",
    [
        "HEAT (1995) - PRESS KIT",  # was the title `Heat (1995) - Press Kit`
        "Heat (1995) | Press Notes",  # was no title, and a line kept aside
        "WARNER BROS. presents\nHEAT",  # the billing over the title, no blank line between
    ],
)
def test_a_kits_title_with_what_the_kit_says_of_itself_or_its_billing(head):
    kit = f"{head}\n\nYear: 1995\nUK: Warner Bros.\nCast: Al Pacino, Robert De Niro\n"
    doc = parse_document("heat.txt", kit.encode())
    assert (doc.title, doc.year) == ("Heat", 1995)


@pytest.mark.parametrize(
    "value, crew, cast",
    [
        ("Mann, Michael", ["Michael Mann"], ["Mann", "Michael"]),  # a maker alone, as catalogued
        ("Coen, Joel; Coen, Ethan", ["Joel Coen", "Ethan Coen"], ["Joel Coen", "Ethan Coen"]),
        ("Pacino, Al; De Niro, Robert", ["Al Pacino", "Robert De Niro"], None),
        ("Al Pacino, Robert De Niro", ["Al Pacino", "Robert De Niro"], None),  # as it is
        ("Dahl, Jens; Refn, Nicolas Winding", ["Jens Dahl", "Nicolas Winding Refn"], None),
    ],
)
def test_names_a_catalogue_writes_family_name_first(value, crew, cast):
    """`Mann, Michael` were two directors, `Mann` and `Michael`; `Coen, Joel; Coen, Ethan` four."""
    assert crew_names(value) == crew
    assert split_names(value) == (crew if cast is None else cast)


def test_a_reviewers_page_of_many_films_is_refused_not_read_as_one_films():
    """A reviewer's own page lists reviews of many films, each headed by its film: the second
    was stored as a review of the first film by a user called `Cat bus`."""
    page = (
        "ghibli_girl\n\nReviews\n2 reviews\n\nSpirited Away (2001)\n10/10\nWatch it in "
        "Japanese\n14 March 2004\nRumi Hiiragi's voice is the real thing.\n21 out of 24 found "
        "this helpful. Was this review helpful? Sign in to vote.\nPermalink\n"
        "My Neighbor Totoro (1988)\n9/10\nCat bus\n2 May 2005\nThe cat bus alone is worth it.\n"
        "3 out of 3 found this helpful. Was this review helpful? Sign in to vote.\nPermalink\n"
    )
    with pytest.raises(ImportFormatError, match=r"another film, My Neighbor Totoro \(1988\)") as e:
        parse_document("user.txt", page.encode())
    assert e.value.line == 13


@pytest.mark.parametrize(
    "mark", ["Spoiler", "Spoilers", "Contains spoilers", "SPOILERS", "Spoilers ahead!"]
)
def test_a_review_pages_spoiler_marks_written_otherwise(mark):
    """A newer page's badge `Spoiler`, `Contains spoilers`: the review has spoilers (the mark
    was the first line of its text, and the review not flagged)."""
    page = NEWEST_PAGE.replace("Warning: Spoilers\n", f"{mark}\n")
    review = parse_document("page.txt", page.encode()).reviews[1]
    assert (review.title, review.has_spoilers) == ("A woodchipper", True)
    assert review.body == "Nobody who saw it forgets the woodchipper."


@pytest.mark.parametrize(
    "score, rating",
    [("★★★★☆", Decimal(8)), ("9 out of 10", Decimal(9)), ("Rating: 8/10", Decimal(8))],
)
def test_review_xml_scores_in_words_or_stars(score, rating):
    """A crawler that copied the page's rating as shown: it was `not a rating`, and lost."""
    xml = "<movie><title>Heat</title><year>1995</year><review><username>z</username>"
    xml += f"<score>{score}</score><text>Long.</text></review></movie>"
    doc = parse_document("heat.xml", xml.encode())
    assert doc.reviews[0].rating == rating and not doc.warnings


@pytest.mark.parametrize(
    "written, day",
    [
        ("1997-03-03", date(1997, 3, 3)),
        ("1997-3-3", date(1997, 3, 3)),
        ("03/03/1997", date(1997, 3, 3)),
        ("03.03.1997", date(1997, 3, 3)),
        ("March 3rd, 1997", date(1997, 3, 3)),
        ("3rd March 1997", date(1997, 3, 3)),
        ("05/06/1997", date(1997, 6, 5)),  # either way: day first, as the page's words write it
    ],
)
def test_a_review_pages_date_under_its_author_in_figures_or_as_an_ordinal(written, day):
    """The first review's date in figures or as an ordinal was no date: the review, with no
    author line, was taken for the page's header, and lost."""
    page = NEWEST_PAGE.replace("Mar 3, 1997", written)
    doc = parse_document("page.txt", page.encode())
    assert [(r.username, r.date) for r in doc.reviews][:1] == [("northstar", day)]
    assert len(doc.reviews) == 3


@pytest.mark.parametrize("heading", ["THE CAST", "MAIN CAST", "PRINCIPAL CAST", "CAST & CREW"])
def test_a_kits_columns_under_a_credit_heading_written_otherwise(heading):
    """`THE CAST`, `MAIN CAST` over columns were kept aside, line by line; under `CAST &
    CREW`, a line whose left column is a crew key is the crew's."""
    kit = (
        f"HEAT (1995)\n\nYear: 1995\nUK: Warner Bros.\n\n{heading}\n"
        "Al Pacino ....... Vincent Hanna\nRobert De Niro ....... Neil McCauley\n"
        + ("Director ....... Michael Mann\n" if "CREW" in heading else "")
        + "\nSYNOPSIS\n\nVincent Hanna hunts Neil McCauley.\n"
    )
    doc = parse_document("heat.txt", kit.encode())
    assert [(c.name, c.character, c.role) for c in doc.credits] == [
        ("Al Pacino", "Vincent Hanna", "cast"),
        ("Robert De Niro", "Neil McCauley", "cast"),
        *([("Michael Mann", "", "director")] if "CREW" in heading else []),
    ]
    assert not doc.warnings


@pytest.mark.parametrize("did_you_know", ["Did you know", "Did You Know?"])
def test_a_copied_title_page_with_no_blank_lines_between_its_sections(did_you_know):
    """IMDb's title page copied whole: the line under its title (`R | 2h 23min | Drama | …`),
    credits as headings over a name a line, sections labelled `Details`, `Box office`, `Did you
    know` (an older page's with its question mark) with no blank line between them. Each fact
    in its place (they were the plot, a review titled `Details` and trivia; the question was
    the trivia's first words)."""
    page = (
        "Babel (2006)\nR | 2h 23min | Drama | 10 November 2006 (USA)\n\n"
        "Tragedy strikes a married couple on vacation in the Moroccan desert.\n\n"
        "Director\nAlejandro G. Iñárritu\nWriters\nGuillermo Arriaga (screenplay)\n"
        "Stars\nBrad Pitt\nCate Blanchett\n\n"
        "Storyline\nIn the remote sands of the Moroccan desert, a rifle shot rings out.\n\n"
        "Cast\nBrad Pitt ... Richard\nCate Blanchett ... Susan\n\n"
        "Details\nCountries of origin: France, United States, Mexico\n"
        "Filming locations: Tazarine, Morocco\n"
        "Box office\nBudget: $25,000,000 (estimated)\n"
        f"{did_you_know}\nTrivia: Brad Pitt took the role after leaving another film.\n"
        "Quotes:\nRichard: Why did we come here?\nSusan: To be alone.\n"
    )
    doc = parse_document("babel.txt", page.encode())
    assert (doc.title, doc.year) == ("Babel", 2006)
    assert doc.logline.startswith("Tragedy strikes") and doc.plot.startswith("In the remote")
    assert [(c.name, c.role, c.note) for c in doc.credits if c.role != "cast"] == [
        ("Alejandro G. Iñárritu", "director", ""),
        ("Guillermo Arriaga", "writer", "screenplay"),
    ]
    assert [(c.name, c.character, c.top_billed) for c in doc.credits if c.role == "cast"] == [
        ("Brad Pitt", "Richard", True),
        ("Cate Blanchett", "Susan", True),
    ]
    assert [(c.territory, c.rating) for c in doc.certificates] == [("USA", "R")]
    assert [(r.minutes, r.line) for r in doc.runtimes] == [(143, 2)]
    assert [(r.territory, r.date) for r in doc.releases] == [("USA", date(2006, 11, 10))]
    assert {(n.kind, n.text) for n in doc.notes} == {
        ("genre", "Drama"),
        ("country", "France"),
        ("country", "USA"),
        ("country", "Mexico"),
        ("location", "Tazarine, Morocco"),
        ("trivia", "Brad Pitt took the role after leaving another film."),
    }
    assert [m.amount for m in doc.money] == [25_000_000]
    assert [q.lines for q in doc.quotes] == [
        (("Richard", "Why did we come here?"), ("Susan", "To be alone."))
    ]
    assert not doc.reviews and not doc.warnings


def test_a_studio_kit_with_a_short_synopsis_and_releases_of_two_kinds():
    """A studio's kit: `SHORT SYNOPSIS` heads its synopsis (the kit was refused as no format),
    `October 27, 2006 (limited); November 10, 2006 (wide)` are two releases, how each was made
    a note (`limited` was read as a territory), and a cinematographer's societies a note on his
    credit (`ASC` and `AMC` were two people)."""
    kit = (
        "BABEL\n\nRUNNING TIME: 142 minutes\n"
        "RELEASE DATE: October 27, 2006 (limited); November 10, 2006 (wide)\n\n"
        "CAST\n\nRichard ........ BRAD PITT\nSusan ........ CATE BLANCHETT\n\n"
        "FILMMAKERS\n\nDirected by ........ ALEJANDRO GONZÁLEZ IÑÁRRITU\n"
        "Director of Photography ........ RODRIGO PRIETO, ASC, AMC\n\n"
        "SHORT SYNOPSIS\n\nIn the Moroccan desert a shot links Richard (Brad Pitt) and Susan "
        "(Cate Blanchett) to strangers.\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    assert doc.format == "press_kit" and doc.title == "Babel"
    assert [(r.territory, r.date, r.note) for r in doc.releases] == [
        ("", date(2006, 10, 27), "limited"),
        ("", date(2006, 11, 10), "wide"),
    ]
    assert [(c.name, c.note) for c in doc.credits if c.role == "cinematographer"] == [
        ("Rodrigo Prieto", "ASC, AMC")
    ]
    assert doc.synopsis.startswith("In the Moroccan desert")


def test_review_xml_whose_movie_says_its_id_in_an_attribute_and_its_rating_otherwise():
    """`<movie id="tt0113277">` and `<rating>8.3</rating>` under it: the film's IMDb id and
    rating (the id was not read, and the rating warned about as an unknown element); an
    attribute that says nothing known is told in a warning."""
    xml = (
        '<movie id="tt0113277" lang="en"><title>Heat</title><year>1995</year>'
        "<rating>8.3</rating><review><title>Great</title><author>ann</author>"
        "<text>The best heist film of the nineties.</text></review></movie>"
    )
    doc = parse_document("heat.xml", xml.encode())
    assert (doc.title, doc.year, doc.imdb_id, doc.imdb_rating) == (
        "Heat",
        1995,
        "tt0113277",
        Decimal("8.3"),
    )
    assert [w.message for w in doc.warnings if w.code == "unknown_element"] == [
        "attribute lang= of <movie> was not read: 'en'"
    ]


def test_a_copied_title_page_with_no_colons_at_all():
    """A title page copied from a newer layout: `Stars` over its names, `Did you know` over
    `Trivia`, `Goofs`, `Quotes` and `Soundtracks`, each alone on its line over what it holds
    (the page was refused as no format); a song's `Written by` line is the song's."""
    page = (
        "Babel (2006)\n\nTragedy strikes a married couple on vacation.\n\n"
        "Director\nAlejandro G. Iñárritu\nWriters\nGuillermo Arriaga\nStars\nBrad Pitt\n"
        "Cate Blanchett\n\nDid you know\nTrivia\nBrad Pitt took the role late.\nGoofs\n"
        "Her blood on his shirt changes between shots.\nQuotes\nRichard: Why did we come here?\n"
        "Susan: To be alone.\nSoundtracks\nDeportation/Iguazu\nWritten by Gustavo Santaolalla\n"
    )
    doc = parse_document("babel.txt", page.encode())
    assert doc.format == "metadata_dump" and (doc.title, doc.year) == ("Babel", 2006)
    assert [(c.name, c.role) for c in doc.credits] == [
        ("Alejandro G. Iñárritu", "director"),
        ("Guillermo Arriaga", "writer"),
        ("Brad Pitt", "cast"),
        ("Cate Blanchett", "cast"),
    ]
    assert [(n.kind, n.text, n.detail) for n in doc.notes] == [
        ("trivia", "Brad Pitt took the role late.", ""),
        ("goof", "Her blood on his shirt changes between shots.", ""),
        ("trivia", "Deportation/Iguazu — Written by Gustavo Santaolalla", "Soundtracks"),
    ]
    assert len(doc.quotes) == 1 and not doc.reviews and not doc.warnings


def test_a_dump_whose_keys_have_a_space_before_their_colon():
    """`release year : 1995`, `Director :Michael Mann`, `Star:Al Pacino,Robert De Niro`: a dump
    (it was refused as no format), each field read."""
    dump = (
        "A crew of robbers feels the heat.\n\nrelease year : 1995\n\nDirector :Michael Mann\n\n"
        "Star:Al Pacino,Robert De Niro\n\nAl Pacino – Vincent Hanna\nRobert De Niro – Neil "
        "McCauley\n"
    )
    doc = parse_document("heat.txt", dump.encode())
    assert doc.format == "metadata_dump" and doc.year == 1995
    assert [(c.name, c.role, c.character, c.top_billed) for c in doc.credits] == [
        ("Michael Mann", "director", "", False),
        ("Al Pacino", "cast", "Vincent Hanna", True),
        ("Robert De Niro", "cast", "Neil McCauley", True),
    ]
    assert not doc.warnings


def test_a_kit_whose_keys_have_a_space_before_their_colon():
    """`Year : 1995`, `USA : 170 mins`, `UK Certificate : 15 …`: a kit (it was refused as no
    format), each field read as `Year:` is."""
    kit = (
        "Year : 1995\nUSA : Warner Bros.\nCast : Al Pacino, Robert De Niro\n"
        "Director : Michael Mann\nUSA : 170 mins\nUK Certificate : 15 for strong violence\n\n"
        "HEAT tells the story of Neil McCauley (Robert De Niro), a career thief.\n"
    )
    doc = parse_document("kit.txt", kit.encode())
    assert (doc.format, doc.title, doc.year) == ("press_kit", "Heat", 1995)
    assert [(d.territory, d.company) for d in doc.distributors] == [("USA", "Warner Bros.")]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("USA", 170)]
    assert [(c.territory, c.rating, c.reason) for c in doc.certificates] == [
        ("UK", "15", "for strong violence")
    ]
    assert {c.name for c in doc.credits} == {"Al Pacino", "Robert De Niro", "Michael Mann"}


def test_an_older_review_page_copied_without_its_closing_questions():
    """The older layout, `N out of M people found the following review useful:` over a review
    and `Author: … from …` under its title, copied without its `Was the above review useful to
    you?` lines (the page was refused: no review closed): each `Author:` line opens a review
    (its title over it, and its votes, when any were cast), the last closes at the footer."""
    page = (
        "Babel (2006)\nUser Reviews\n\n"
        "57 out of 82 people found the following review useful:\nPowerful and moving\n"
        "Author: dfranzen70 from Westminster, MD\n10 November 2006\n\n"
        "The four stories are woven with care.\n\nBrad Pitt has never been better.\n\n"
        "Unvoted\nAuthor: quiet_one\n3 January 2007\n\nNobody read this one.\n\n"
        "12 out of 30 people found the following review useful:\nPretentious\n"
        "Author: mr_cynic from United Kingdom\n2 February 2007\n\n"
        "*** This review may contain spoilers ***\n\nEveryone cries. 3/10.\n\nSee also\nAwards\n"
    )
    doc = parse_document("page.txt", page.encode())
    reviews = [r for batch in doc.review_batches() for r in batch]
    assert [(r.title, r.username, r.date, r.helpful_yes, r.helpful_total) for r in reviews] == [
        ("Powerful and moving", "dfranzen70", date(2006, 11, 10), 57, 82),
        ("Unvoted", "quiet_one", date(2007, 1, 3), None, None),
        ("Pretentious", "mr_cynic", date(2007, 2, 2), 12, 30),
    ]
    assert reviews[0].body.endswith("Brad Pitt has never been better.")
    assert reviews[1].body == "Nobody read this one."
    assert reviews[2].has_spoilers and reviews[2].rating == 3
    assert reviews[2].body == "Everyone cries. 3/10."


def test_a_dumps_plot_keywords_and_its_plot_summarys_signature():
    """`Plot Keywords: heist | bank robbery | See All (57)`: the film's keywords (they were an
    unknown field), the page's link left out; the name a plot summary is signed with, and the
    address beside it, are no part of the plot (a warning names the writer)."""
    dump = (
        "Heat (1995)\n\nA crew of thieves feels the heat.\n\nRelease Year: 1995\n\n"
        "Director: Michael Mann\n\nPlot Keywords: heist | bank robbery | See All (57)\n\n"
        "Storyline\nNeil and his crew hunt big money while Vincent hunts Neil.\n"
        "—Tad Dibbern <tad@example.com>\n\nAl Pacino - Vincent Hanna\nRobert De Niro - Neil\n"
    )
    doc = parse_document("heat.txt", dump.encode())
    assert [(n.kind, n.text) for n in doc.notes] == [
        ("keyword", "heist"),
        ("keyword", "bank robbery"),
    ]
    assert doc.plot == "Neil and his crew hunt big money while Vincent hunts Neil."
    assert [w.message for w in doc.warnings] == ["the plot is signed 'Tad Dibbern': not kept"]


def test_review_xml_with_a_doctype_that_declares_nothing_is_read():
    """`<!DOCTYPE movie>` names the root and declares nothing (no entity, no DTD to fetch): left
    out with a warning, the file read (it was refused)."""
    xml = (
        b'<?xml version="1.0"?>\n<!DOCTYPE movie>\n<movie><title>Heat</title><year>1995</year>'
        b"<review><username>ann</username><fullReview>Good.</fullReview></review></movie>"
    )
    doc = parse_document("heat.xml", xml)
    assert (doc.title, doc.year, len(doc.reviews)) == ("Heat", 1995, 1)
    assert [(w.line, w.code) for w in doc.warnings] == [(2, "xml_repaired")]


@pytest.mark.parametrize(
    "base, line",
    [
        (HEAT_DUMP, " " * 20_000 + "x"),  # every run of spaces tried from its start only
        (HEAT_DUMP, "\t" * 20_000 + "x"),
        (HEAT_DUMP, "1" * 40_000),  # a run of digits too
        (HEAT_DUMP, "105" + " " * 20_000 + "x"),
        (HEAT_DUMP, "Ann Lee" + " " * 20_000 + "- x"),  # a cast line's, a heading's
        (HEAT_DUMP, "Key" + " " * 20_000 + ":"),
        (KIT, "HEAT (1995) " * 3_000),  # a paragraph of titles: each looked at near itself
        (KIT, "(" + " " * 20_000 + "x"),  # columns, countries and their year
        (KIT, "Ann Lee" + " " * 20_000 + "- x"),
    ],
)
def test_a_pathological_line_is_read_in_linear_time(base, line):
    """A broken document's line that some patterns would backtrack over for hours (nested
    repeats over a run of spaces, a title's words looked for from the paragraph's start): it
    is read, in far less than the guard's ten seconds (they took minutes at a tenth of these
    sizes)."""
    import signal

    def hung(*_):
        raise TimeoutError("the line was not read in ten seconds")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        text = base.decode() if isinstance(base, bytes) else base.format(fields="Runtime: 1 h")
        lines = text.split("\n")
        parse_document("broken.txt", "\n".join([*lines[:6], line, *lines[6:]]).encode())
    except ImportFormatError:
        pass  # refused is fine: read
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_the_helpers_a_review_page_reads_its_authors_and_names_with_are_linear():
    """An author's line, a name with its note, a username with an address, each after a run of
    60,000 spaces (a quadratic pattern took tens of seconds over it): read in far less than
    the guard's ten seconds."""
    import signal

    from reviews.importers.review_page import author_date_readings

    def hung(*_):
        raise TimeoutError("not read in ten seconds")

    spaces = " " * 60_000
    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(10)
    try:
        assert author_date_readings(f"Ann Lee{spaces}-") == []
        assert split_credit_note(f"Ann Lee{spaces}x")[1] == ""
        assert strip_email(f"Ann{spaces}(x)") == ("Ann (x)", False)
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


def test_a_title_with_an_ampersand_and_its_other_title_is_no_part():
    """`BED & BOARD (DOMICILE CONJUGAL)` in a synopsis's paragraph: one film, with its other
    title (it was `BED`, `BOARD`, and the part `Board` played by `Domicile Conjugal`)."""
    doc = parse_document(
        "kit.txt",
        b"Year: 1968\nCast: Ann Lee, Bo Berg\nDirector: Kim Dahl\n\n\n"
        b"NIGHT OF THE HARBOUR follows Ida (Ann Lee) home.\n\n"
        b"Ida's story continues in 1970 with BED & BOARD (DOMICILE CONJUGAL).\n",
    )
    assert [(m.title, m.year, m.other_titles) for m in doc.mentioned_films] == [
        ("BED & BOARD", 1970, ("DOMICILE CONJUGAL",))
    ]
    assert [(c.name, c.character) for c in doc.credits if c.character] == [("Ann Lee", "Ida")]


def test_a_dumps_fields_facts_and_quote_with_no_blank_line_between_them():
    """Fields, a trivia line, a goof and a quote written on one line after another, then the
    connections under the quote: each where it belongs (the quote took the fields' lines as its
    speeches, the connections as a speech; the trivia and goof were lost among the fields)."""
    doc = parse_document(
        "dump.txt",
        b"A lie.\n\nRelease Year: 2012\n\nDirector: Kim Dahl\n\n"
        b"Ann Lee - Ida\nBo Berg - Ole\n\n"
        b"Release Date: 3 May 2012 (Denmark)\nBudget: DKK 5,000,000(estimated)\n"
        b"Trivia: Shot in eleven days.\n"
        b"Continuity: Ida's scarf changes colour.\n"
        b"Ida: Where were you?\nOle: Out.\n"
        b"Connections: Followed by The Second Lie (2014)\n",
    )
    assert [(r.territory, r.date_text) for r in doc.releases] == [("Denmark", "3 May 2012")]
    assert [(m.kind, m.amount, m.currency) for m in doc.money] == [("budget", 5000000, "DKK")]
    assert [(n.kind, n.text) for n in doc.notes] == [
        ("trivia", "Shot in eleven days."),
        ("goof", "Ida's scarf changes colour."),
    ]
    assert [q.lines for q in doc.quotes] == [(("Ida", "Where were you?"), ("Ole", "Out."))]
    assert [(m.title, m.year) for m in doc.mentioned_films] == [("The Second Lie", 2014)]


def test_a_kits_paragraphs_wrapped_at_a_width_as_a_pdfs_copy_is():
    """A kit copied from a PDF, its lines wrapped at 60 columns: a line that ends a sentence
    but had no room for the next word goes on with the next line (the synopsis was cut into
    paragraphs there, and `Dr.` / `Meinheimer (…)` lost the part its rank); a short line ends
    its paragraph."""
    lines = [
        "Shanghai, 1935. Ida (Ann Lee) flees a gangster and her past,",
        "crash-landing high in the mountains of northern India.",
        "There, a desperate village begs her to recover a stone from",
        "the palace, watched over by the mad and dangerous Dr.",
        "Meinheimer (Bo Berg).",
        "A short line.",
    ]
    doc = parse_document(
        "kit.txt",
        (
            "Year: 1984\nCast: Ann Lee, Bo Berg\nDirector: Kim Dahl\n\n\n" + "\n".join(lines)
        ).encode(),
    )
    assert doc.synopsis == " ".join(lines[:5]) + "\n\n" + lines[5]
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Ann Lee", "Ida"),
        ("Bo Berg", "Dr. Meinheimer"),
    ]


@pytest.mark.parametrize(
    "after, names",
    [
        # Wrapped in the middle of a name: one name (it was `Ralph`, and the line unread).
        ("Ralph\nBrown, Charles Dance", ["Ralph Brown", "Charles Dance"]),
        ("Ralph Brown,\nCharles Dance", ["Ralph Brown", "Charles Dance"]),  # after a comma
        ("Jada Pinkett\nSmith, Mary Alice", ["Jada Pinkett Smith", "Mary Alice"]),
    ],
)
def test_a_kits_cast_list_wrapped_at_a_width_as_a_pdfs_copy_is(after, names):
    """A kit's fields copied from a PDF, wrapped at a width: a cast list cut in the middle
    of a name goes on in the next line; a line under a list ending with a whole name does not
    (`US Distributor`, a stray line)."""
    head = "Year: 1992\nCast: Sigourney Weaver, Charles S. Dutton, Paul McGann, Brian Glover, "
    doc = parse_document(
        "kit.txt",
        f"{head}{after}\nDirector: David Fincher\nUS Distributor\n\n\nRipley (Sigourney Weaver)"
        " lands on a prison planet.\n".encode(),
    )
    cast = [c.name for c in doc.credits if c.role == "cast" and c.billing_order]
    assert cast[4:] == names
    assert [c.name for c in doc.credits if c.role == "director"] == ["David Fincher"]
    assert [w.code for w in doc.warnings] == ["unplaced_line"]  # `US Distributor`, kept aside


def test_a_kits_paragraph_wrapped_after_a_names_hyphen():
    """A PDF's copy wraps `Choi Min-sik` after its hyphen: the name whole again (it was `Choi
    Min- sik`, and the part it played lost its actor)."""
    lines = [
        "LADY VENGEANCE tells the story of Lee Geum-ja (Lee Young-ae), released after",
        "thirteen years in prison, who takes her revenge on Mr. Baek (Choi Min-",
        "sik), the teacher who made her take the blame for the murder of a young boy.",
    ]
    doc = parse_document(
        "kit.txt",
        ("Year: 2005\nCast: Lee Young-ae, Choi Min-sik\n\n\n" + "\n".join(lines)).encode(),
    )
    assert "Mr. Baek (Choi Min-sik), the teacher" in doc.synopsis
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Lee Young-ae", "Lee Geum-ja"),
        ("Choi Min-sik", "Mr. Baek"),
    ]


@pytest.mark.parametrize(
    "key, note",
    [("Special Guest Director", "special guest director"), ("Co-Director", "co-director")],
)
@pytest.mark.parametrize("kind", ["kit", "dump"])
def test_a_director_keyed_as_a_co_director_or_a_guest(kind, key, note):
    """`Special Guest Director: Tom Vint` in a kit or a dump: a director, the key his credit's
    note, as IMDb notes it (it was a field not understood, kept aside)."""
    fields = f"Director: Ann Lee\n{key}: Tom Vint\n"
    text = (
        f"Year: 2005\nCast: Bo Berg, Cy Dahl\n{fields}\n\nIda (Bo Berg) flees.\n"
        if kind == "kit"
        else f"A chase.\n\nRelease Year: 2005\n\n{fields}\nBo Berg - Ida\nCy Dahl - Ole\n"
    )
    doc = parse_document(f"{kind}.txt", text.encode())
    assert doc.format == ("press_kit" if kind == "kit" else "metadata_dump")
    assert [(c.name, c.note) for c in doc.credits if c.role == "director"] == [
        ("Ann Lee", ""),
        ("Tom Vint", note),
    ]
    assert doc.warnings == []


def test_parts_a_kits_prose_says_its_cast_play():
    """`Jamie Lee Curtis returns as Laurie Strode`, `Greer plays Karen` (a family name no other
    actor of the cast has): their parts, where no synopsis names them; not an actor of no
    credit of the kit, nor a biography's sentence (`she plays …` there may be another film's)."""
    doc = press_kit.parse(
        "HALLOWEEN\n\nYear: 2018\nDirector: David Gordon Green\n"
        "Cast: Jamie Lee Curtis, Judy Greer, Andi Matichak, Will Patton\nUSA: 106 mins\n\n\n"
        "Forty years on, Jamie Lee Curtis returns as Laurie Strode for a final confrontation. "
        "Greer plays Karen, her daughter, and Kyle Richards plays Lindsey Wallace.\n\n"
        "ABOUT THE CAST\n\nANDI MATICHAK\n\nMatichak plays Allyson on television.\n"
    )
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Jamie Lee Curtis", "Laurie Strode"),
        ("Judy Greer", "Karen"),
    ]


def test_a_review_page_copied_twice_or_with_its_second_page():
    """A copy pasted twice into one file: each review once, counted once against the page's
    claim, and the footer and the second header are no review (they were one, titled `An error
    has occured.`, and the second copy's first review was its text); a second page of reviews,
    copied with its header, adds its own."""
    header = "Heat (1995) Poster\nUser Reviews\n3 Reviews\nSort by:\n"
    first = (
        "Long\nbob3 May 2010\nThree hours.\n"
        "1 out of 2 found this helpful. Was this review helpful? | Report this\n"
        "Taut\nann12 March 2011\nOne diner.\n"
        "5 out of 6 found this helpful. Was this review helpful? | Report this\n"
    )
    footer = "An error has occured. Please try again.\n\nSee also\n\nAwards | FAQ\n"
    second = (
        "Great\ncy_d1 June 2012\nDe Niro and Pacino.\n"
        "2 out of 2 found this helpful. Was this review helpful? | Report this\n"
    )
    twice = parse_document("page.txt", (header + first + footer + header + first).encode())
    assert [r.title for r in twice.reviews] == ["Long", "Taut", "Long", "Taut"]
    assert [(w.line, w.code) for w in twice.warnings] == [
        (18, "page_again"),
        (None, "review_count_mismatch"),
    ]
    assert "but 2 were found" in twice.warnings[-1].message
    pages = parse_document("page.txt", (header + first + footer + header + second).encode())
    assert [(r.title, r.username) for r in pages.reviews] == [
        ("Long", "bob"),
        ("Taut", "ann"),
        ("Great", "cy_d"),
    ]
    assert [w.code for w in pages.warnings] == ["page_again"]


def test_a_kits_logline_and_its_short_and_long_synopses():
    """Under `LOGLINE`, the film's logline (the heading was a line not understood, its sentence
    a press note); of a `SHORT SYNOPSIS` and a `LONG SYNOPSIS`, the fuller is the synopsis, and
    its actors' parts are read (the short one was, and the parts were lost); the short one is a
    press note."""
    doc = press_kit.parse(
        "THE LIGHTHOUSE\n\nYear: 2019\nDirector: Robert Eggers\n"
        "Cast: Robert Pattinson, Willem Dafoe\nRunning time: 109 mins\n\n"
        "LOGLINE\n\nTwo lighthouse keepers lose their minds on a remote island.\n\n"
        "SHORT SYNOPSIS\n\nA hypnotic tale of two lighthouse keepers in the 1890s.\n\n"
        "LONG SYNOPSIS\n\nTHE LIGHTHOUSE follows Ephraim Winslow (Robert Pattinson), who takes "
        "a job under Thomas Wake (Willem Dafoe).\n\nA storm strands them on the rock.\n"
    )
    assert doc.logline == "Two lighthouse keepers lose their minds on a remote island."
    assert doc.synopsis.startswith("THE LIGHTHOUSE follows Ephraim Winslow")
    assert doc.synopsis.endswith("A storm strands them on the rock.")
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Robert Pattinson", "Ephraim Winslow"),
        ("Willem Dafoe", "Thomas Wake"),
    ]
    assert [(n.kind, n.detail, n.text[:7]) for n in doc.notes] == [
        ("press", "Short Synopsis", "A hypno")
    ]
    assert not doc.warnings


@pytest.mark.parametrize("runtime", ["Duration: 98'", "Durée: 98 min", "Running time: 98mn"])
def test_a_festival_kits_english_title_and_runtime_keys(runtime):
    """A festival's kit: `English title:` is the film's English title (it was a field not
    understood), `Duration:` and `Durée:` are runtimes of no territory (they were read as
    territories), `98mn` is 98 minutes (it was not understood)."""
    doc = press_kit.parse(
        "PORTRAIT\n\nOriginal title: Portrait de la jeune fille en feu\n"
        "English title: Portrait of a Lady on Fire\nYear: 2019\nDirector: Céline Sciamma\n"
        f"Cast: Noémie Merlant (Marianne), Adèle Haenel (Héloïse)\n{runtime}\n\n\n"
        "PORTRAIT tells the story of a painter.\n"
    )
    assert [(t.title, t.kind) for t in doc.other_titles] == [
        ("Portrait de la jeune fille en feu", "original"),
        ("Portrait of a Lady on Fire", "english"),
    ]
    assert [(r.territory, r.minutes) for r in doc.runtimes] == [("", 98)]
    assert not doc.warnings


def test_a_dumps_runtime_under_other_keys():
    dump = parse_document(
        "dump.txt", (DUMP_HEAD + "Running time: 117 min\n\nEnglish title: The Rug\n").encode()
    )
    assert [(r.territory, r.minutes) for r in dump.runtimes] == [("", 117)]
    assert [(t.title, t.kind) for t in dump.other_titles] == [("The Rug", "english")]
    assert not dump.warnings


def test_a_festival_kits_title_in_capitals_companies_and_sound_engineer():
    """The title in capitals is written as the kit gives it in small letters (`Portrait de la
    jeune fille en feu`: it was cased as an English title, `Portrait De La …`); `Production:`
    and `Co-production:` name its companies (they were fields not understood); `Sound:` naming
    a person is no sound mix (it was one, `Julien Sicart`), but a field kept aside, in a dump
    too."""
    doc = press_kit.parse(
        "PORTRAIT DE LA JEUNE FILLE EN FEU\n\n"
        "Original title: Portrait de la jeune fille en feu\nYear: 2019\n"
        "Director: Céline Sciamma\nSound: Julien Sicart\nSound: Dolby 5.1\n"
        "Production: Lilies Films\nCo-production: Arte France Cinéma, Hold Up Films\n"
        "Cast: Noémie Merlant (Marianne)\n\n\n"
        "PORTRAIT DE LA JEUNE FILLE EN FEU tells the story of Marianne (Noémie Merlant).\n"
    )
    assert doc.title == "Portrait de la jeune fille en feu"
    assert [(n.kind, n.text) for n in doc.notes] == [
        ("technical", "Dolby 5.1"),
        ("company", "Lilies Films"),
        ("company", "Arte France Cinéma"),
        ("company", "Hold Up Films"),
    ]
    assert [(w.line, w.code) for w in doc.warnings] == [(6, "unknown_field")]
    dump = parse_document("dump.txt", (DUMP_HEAD + "Sound: Julien Sicart\n").encode())
    assert not dump.notes
    assert [w.code for w in dump.warnings] == ["unknown_field"]


AUTHORS_AFTER_VOTES = """Heat (1995) - User reviews - IMDb

Heat
User reviews
3
Review this title
8/10
Still the best heist film
The diner scene is the best scene Pacino and De Niro ever did together.

And the shootout.
Helpful•45
6
john_d · Jan 6, 2005
Permalink
Warning: Spoilers
6/10
Too long
Three hours is a lot.
Helpful•12
3
mary.k
Mar 2, 2007
Permalink
No rating here
I saw it twice.
Helpful•3
"""


def test_review_page_whose_authors_follow_their_votes():
    """A layout that writes each review's author and date after its votes (`Helpful•45` / `6`
    / `john_d · Jan 6, 2005`): each review its own author (the first review was the header, its
    text skipped, and each author the next review's); the count of reviews alone under `User
    reviews` is the page's claim (it was a header line kept aside)."""
    doc = parse_document("page.txt", AUTHORS_AFTER_VOTES.encode())
    assert doc.claimed_review_count == 3
    found = [
        (r.title, r.username, r.date, r.rating, r.helpful_yes, r.helpful_total, r.has_spoilers)
        for r in doc.reviews
    ]
    assert found == [
        ("Still the best heist film", "john_d", date(2005, 1, 6), Decimal(8), 45, 51, False),
        ("Too long", "mary.k", date(2007, 3, 2), Decimal(6), 12, 15, True),
        ("No rating here", "", None, None, None, None, False),
    ]
    assert doc.reviews[0].body == (
        "The diner scene is the best scene Pacino and De Niro ever did together.\n\n"
        "And the shootout."
    )
    assert sorted((w.line, w.code) for w in doc.warnings) == [
        (25, "no_author"),
        (27, "helpful_votes"),
    ]


def test_a_dumps_release_at_a_festival_is_no_territory():
    """`(Chicago International Film Festival)` after a release's date is its note, not its
    territory (it was the territory); `(USA) (limited)` is both."""
    doc = parse_document(
        "dump.txt",
        (
            DUMP_HEAD + "Release Date: 25 October 1978 (Chicago International Film Festival), "
            "27 October 1978 (USA) (limited)\n"
        ).encode(),
    )
    assert [(r.territory, r.date, r.note) for r in doc.releases] == [
        ("", date(1978, 10, 25), "Chicago International Film Festival"),
        ("USA", date(1978, 10, 27), "limited"),
    ]


@pytest.mark.parametrize(
    "field, title",
    [
        ("Title: HEAT (1995)\n", "Heat"),  # in capitals, as the kit's title line is written
        ("Film title: Heat\n", "Heat"),
        ("", ""),  # none: `The film` that tells the story is no title
    ],
)
def test_a_kits_title_field_and_a_synopsis_about_the_film(field, title):
    """A kit whose synopsis opens `The film tells the story of …` is not titled `The film`
    (it was, whatever its `Title:` field said); `Title: HEAT (1995)` is `Heat` (it was `HEAT`),
    and `Film title:` a title's key (it was a field not understood)."""
    doc = press_kit.parse(
        f"{field}Year: 1995\nDirector: Michael Mann\nCast: Al Pacino, Robert De Niro\n"
        "USA: 170 mins\n\n\nThe film tells the story of Vincent Hanna (Al Pacino).\n"
    )
    assert (doc.title, doc.year) == (title, 1995)
    assert doc.synopsis == "The film tells the story of Vincent Hanna (Al Pacino)."
    assert not doc.warnings


@pytest.mark.parametrize(
    "synopsis, title",
    [
        ("Set in Los Angeles, HEAT follows Vincent Hanna (Al Pacino), a detective.", "Heat"),
        ("In Michael Mann's crime saga HEAT, Vincent Hanna (Al Pacino) hunts a crew.", "Heat"),
        # two titles in capitals: neither is surely the kit's
        ("HEAT follows Vincent Hanna (Al Pacino) across LOS ANGELES.", "Heat"),
        ("In HEAT, Vincent Hanna (Al Pacino) hunts a crew through LOS ANGELES.", ""),
        # a part in capitals is no title
        ("In Los Angeles, VINCENT (Al Pacino) hunts a crew.", ""),
    ],
)
def test_a_title_less_kit_titled_by_the_one_title_its_synopsis_names(synopsis, title):
    """A kit that gives its title nowhere else is titled by the one title in capitals its
    synopsis names, wherever it names it (it was title-less, and its film untitled when no
    other document knew it); not by a part in capitals, nor when it names two."""
    doc = press_kit.parse(
        "Year: 1995\nDirector: Michael Mann\nCast: Al Pacino, Robert De Niro\nUSA: 170 mins\n\n\n"
        f"{synopsis}\n"
    )
    assert doc.title == title


@pytest.mark.parametrize(
    "synopsis",
    [
        "PORTRAIT tells the story of Marianne, played by Noémie Merlant, and of Héloïse, "
        "played by Adèle Haenel.",
        "PORTRAIT stars Noémie Merlant as Marianne and Adèle Haenel as Héloïse.",
        "PORTRAIT tells the story of Marianne (NOÉMIE MERLANT) and Héloïse (ADÈLE HAENEL).",
    ],
)
def test_parts_a_kits_synopsis_names_in_other_words(synopsis):
    """`Marianne, played by Noémie Merlant`, `stars Noémie Merlant as Marianne`, and an actor in
    capitals, `Marianne (NOÉMIE MERLANT)`, written as the cast list writes them: the parts of
    the kit's cast (they were lost)."""
    doc = press_kit.parse(
        "Year: 2019\nDirector: Céline Sciamma\nCast: Noémie Merlant, Adèle Haenel\n"
        f"Duration: 122 min\n\n\n{synopsis}\n"
    )
    assert doc.title == "Portrait"
    assert [(c.name, c.character) for c in doc.credits if c.character] == [
        ("Noémie Merlant", "Marianne"),
        ("Adèle Haenel", "Héloïse"),
    ]


@pytest.mark.parametrize(
    "claim",
    [
        "User Reviews (31)",
        "Reviews: 31",
        "Showing 1-25 of 31 reviews",
        "31 Reviews | Hide Spoilers",
    ],
)
def test_a_review_pages_count_written_otherwise(claim):
    """The count of reviews a page claims, as other copies write it: the page's claim (it was a
    header line kept aside, and no count compared)."""
    doc = parse_document(
        "page.txt",
        (
            f"Heat (1995) Poster\n\n{claim}\n\nGreat\njohn_d6 January 2005\nThe diner scene.\n"
            "3 out of 4 found this helpful. Was this review helpful? Sign in to vote.\n"
        ).encode(),
    )
    assert doc.claimed_review_count == 31
    assert [w.code for w in doc.warnings] == ["review_count_mismatch"]
