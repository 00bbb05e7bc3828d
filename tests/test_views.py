"""The public pages, read as a visitor would: real query strings, what the page shows."""

import csv
import io
import json
import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reviews.loader import bump_data_version, refresh_film_aggregates
from reviews.models import (
    Character,
    Credit,
    Film,
    FilmNote,
    FilmTitle,
    Release,
    Review,
    Runtime,
    SourceDocument,
)
from tests.factories import make_film, make_person, make_review, make_series

pytestmark = pytest.mark.django_db

PUSHER = "/films/pusher-1996/"
SEQUEL = "/films/pusher-ii-with-blood-on-my-hands-2004/"


def text(response) -> str:
    return response.content.decode()


def exported(client, url) -> list[dict]:
    response = client.get(url + ("&" if "?" in url else "?") + "format=json")
    assert response.status_code == 200
    return json.loads(b"".join(response.streaming_content))


@pytest.mark.parametrize(
    "url, expected",
    [
        ("/", "The Pusher Trilogy"),
        ("/films/", "Pusher II: With Blood on My Hands"),
        (PUSHER, "Kim Bodnia"),
        ("/reviews/", "Leon Smoothy"),
        ("/people/", "Kim Bodnia"),
        ("/people/zlatko-buric/", "Milo"),
        ("/series/", "The Pusher Trilogy"),
        ("/series/the-pusher-trilogy/", "Tonny"),
        ("/reviewers/robo8/", "Pusher II"),
        ("/search/?q=buric", "Zlatko Buric"),
        ("/sitemap.xml", "/sitemap-films.xml"),
        ("/sitemap-films.xml", "/films/pusher-1996/"),
    ],
)
def test_pages_show_their_content(client, url, expected):
    response = client.get(url)
    assert response.status_code == 200
    assert expected in text(response)


def test_film_page_shows_every_kind_of_fact(client):
    page = text(client.get(PUSHER))
    for fact in (
        "A drug pusher grows increasingly desperate",  # logline
        "Frank is a drug pusher on the roll",  # plot
        "<cite>Pusher</cite> is the story of Frank",  # synopsis, its title in capitals a title
        "From the press notes",
        "turned down a place at the prestigious National Danish Film School",  # press notes
        "Nicolas Winding Refn",  # director
        "Jens Dahl",  # writer
        "(as Jang Go Star)",  # credited-as
        "Radovan",  # character
        "Limited Release - New York",  # release note
        "109 min (UK)",  # runtime
        "drugs, violence and coarse sexual language",  # certificate reason
        "Metrodome Group",  # distributor
        "Danish (English subtitles)",  # language
        "Copenhagen, Denmark",  # location
        "DKK 6,000,000",  # budget
        "$1,656",  # opening weekend
        "You don&#x27;t have a chance. Seize it!",  # tagline
        "Dedicated to Peter Refn",  # trivia
        "Continuity:",  # goof
        "I need your money and your drugs.",  # quote
        "7.4",  # IMDb rating
        "Pusher II: With Blood on My Hands →",  # next film
        "All 56 reviews of Pusher",
        "<svg viewBox",  # charts
        '"@type": "Movie"',
        '"aggregateRating"',
    ):
        assert fact in page, fact


def test_series_page_shows_recurring_characters_and_their_actors(client):
    page = text(client.get("/series/the-pusher-trilogy/"))
    tonny = page.index("Tonny")
    assert page.index("Mads Mikkelsen", tonny) > tonny
    assert "Pusher III: I&#x27;m the Angel of Death" in page
    # Each film's card gives its director; the page says the series, the cards need not.
    assert "1996 · dir. Nicolas Winding Refn</p>" in page and ", part 1" not in page


def test_series_page_names_each_actor_once_for_the_films_in_a_row_they_played_a_part_in(client):
    """An actor who plays a part in three films in a row is named once, with the three films
    (it was a line a film); a part recast names each actor with theirs, in the series' order."""
    series = make_series(name="The Basin Trilogy", slug="the-basin-trilogy")
    films = [make_film(title=f"Basin {n}", series=series, series_position=n) for n in (1, 2, 3)]
    ann, bo, cy = (make_person(name=name) for name in ("Ann Lee", "Bo Berg", "Cy Dahl"))
    marv, dwight = Character.objects.create(name="Marv"), Character.objects.create(name="Dwight")
    for film in films:
        Credit.objects.create(film=film, person=ann, role="cast", character=marv)
    for film, actor in zip(films, (bo, bo, cy), strict=True):
        Credit.objects.create(film=film, person=actor, role="cast", character=dwight)
    page = re.sub(r"<[^>]+>", "", text(client.get("/series/the-basin-trilogy/")))
    assert "Ann Lee in Basin 1, Basin 2 and Basin 3" in page
    assert page.index("Bo Berg in Basin 1 and Basin 2") < page.index("Cy Dahl in Basin 3")
    assert page.count("Ann Lee") == 1


def test_series_page_tells_films_of_one_title_apart_and_keeps_a_part_shared_in_a_row(client):
    """A sequel titled as its first film: the films an actor played a part in are named with
    their years (`Halloween and Halloween` said nothing); of two actors who share the part in
    the sequel, the one who played it in the first film goes on first, named once (he was
    named twice, either side of the other)."""
    series = make_series(name="Night series", slug="night-series")
    first, second = (
        make_film(title="Night", year=year, series=series, series_position=n, slug=f"n{year}")
        for n, year in ((1, 1978), (2, 2018))
    )
    nick, james = make_person(name="Nick Castle"), make_person(name="James Courtney")
    shape = Character.objects.create(name="The Shape")
    Credit.objects.create(film=first, person=nick, role="cast", character=shape)
    Credit.objects.create(film=second, person=james, role="cast", character=shape, billing_order=4)
    Credit.objects.create(film=second, person=nick, role="cast", character=shape, billing_order=5)
    page = re.sub(r"<[^>]+>", "", text(client.get("/series/night-series/")))
    assert "Nick Castle in Night (1978) and Night (2018)" in page
    assert "James Courtney in Night (2018)" in page
    assert page.count("Nick Castle") == 1
    found = re.sub(r"<[^>]+>", "", text(client.get("/search/?q=shape")))
    assert "The Shape, played by Nick Castle in Night (1978) and Night (2018)" in found


def test_search_names_a_part_once_with_the_films_an_actor_played_it_in(client):
    """A part found by its name: each actor who played it once, with the films they did (it
    was a line a film); another part of the same name, in a film of its own, on its own line."""
    series = make_series(name="The Basin Trilogy", slug="the-basin-trilogy")
    films = [make_film(title=f"Basin {n}", year=2000 + n, series=series) for n in (1, 2)]
    other = make_film(title="Elsewhere", year=1990)
    ann, bo = make_person(name="Ann Lee"), make_person(name="Bo Berg")
    marv, namesake = (Character.objects.create(name="Marvin Holt") for _ in range(2))
    for film in films:
        Credit.objects.create(film=film, person=ann, role="cast", character=marv)
    Credit.objects.create(film=other, person=bo, role="cast", character=namesake)
    page = re.sub(r"<[^>]+>", "", text(client.get("/search/?q=marvin+holt")))
    assert "Marvin Holt, played by Ann Lee in Basin 1 and Basin 2" in page
    assert "Marvin Holt, played by Bo Berg in Elsewhere" in page


def test_person_page_lists_other_spellings(client):
    page = text(client.get("/people/nicolas-winding-refn/"))
    assert "Jang Go Star" in page and "credited name" in page
    for role in ("Director", "Writer", "Cast — Brian"):
        assert role in page


def test_search_says_which_other_title_or_spelling_it_found(client):
    page = text(client.get("/search/?q=jang+go"))
    assert 'Nicolas Winding Refn</a> <span class="meta">also appears as Jang Go Star' in page
    page = text(client.get("/search/?q=blood+on+my"))  # the title shown holds it: nothing more
    assert "Pusher II: With Blood on My Hands</a> (2004)</li>" in page


@pytest.mark.parametrize(
    "query, found",
    [
        ("pusher 2", ["Pusher II: With Blood on My Hands"]),
        ("Pusher Two", ["Pusher II: With Blood on My Hands"]),
        ("pusher 3", ["Pusher III: I&#x27;m the Angel of Death"]),
        ("pusher ii", ["Pusher II: With Blood on My Hands"]),  # not `Pusher III`
        (
            "push",
            [
                "Pusher",
                "Pusher II: With Blood on My Hands",
                "Pusher III: I&#x27;m the Angel of Death",
            ],
        ),
    ],
)
def test_search_finds_a_title_by_its_number_written_any_way(client, query, found):
    """`pusher 2` finds `Pusher II` (it found nothing), `pusher 3` `Pusher III`; a numeral is a
    whole word (`pusher ii` is no part of `Pusher III`)."""
    page = text(client.get("/search/", {"q": query}))
    films = page[page.index('id="r-films"') : page.index("</ul>", page.index('id="r-films"'))]
    assert re.findall(r'<li><a href="/films/[^"]+">([^<]+)</a>', films) == found


def test_search_is_accent_insensitive(client):
    page = text(client.get("/search/?q=drasbaek"))
    assert "Laura Drasbæk" in page
    assert "Vic" in text(client.get("/search/?q=vic"))


@pytest.mark.parametrize(
    "query, expected_years",
    [
        ("", [1996, 2004, 2005]),
        ("year_min=2000", [2004, 2005]),
        ("year_max=2004&year_min=1990", [1996, 2004]),
        ("sequel=sequel", [2004, 2005]),
        ("sequel=original", [1996]),
        ("series=the-pusher-trilogy", [1996, 2004, 2005]),
        ("has_reviews=true", [1996, 2004]),
        ("has_reviews=false", [2005]),
        ("imdb_min=7", [1996]),
        ("rating_min=7.5", [1996]),
        ("rating_max=7.5", [2004]),
        ("sort=-year", [2005, 2004, 1996]),
        ("sort=-reviews", [1996, 2004, 2005]),
        ("sort=-rating", [1996, 2004, 2005]),
        ("q=pusher+2", []),
        ("q=blood", [2004]),
    ],
)
def test_film_filters_and_sorts(client, query, expected_years):
    rows = exported(client, f"/films/?{query}")
    assert [row["year"] for row in rows] == expected_years


def test_a_film_page_shows_the_titles_its_kit_writes_in_capitals_as_titles(client):
    """A kit's `NIGHT TWO tells …`, `after NIGHT ONE (1999)`: the film's own title and its
    series' films as titles, the others linked to their pages; another film in capitals with
    its year in title case; the rest of the text as written, and escaped."""
    series = make_series(name="The Night Trilogy")
    make_film(title="Night One", slug="night-one-1999", year=1999, series=series)
    make_film(title="Night: The Return", slug="night-return-2004", year=2004, series=series)
    make_film(
        title="Night Two: The Dark",
        slug="night-two-2002",
        year=2002,
        series=series,
        synopsis="NIGHT TWO tells of Ida, after NIGHT ONE (1999) & <b>loud</b> FEAR X (2003) "
        "and before NIGHT: THE RETURN, at DAWN.",
    )
    page = text(client.get("/films/night-two-2002/"))
    assert (
        "<cite>Night Two</cite> tells of Ida, after "
        '<a href="/films/night-one-1999/"><cite>Night One</cite></a> (1999) &amp; '
        "&lt;b&gt;loud&lt;/b&gt; <cite>Fear X</cite> (2003) and before "
        '<a href="/films/night-return-2004/"><cite>Night: The Return</cite></a>, at DAWN.'
    ) in page


def test_a_film_page_cites_its_series_films_by_their_episodes_names(client):
    """A kit names the series' films by the subtitles after their episodes' numbers (`THE
    PHANTOM MENACE (1999)`): their titles, linked; the main title all three share is none's."""
    series = make_series(name="Star Wars series")
    make_film(
        title="Star Wars: Episode I - The Phantom Menace",
        slug="star-wars-episode-i-1999",
        year=1999,
        series=series,
    )
    make_film(
        title="Star Wars: Episode III - Revenge of the Sith",
        slug="star-wars-episode-iii-2005",
        year=2005,
        series=series,
        synopsis="The saga that began with THE PHANTOM MENACE (1999) ends, as STAR WARS (1977) "
        "began.",
    )
    page = text(client.get("/films/star-wars-episode-iii-2005/"))
    assert (
        'began with <a href="/films/star-wars-episode-i-1999/"><cite>The Phantom Menace</cite>'
        "</a> (1999) ends, as <cite>Star Wars</cite> (1977) began."
    ) in page


def test_a_film_page_cites_a_series_film_its_kit_numbers_otherwise(client):
    """`MISSION: IMPOSSIBLE 2 (2000)` in a kit is the series' `Mission: Impossible II`, one title
    linked to its page (it was the first film's title, linked, then ` 2`); `the MISSION:
    IMPOSSIBLE franchise` is the series, linked to its page (it was the first film's)."""
    series = make_series(name="Mission: Impossible series", slug="mi-series")
    make_film(title="Mission: Impossible", slug="mi-1996", year=1996, series=series)
    make_film(title="Mission: Impossible II", slug="mi-2000", year=2000, series=series)
    make_film(
        title="Mission: Impossible III",
        slug="mi-2006",
        year=2006,
        series=series,
        synopsis="The third in the MISSION: IMPOSSIBLE franchise, after MISSION: IMPOSSIBLE "
        "(1996) and MISSION: IMPOSSIBLE 2 (2000).",
    )
    page = text(client.get("/films/mi-2006/"))
    assert (
        'The third in the <a href="/series/mi-series/"><cite>Mission: Impossible</cite></a> '
        'franchise, after <a href="/films/mi-1996/"><cite>Mission: Impossible</cite></a> (1996) '
        'and <a href="/films/mi-2000/"><cite>Mission: Impossible 2</cite></a> (2000).'
    ) in page


def test_a_film_page_cites_a_series_films_other_title_after_its_own(client):
    """`NIGHT ONE (NUIT UNE, 1999)`, `NIGHT TWO (NUIT DEUX)`: a series film's other title, in
    parentheses after its own, is cited as the site writes it, not linked again (it was left in
    capitals); alone, it is linked."""
    series = make_series(name="Night series")
    one = make_film(title="Night One", slug="night-one-1999", year=1999, series=series)
    FilmTitle.objects.create(film=one, title="Nuit une", kind="aka")
    make_film(
        title="Night Three",
        slug="night-three-2004",
        year=2004,
        series=series,
        synopsis="After NIGHT ONE (NUIT UNE, 1999), and NUIT UNE again.",
    )
    page = text(client.get("/films/night-three-2004/"))
    link = '<a href="/films/night-one-1999/">'
    assert (
        f"After {link}<cite>Night One</cite></a> (<cite>Nuit une</cite>, 1999), and "
        f"{link}<cite>Nuit une</cite></a> again."
    ) in page


def test_an_actors_parts_in_one_film_are_one_line_of_the_cast(client):
    """Three parts of one actor's (a credit each, one billing) are one line of the film's cast,
    in the order listed, and one line of the actor's filmography, as the documents write them
    (each part was a line of its own)."""
    film = make_film(title="Night Two", slug="night-two-2002", year=2002)
    lee = make_person(name="Ann Lee", slug="ann-lee")
    for name in ("Ida", "Ida Berg", "Old Ida"):
        part = Character.objects.create(name=name)
        Credit.objects.create(film=film, person=lee, role="cast", character=part, billing_order=1)
    berg = make_person(name="Bo Berg")
    Credit.objects.create(film=film, person=berg, role="cast", billing_order=2)
    page = text(client.get("/films/night-two-2002/"))
    assert page.count('<a href="/people/ann-lee/">') == 1
    assert "<td>Ida / Ida Berg / Old Ida</td>" in page
    assert "<li>Cast — Ida / Ida Berg / Old Ida</li>" in text(client.get("/people/ann-lee/"))


def test_a_film_page_says_its_makers_and_the_names_they_were_credited_under(client):
    film = make_film(title="Night Two", slug="night-two-2002", year=2002)
    vint = make_person(name="Tom Vint")
    Credit.objects.create(film=film, person=vint, role="director", credited_as="Thomas Vint")
    Credit.objects.create(film=film, person=vint, role="writer", note="screenplay")
    Credit.objects.create(film=film, person=make_person(name="Kari Holm"), role="producer")
    page = text(client.get("/films/night-two-2002/"))
    assert '>Tom Vint</a> <span class="meta">(as Thomas Vint)</span>' in page
    assert '>Tom Vint</a> <span class="meta">(screenplay)</span>' in page
    assert re.search(r"<dt>Producer</dt><dd><a href=\"/people/[^\"]+/\">Kari Holm</a>", page)
    producers = text(client.get("/people/?role=producer"))
    assert "Kari Holm" in producers and "Tom Vint" not in producers


def test_a_film_page_shows_who_shot_scored_and_edited_it(client):
    film = make_film(title="Night Two", slug="night-two-2002", year=2002)
    for name, role in [("Ole Sand", "cinematographer"), ("Per Vind", "composer")]:
        Credit.objects.create(film=film, person=make_person(name=name), role=role)
    Credit.objects.create(film=film, person=make_person(name="Lis Krog"), role="editor")
    page = text(client.get("/films/night-two-2002/"))
    for label, name in [("Cinematographer", "Ole Sand"), ("Composer", "Per Vind")]:
        assert re.search(rf"<dt>{label}</dt><dd><a href=\"/people/[^\"]+/\">{name}</a>", page)
    assert re.search(r"<dt>Editor</dt><dd><a href=\"/people/[^\"]+/\">Lis Krog</a>", page)
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert [person["name"] for person in data["musicBy"]] == ["Per Vind"]
    composers = text(client.get("/people/?role=composer"))
    assert "Per Vind" in composers and "Ole Sand" not in composers


def test_a_film_page_shows_who_produced_it_and_how_it_was_shot(client):
    film = make_film(title="Night Two", slug="night-two-2002", year=2002)
    for kind, text_, detail in [
        ("company", "Balboa Films", ""),
        ("company", "Nordisk", ""),
        ("technical", "Black and White", "Colour"),
        ("technical", "1.37 : 1", "Aspect ratio"),
    ]:
        FilmNote.objects.create(film=film, kind=kind, text=text_, detail=detail)
    page = text(client.get("/films/night-two-2002/"))
    assert "<dt>Production companies</dt><dd>Balboa Films, Nordisk</dd>" in page
    assert "<dt>Colour</dt><dd>Black and White</dd>" in page
    assert "<dt>Aspect ratio</dt><dd>1.37 : 1</dd>" in page
    data = json.loads(re.search(r'application/ld\+json">(.*?)</script>', page, re.S).group(1))
    assert data["productionCompany"] == [
        {"@type": "Organization", "name": "Balboa Films"},
        {"@type": "Organization", "name": "Nordisk"},
    ]


def test_a_film_page_says_each_fact_once_and_each_kits_notes_together(client):
    """Two kits' press notes each under their own headings, in their order (not shuffled by
    their places in their kits); a runtime and a release of no territory that a territory's
    says again are shown once, as the territory's."""
    film = make_film(title="Night Two", slug="night-two-2002", year=2002)
    kits = [
        SourceDocument.objects.create(name=name, format="press_kit", sha256=name)
        for name in ("b_kit.txt", "a_kit.txt")
    ]
    for source, position, text_, detail in [
        (kits[0], 0, "Ten years after the first night.", ""),
        (kits[1], 0, "ANN LEE (Ida) began on the stage.", "About the Cast"),
        (kits[1], 1, "BO BERG (Ole) made his debut here.", "About the Cast"),
    ]:
        FilmNote.objects.create(
            film=film, kind="press", text=text_, detail=detail, position=position, source=source
        )
    Runtime.objects.create(film=film, minutes=103)
    Runtime.objects.create(film=film, territory="UK", minutes=103)
    Runtime.objects.create(film=film, minutes=110, note="director's cut")
    for territory, day in [("", date(2002, 6, 18)), ("USA", date(2002, 6, 18)), ("UK", None)]:
        Release.objects.create(film=film, territory=territory, date=day, date_text="soon")
    page = text(client.get("/films/night-two-2002/"))
    assert re.findall(r"<h3>About the Cast</h3>|<p>[A-Z][^<]*</p>", page)[:4] == [
        "<h3>About the Cast</h3>",
        "<p>ANN LEE (Ida) began on the stage.</p>",
        "<p>BO BERG (Ole) made his debut here.</p>",
        "<p>Ten years after the first night.</p>",
    ]
    assert "<dd>110 min (director&#x27;s cut), 103 min (UK)</dd>" in page
    releases = re.search(r'<table class="releases">.*?</table>', page, re.S).group(0)
    assert "Original" not in releases and "USA" in releases and "UK" in releases


def test_a_film_page_does_not_list_short_forms_of_its_title_as_other_titles(client):
    """`Pusher II` (the page's) is the shown `Pusher II: With Blood on My Hands` cut short, not
    another title; a title of its own would be listed."""
    film = Film.objects.get(year=2004)
    assert "Pusher II" in film.titles.values_list("title", flat=True)
    page = text(client.get(film.get_absolute_url()))
    assert "Also known as" not in page and "alternateName" not in page
    film.titles.create(title="Pusher 2: Blood", kind="aka")
    bump_data_version()
    assert "Also known as Pusher 2: Blood" in text(client.get(film.get_absolute_url()))


def test_films_by_genre(client):
    """No genre select while no document gave one; then one, which filters the list, shows on
    the film's page and in its structured data; an unknown genre is the form's error."""
    assert 'name="genre"' not in text(client.get("/films/"))
    pusher, sequel = Film.objects.get(year=1996), Film.objects.get(year=2004)
    for film, genre in [(pusher, "Crime"), (pusher, "Drama"), (sequel, "Crime")]:
        FilmNote.objects.create(film=film, kind=FilmNote.Kind.GENRE, text=genre)
    bump_data_version()  # as an import or an admin edit does
    page = text(client.get("/films/"))
    assert '<option value="Crime">Crime</option><option value="Drama">Drama</option>' in page
    # On the film's card, beside its director and its place in its series:
    card = "1996 · dir. Nicolas Winding Refn · The Pusher Trilogy, part 1 · Crime, Drama</p>"
    assert card in page
    assert "No reviews yet" in page  # Pusher III
    assert [row["year"] for row in exported(client, "/films/?genre=Crime")] == [1996, 2004]
    assert [row["year"] for row in exported(client, "/films/?genre=Drama")] == [1996]
    page = text(client.get(pusher.get_absolute_url()))
    assert "<dt>Genres</dt><dd>Crime, Drama</dd>" in page
    assert '"genre": ["Crime", "Drama"]' in page
    response = client.get("/films/?genre=Western")
    assert response.status_code == 400  # the form, with its error
    assert "Select a valid choice" in text(response)


def test_a_review_shows_its_rating_where_it_came_from_or_none(client):
    from django.utils import translation

    film = make_film(title="Rated Three Ways", slug="rated-three-ways-2001", year=2001)
    given = make_review(film=film, rating=7.4, title="Given")
    stated = make_review(film=film, rating=10, rating_source="text", title="Stated")
    make_review(film=film, rating=None, title="None given")
    bump_data_version()
    cards = text(client.get(f"/reviews/?film={film.slug}")).split('<article class="review-card')
    by_title = {re.search(r'">([^<]+)</a></h3>', card).group(1): card for card in cards[1:]}
    assert (
        'value="7.4">7.4/10</meter> <span class="score"><strong>7.4</strong>/10</span></p>'
        in (by_title["Given"])
    )
    assert "from the text" not in by_title["Given"]
    assert '<strong>10</strong>/10</span> <span class="badge"' in by_title["Stated"]
    assert '<p class="rating unrated">Not rated</p>' in by_title["None given"]
    with translation.override("de"):
        page = text(client.get(given.get_absolute_url()))
    assert '<meter min="0" max="10" low="4" high="7" optimum="10" value="7.4">' in page
    assert "from the text" in text(client.get(stated.get_absolute_url()))


def test_a_film_card_says_when_no_review_gave_a_rating(client):
    film = make_film(title="Quiet", slug="quiet-2001", year=2001)
    make_review(film=film, rating=None)
    refresh_film_aggregates(film.pk)
    bump_data_version()
    assert "1 review, none rated" in text(client.get("/films/?q=quiet"))


def review_rows(client, query):
    return exported(client, f"/reviews/?{query}")


def test_review_filters_match_the_data(client):
    everything = review_rows(client, "")
    assert len(everything) == 81

    def expect(query, keep):
        assert {r["id"] for r in review_rows(client, query)} == {
            r["id"] for r in everything if keep(r)
        }, query

    def rating(r):
        return float(r["rating"]) if r["rating"] is not None else None

    expect("rating_min=8", lambda r: rating(r) is not None and rating(r) >= 8)
    expect("rating_max=3", lambda r: rating(r) is not None and rating(r) <= 3)
    expect("rated=true", lambda r: r["rating"] is not None)
    expect("rated=false", lambda r: r["rating"] is None)
    expect(
        "date_after=2005-01-01&date_before=2005-12-31",
        lambda r: r["date"] and "2005-01-01" <= r["date"] <= "2005-12-31",
    )
    expect("sequel=sequel", lambda r: r["film_year"] == 2004)
    expect("sequel=original", lambda r: r["film_year"] == 1996)
    expect("film=pusher-1996", lambda r: r["film_year"] == 1996)
    expect("series=the-pusher-trilogy", lambda r: True)
    expect("spoilers=only", lambda r: r["has_spoilers"])
    expect("spoilers=hide", lambda r: not r["has_spoilers"])
    expect("helpful_min=20", lambda r: (r["helpful_yes"] or 0) >= 20)
    expect("q=baseball", lambda r: "baseball" in (r["body"] + r["title"]).lower())
    expect(
        "rating_min=5&sequel=sequel&rated=true",
        lambda r: r["film_year"] == 2004 and rating(r) is not None and rating(r) >= 5,
    )


@pytest.mark.parametrize(
    "sort, key, reverse",
    [
        ("newest", "date", True),
        ("oldest", "date", False),
        ("highest", "rating", True),
        ("lowest", "rating", False),
        ("helpful", "helpful_yes", True),
    ],
)
def test_review_sorts_put_empty_values_last(client, sort, key, reverse):
    rows = review_rows(client, f"sort={sort}")
    values = [r[key] for r in rows if r[key] is not None]
    numbers = [float(v) if key == "rating" else v for v in values]
    assert numbers == sorted(numbers, reverse=reverse)
    assert all(r[key] is None for r in rows[len(values) :])


def test_spoiler_reviews_are_collapsed(client):
    page = text(client.get("/reviews/?spoilers=only"))
    assert page.count('<details class="spoiler">') >= 3


def test_a_review_card_offers_the_rest_of_a_review_only_when_it_cut_it(client):
    film = make_film(title="Cards", slug="cards-2000")
    make_review(film=film, title="Short", body="Loud, and I liked the dog.")
    make_review(film=film, title="Two paragraphs", body="Loud.\n\nI liked the dog.")
    make_review(film=film, title="Long", body=" ".join(["word"] * 61))
    bump_data_version()
    page = text(client.get("/reviews/?film=cards-2000&sort=oldest"))  # in the order made
    links = re.findall(r'">(Link to this review|Read the whole review)<span', page)
    assert links == ["Link to this review", "Read the whole review", "Read the whole review"]
    assert " ".join(["word"] * 60) + " …" in page  # the long one cut at 60 words


def test_pagination_keeps_the_filters(client):
    page = text(client.get("/reviews/?film=pusher-1996&sort=oldest"))
    assert 'href="?film=pusher-1996&amp;sort=oldest&amp;page=2"' in page
    second = client.get("/reviews/?film=pusher-1996&sort=oldest&page=2")
    assert second.status_code == 200


@pytest.mark.parametrize("page", ["0", "-1", "99", "abc", "9" * 30])
def test_a_page_that_does_not_exist_is_a_404(client, page):
    assert client.get(f"/reviews/?page={page}").status_code == 404


@pytest.mark.parametrize(
    "query",
    [
        "rating_min=abc",
        "rating_min=NaN",
        "rating_min=Infinity",
        "rating_min=11",
        "year_min=" + "9" * 26,
        "date_after=2020-02-30",
        "date_after=0000-01-01",
        "film=no-such-film",
        "sort=sideways",
        "spoilers=maybe",
        "q=" + "x" * 50_000,
        "helpful_min=-1",
    ],
)
def test_invalid_filters_show_the_form_errors(client, query):
    path = "/films/" if query.startswith("year") else "/reviews/"
    response = client.get(f"{path}?{query}")
    assert response.status_code == 400
    page = text(response)
    assert 'class="error"' in page
    # Each invalid visible field points screen readers at the element holding its errors (the
    # film is a hidden field: its error is written above the form).
    described = re.findall(r'aria-describedby="([^"]+)"', page)
    assert described or query.startswith("film=")
    assert all(f'<div id="{name}">' in page for name in described), described


@pytest.mark.parametrize(
    "query",
    [
        "q=%25",
        "q=_",
        "q=%00",
        "q='%20OR%201=1--",
        "q=<script>alert(1)</script>",
        "rating_min=%EF%BC%97",  # fullwidth 7
        "rating_min=5&rating_min=6",
        "unknown=1",
        "q=%ff%fe",
    ],
)
def test_odd_but_harmless_queries_never_fail(client, query):
    response = client.get(f"/reviews/?{query}")
    assert response.status_code in (200, 400)
    assert "<script>alert(1)" not in text(response)


def test_percent_and_underscore_are_literals(client):
    assert review_rows(client, "q=%25%25%25") == []
    assert review_rows(client, "q=___") == []


def test_csv_export_has_the_same_rows_as_json(client):
    response = client.get("/reviews/?film=pusher-ii-with-blood-on-my-hands-2004&format=csv")
    rows = list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert response["Content-Type"].startswith("text/csv")
    assert len(rows) == 25
    json_rows = review_rows(client, "film=pusher-ii-with-blood-on-my-hands-2004")
    assert [r["id"] for r in rows] == [str(r["id"]) for r in json_rows]
    assert list(rows[0]) == list(json_rows[0])


def test_no_email_address_on_any_public_page_or_export(client):
    urls = ["/", "/reviews/", "/reviews/?format=json", "/reviews/?format=csv", "/people/"]
    urls += [f"/reviewers/{slug}/" for slug in ("mika-pykalaaho", "oystein-gl-mmi")]
    for url in urls:
        response = client.get(url)
        body = (
            b"".join(response.streaming_content) if response.streaming else response.content
        ).decode()
        assert "@hotmail.com" not in body and "@gmail.com" not in body, url
        assert "postkassa" not in body, url


def test_hidden_review_disappears_everywhere(client):
    review = Review.objects.get(reviewer__username="OriginalPirate")
    Review.objects.filter(pk=review.pk).update(is_hidden=True)
    refresh_film_aggregates(review.film_id)
    assert client.get(f"/reviews/{review.pk}/").status_code == 404
    assert "OriginalPirate" not in text(client.get("/reviews/"))
    assert len(review_rows(client, "")) == 80
    assert "All 55 reviews of Pusher" in text(client.get(PUSHER))


def test_a_film_of_one_review_links_to_it_without_all(client):
    film = make_film(title="Alone")
    make_review(film=film)
    refresh_film_aggregates(film.pk)
    page = text(client.get(film.get_absolute_url()))
    assert "1 review of Alone →" in page and "All 1" not in page


def test_unchanged_page_answers_304(client):
    first = client.get(PUSHER)
    etag = first["ETag"]
    assert client.get(PUSHER, headers={"if-none-match": etag}).status_code == 304
    since = first["Last-Modified"]
    assert client.get(PUSHER, headers={"if-modified-since": since}).status_code == 304
    Film.objects.filter(year=1996).update(plot="changed")
    from reviews.loader import bump_data_version

    bump_data_version()
    assert client.get(PUSHER, headers={"if-none-match": etag}).status_code == 200


def test_the_data_version_is_read_as_the_orm_reads_it():
    from reviews.loader import bump_data_version
    from reviews.models import DataVersion

    DataVersion.objects.all().delete()
    assert DataVersion.current() == (0, None)
    bump_data_version()
    bump_data_version()
    version, changed_at = DataVersion.current()
    assert (version, changed_at) == DataVersion.objects.values_list("version", "changed_at").get()
    assert version == 2 and changed_at.utcoffset() is not None


PUBLIC_URLS = [
    "/",
    "/films/",
    "/films/?year_min=1990&sort=-rating",
    PUSHER,
    "/reviews/",
    "/reviews/?rating_min=5&date_after=2000-01-01&sequel=sequel&sort=highest",
    "/reviews/1/",
    "/people/",
    "/people/mads-mikkelsen/",
    "/series/",
    "/series/the-pusher-trilogy/",
    "/reviewers/robo8/",
    "/search/?q=tonny",
    "/sitemap.xml",
    "/sitemap-reviews.xml",
]


def test_public_pages_set_no_cookies_and_only_read(client):
    with CaptureQueriesContext(connection) as queries:
        for url in PUBLIC_URLS:
            response = client.get(url)
            assert response.status_code == 200, url
            assert not response.cookies, url
    for query in queries.captured_queries:
        sql = query["sql"].lstrip().upper()
        if sql.startswith("DECLARE"):  # PostgreSQL's server-side cursor around a SELECT
            sql = sql.split(" CURSOR FOR ", 1)[1]
        # SET LOCAL: a planner setting for one transaction (PostgreSQL's text search).
        assert sql.startswith(("SELECT", "SAVEPOINT", "RELEASE SAVEPOINT", "SET LOCAL ")), sql


@pytest.mark.parametrize("method", ["post", "put", "delete", "patch"])
def test_public_pages_answer_get_and_head_only(client, method):
    assert getattr(client, method)("/films/").status_code == 405
    assert client.head("/films/").status_code == 200


def add_many_reviews(n: int):
    series = make_series()
    films = [make_film(series=series, series_position=i) for i in (1, 2)]
    for i in range(n):
        make_review(
            film=films[i % 2],
            rating=i % 11,
            date=date(2000 + i % 20, 1 + i % 12, 1),
            helpful_yes=i,
            helpful_total=i + 1,
            has_spoilers=bool(i % 3 == 0),
        )
    for film in films:
        refresh_film_aggregates(film.pk)
    return films


def count_queries(client, url) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


@pytest.mark.parametrize("url", PUBLIC_URLS)
def test_query_count_does_not_grow_with_the_data(client, url, django_assert_max_num_queries):
    before = count_queries(client, url)
    add_many_reviews(120)
    with django_assert_max_num_queries(before):
        client.get(url + ("&" if "?" in url else "?") + "fresh=1")


def test_review_search_ignores_accents_and_matches_every_word(client):
    page = text(client.get("/search/?q=Zlatko+Buric"))
    assert "Reviews" in page and "Zlatko Buri" in page
    ids = {r["id"] for r in review_rows(client, "q=buric+milo")}
    for review in Review.objects.filter(pk__in=ids):
        assert "buri" in review.body.lower() and "milo" in review.body.lower()
    accented = Review.objects.filter(body__contains="Burić").values_list("pk", flat=True)
    assert accented and set(accented) <= {r["id"] for r in review_rows(client, "q=buric")}


def test_pages_are_cached_until_the_data_changes(client, settings, django_assert_num_queries):
    from django.core.cache import caches

    from reviews.loader import bump_data_version

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "t"},
    }
    caches["pages"].clear()
    first = client.get(PUSHER)
    with django_assert_num_queries(1):  # the data version, nothing else
        again = client.get(PUSHER)
    assert again.content == first.content and again["ETag"] == first["ETag"]
    Film.objects.filter(year=1996).update(logline="A new logline.")
    assert "A new logline." not in text(client.get(PUSHER))
    bump_data_version()
    assert "A new logline." in text(client.get(PUSHER))


def test_the_sitemap_reaches_every_review_however_many(client, monkeypatch):
    """The sitemap is an index of pages of at most `limit` addresses each (the protocol allows
    50,000): every visible review is in one of them, not only the first pages' worth."""
    from reviews.sitemaps import ModelSitemap

    monkeypatch.setattr(ModelSitemap, "limit", 10)
    index = client.get("/sitemap.xml").content.decode()
    pages = re.findall(r"<loc>http://testserver(/sitemap-reviews\.xml[^<]*)</loc>", index)
    visible = Review.objects.visible().count()
    assert len(pages) == -(-visible // 10) > 1
    listed = set()
    for page in pages:
        response = client.get(page.replace("&amp;", "&"))
        assert response.status_code == 200
        listed |= set(re.findall(r"/reviews/(\d+)/</loc>", response.content.decode()))
    assert listed == {str(pk) for pk in Review.objects.visible().values_list("pk", flat=True)}


def test_large_counts_are_written_with_thousands_separators(client):
    """A film with tens of thousands of reviews reads `44,754`, not `44754`; its year does not
    become `1,996`."""
    film = Film.objects.get(year=1996)
    Film.objects.filter(pk=film.pk).update(review_count=44754, rated_review_count=38012)
    page = text(client.get(PUSHER))
    assert "from 38,012 rated of 44,754 reviews" in page
    assert "All 44,754 reviews of Pusher" in page
    assert "(1996)" in page and "1,996" not in page
    assert "from 38,012 rated reviews" in text(client.get("/films/"))
    review = Review.objects.filter(film=film).first()
    Review.objects.filter(pk=review.pk).update(helpful_yes=1200, helpful_total=1500)
    assert "1,200 of 1,500 found this helpful" in text(client.get(review.get_absolute_url()))
    Film.objects.filter(pk=film.pk).update(rating_histogram=[0] * 8 + [20544, 0, 3])
    assert "<td>8</td><td>20,544</td>" in client.get(PUSHER).content.decode()


def test_the_archive_is_counted_once_per_data_version(client, settings):
    """The home page's totals (a count over every reviewer among them) are counted for the
    first home page of a data version, whatever its query string, and again once it moves."""
    from django.core.cache import caches

    from reviews.loader import bump_data_version

    settings.CACHES = {
        **settings.CACHES,
        "pages": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "c"},
    }
    caches["pages"].clear()
    films = Film.objects.count()
    assert f"{films} films" in text(client.get("/"))
    first = count_queries(client, "/?from=a")
    make_film(title="A Film Added Since")
    assert count_queries(client, "/?from=b") == first
    bump_data_version()
    with CaptureQueriesContext(connection) as queries:
        page = text(client.get("/?from=c"))
    assert f"{films + 1} films" in page
    assert len(queries) == first + 5  # the series, films, people, reviews and reviewers


def test_large_lists_are_counted_only_up_to_a_cap(client, monkeypatch):
    from reviews.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "COUNT_CAP", 30)
    page = text(client.get("/reviews/"))
    assert "30+ reviews" in page
    assert text(client.get("/reviews/?film=pusher-ii-with-blood-on-my-hands-2004")).count(
        "25 reviews"
    )


def test_reviewer_page_exports_their_reviews(client):
    rows = exported(client, "/reviewers/robo8/")
    assert {r["film_year"] for r in rows} == {1996, 2004}
    assert client.get("/reviewers/robo8/?format=xml").status_code == 400


def test_server_error_page_is_styled(rf):
    from reviews.views import server_error

    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert b"Something went wrong" in response.content and b"site.css" in response.content


@pytest.mark.parametrize("sort", ["newest", "oldest", "highest", "lowest", "helpful"])
def test_past_the_numbered_pages_the_list_goes_on_by_cursor_to_its_end(client, monkeypatch, sort):
    """Every review once, in the sort's order, following "Next" from page 1 through the
    numbered pages and then the cursor pages (empty ratings, dates and votes included)."""
    import html
    import re

    from reviews.filters import REVIEW_SORTS
    from reviews.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "COUNT_CAP", 30)
    expected = list(
        Review.objects.visible().order_by(*REVIEW_SORTS[sort][1]).values_list("pk", flat=True)
    )
    seen, url, cursor_pages = [], f"/reviews/?sort={sort}", 0
    while url:
        page = text(client.get(url))
        links = re.findall(r'href="/reviews/(\d+)/"', page)
        seen += [int(pk) for pk in dict.fromkeys(links)]  # a card links to its review twice
        cursor_pages += "after=" in url
        link = re.search(r'rel="next" href="([^"]+)"', page)
        url = "/reviews/" + html.unescape(link.group(1)) if link else None
        assert len(seen) <= len(expected), "a page repeats reviews"
    assert seen == expected
    assert cursor_pages >= 2


@pytest.mark.parametrize(
    "cursor",
    [
        "x",
        "[]",
        "[1]",
        '["2005-13-45",3]',
        '["2005-01-01","a"]',
        "[true,1]",
        "[null,null]",
        "[" * 600,
    ],
)
def test_a_cursor_that_is_no_cursor_is_a_400(client, cursor):
    response = client.get("/reviews/", {"sort": "newest", "after": cursor})
    assert response.status_code == 400


def test_the_last_numbered_page_of_a_capped_list_is_full(client, monkeypatch):
    from reviews.pagination import CappedPaginator

    monkeypatch.setattr(CappedPaginator, "COUNT_CAP", 30)
    page = text(client.get("/reviews/?page=2"))
    assert "Page 2 of 2+" in page
    assert page.count('<article class="review-card') == 20
    assert client.get("/reviews/?page=3").status_code == 404


def test_search_puts_the_closest_titles_and_names_first(client):
    make_film(title="M", year=2030)
    make_film(title="Mute Witness", year=2029)
    page = text(client.get("/search/?q=m"))
    films = re.findall(r'<li><a href="/films/[^"]+">([^<]+)</a>', page)
    assert films[:2] == ["M", "Mute Witness"]  # the title itself, then one that begins with it
    assert "Pusher II: With Blood on My Hands" in films[2:]


def test_a_one_letter_word_finds_titles_and_names_not_reviews(client):
    """A letter alone begins a word of nearly every review: the search shows the films and
    people it finds and no reviews; beside longer words it is not needed; the review list asks
    for two letters or more."""
    page = text(client.get("/search/?q=k"))
    assert "Kim Bodnia" in page and 'id="r-reviews"' not in page
    assert 'id="r-reviews"' in text(client.get("/search/?q=ki"))
    both = set(Review.objects.matching("pusher k").values_list("pk", flat=True))
    assert both == set(Review.objects.matching("pusher").values_list("pk", flat=True))
    for letters in ("k", "k b"):
        response = client.get(f"/reviews/?q={letters}")
        assert response.status_code == 400
        assert "Give a word of two letters or more." in text(response)
    assert client.get("/reviews/?q=pusher+k").status_code == 200


def test_text_search_follows_every_edit_of_a_review(client):
    """The full-text index is kept by the database: an edit, a new review and a deletion show
    in the search at once (words match from their start, accents folded)."""
    review = Review.objects.visible().filter(film__year=1996).first()
    assert not Review.objects.matching("zanzibar").exists()
    review.body = f"{review.body}\n\nThen a trip to Zánzibarland."
    review.save()
    assert list(Review.objects.matching("zanzibar")) == [review]
    assert list(Review.objects.matching("ZANZIB trip")) == [review]
    new = make_review(body="Nothing about islands, only quokkas.")
    assert list(Review.objects.matching("quokka")) == [new]
    new.delete()
    assert not Review.objects.matching("quokka").exists()
    assert f'href="/reviews/{review.pk}/"' in text(client.get("/reviews/?q=zanzibarland"))


def test_the_series_list_goes_on_in_pages(client):
    from reviews.models import Series
    from reviews.views import PAGE_SIZE

    for n in range(PAGE_SIZE["series"] + 5):
        make_series(name=f"Zz series {n:02d}")
    total = Series.objects.count()
    first = text(client.get("/series/"))
    assert first.count('class="series-strip"') == PAGE_SIZE["series"]
    assert f"{total} series" in first and 'rel="next" href="?page=2"' in first
    second = text(client.get("/series/?page=2"))
    assert second.count('class="series-strip"') == total - PAGE_SIZE["series"]
    assert "Zz series 28" in second and "Zz series 28" not in first
    assert client.get("/series/?page=9").status_code == 404


def test_home_shows_a_few_series_and_links_to_all(client):
    from reviews.models import Series
    from reviews.views import HOME_SERIES

    for n in range(HOME_SERIES + 2):
        make_series(name=f"Zz series {n}")
    page = text(client.get("/"))
    assert page.count('class="series-strip"') == HOME_SERIES
    assert f"All {Series.objects.count()} series →" in page


def test_home_with_reviews_no_one_voted_on_does_not_say_there_are_none(client):
    """An archive whose reviews no viewer voted on: the most helpful say so (they said `No
    reviews yet` beside the newest reviews), with no link to a list of none."""
    from tests.factories import wipe_film_data

    wipe_film_data()
    make_review(title="Unvoted", helpful_yes=None, helpful_total=None)
    bump_data_version()
    page = text(client.get("/"))
    assert "No viewer has found a review helpful yet." in page
    assert "<p>No reviews yet.</p>" not in page and "More helpful reviews" not in page
    assert "Unvoted" in page and "All reviews →" in page


def test_chart_coordinates_are_never_localised():
    """SVG wants `12.5`, whatever the language (German would write `12,5`); counts keep their
    separators, names and labels are escaped."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from reviews import charts

    with translation.override("de"):
        chart = charts.rating_histogram([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12345])
        svg = render_to_string("reviews/_bar_chart.html", {"chart": chart, "chart_id": "c"})
    bars = re.findall(r'<rect x="([\d.]+)" y="([\d.]+)" width="([\d.]+)" height="([\d.]+)"', svg)
    assert len(bars) == 11
    assert all("," not in number for bar in bars for number in bar)
    assert any("." in number for bar in bars for number in bar)
    assert "<title>Rating 10: 12,345</title>" in svg
    assert '<th scope="col">Rating</th>' in svg and "<td>10</td><td>12,345</td>" in svg
    assert '<line x1="0" y1="136" x2="440" y2="136" class="axis"/>' in svg
    assert svg.count('class="tick"') == 11


@pytest.mark.parametrize("value", ["", "the-pusher-trilogy", "no-such-series"])
def test_the_fast_series_select_writes_what_djangos_select_writes(value):
    import re

    from django import forms

    from reviews.filters import FilmFilter, ListSelect, series_choices
    from reviews.models import Series

    make_series(name="Tom & Jerry <shorts>")
    field = FilmFilter().form.fields["series"]
    attrs = {"id": "id_series", "aria-describedby": "id_series-error"}
    choices = [("", "Any series"), *series_choices()]
    plain = forms.Select(choices=choices).render("series", value, attrs)
    fast = field.widget.render("series", value, attrs)
    assert isinstance(field.widget, ListSelect)
    plain = re.sub(r">\s+<", "><", plain)
    (plain_head, plain_options), (fast_head, fast_options) = (
        html.split(">", 1) for html in (plain, fast)
    )
    attributes = re.compile(r'([\w-]+)="([^"]*)"')
    assert set(attributes.findall(plain_head)) == set(attributes.findall(fast_head))
    assert plain_options == fast_options
    assert Series.objects.count() + 1 == fast.count("<option")
    assert ('value="the-pusher-trilogy" selected' in fast) == (value == "the-pusher-trilogy")
    assert "Tom &amp; Jerry &lt;shorts&gt;" in fast


def test_the_series_select_follows_the_series_and_refuses_an_unknown_one(client):
    assert "Tom &amp; Jerry" not in text(client.get("/reviews/"))
    make_series(name="Tom & Jerry", slug="tom-jerry")
    bump_data_version()
    page = text(client.get("/reviews/?sort=newest"))
    assert '<option value="tom-jerry">Tom &amp; Jerry</option>' in page
    chosen = text(client.get("/reviews/?series=tom-jerry"))
    assert '<option value="tom-jerry" selected>Tom &amp; Jerry</option>' in chosen
    assert '<option value="" selected>Any series</option>' not in chosen
    response = client.get("/reviews/?series=no-such-series")
    assert response.status_code == 400
    assert "Select a valid choice. no-such-series is not one of the available choices." in text(
        response
    )


def test_exports_hold_every_row_once_with_its_address(client, monkeypatch):
    from reviews import views

    monkeypatch.setattr(views, "EXPORT_CHUNK", 30)  # read 30 rows at a time, written 3 at a time
    rows = exported(client, "/reviews/?sort=oldest")
    assert len(rows) == Review.objects.visible().count() > 30
    assert len({row["id"] for row in rows}) == len(rows)
    for row in rows[:3]:
        assert row["url"] == f"http://testserver/reviews/{row['id']}/"
        assert client.get(row["url"]).status_code == 200
    response = client.get("/reviews/?sort=oldest&format=csv")
    lines = csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode()))
    assert [int(line["id"]) for line in lines] == [row["id"] for row in rows]


def test_links_are_the_routes_reverse_gives(client):
    from django.urls import reverse

    from reviews.models import Person, Reviewer, Series

    for obj, name, arg in [
        (Film.objects.first(), "film-detail", "slug"),
        (Person.objects.first(), "person-detail", "slug"),
        (Reviewer.objects.first(), "reviewer-detail", "slug"),
        (Series.objects.first(), "series-detail", "slug"),
        (Review.objects.first(), "review-detail", "pk"),
    ]:
        url = obj.get_absolute_url()
        assert url == reverse(f"reviews:{name}", args=[getattr(obj, arg)])
        assert client.get(url).status_code == 200


def test_chart_labels_are_written_only_where_they_fit():
    """Few bars with small counts: every year and count. Many years with counts in thousands:
    every other year, no count over the bars (the table and each bar's title keep them)."""
    from reviews import charts

    few = charts.reviews_per_year({"2001": 3, "2003": 12})["bars"]
    assert all(bar["show_label"] for bar in few)
    assert [bar["show_value"] for bar in few] == [True, False, True]  # 2002 had none
    many = charts.reviews_per_year({str(year): 3977 for year in range(1968, 1984)})["bars"]
    assert [bar["show_label"] for bar in many] == [i % 2 == 0 for i in range(16)]
    assert not any(bar["show_value"] for bar in many)
    assert many[0]["count_text"] == "3,977"
    ratings = charts.rating_histogram([3987] * 11)["bars"]
    assert all(bar["show_label"] and bar["show_value"] for bar in ratings)
    # One year of reviews: a bar of a bar's width in the middle, not a wall across the chart.
    [alone] = charts.reviews_per_year({"1992": 2})["bars"]
    assert alone["width"] == charts.MAX_BAR and alone["label_x"] == charts.WIDTH / 2


def test_a_fact_without_a_territory_reads_without_one(client):
    film = make_film(title="Lone Kit", year=2003)
    film.distributors.create(territory="", company="Nordic Pictures")
    film.runtimes.create(territory="", minutes=91)
    page = client.get(film.get_absolute_url()).content.decode()
    assert "<dt>Distributor</dt><dd>Nordic Pictures</dd>" in page
    assert "91 min</dd>" in page


def test_a_film_known_only_from_its_reviews_shows_no_empty_facts(client):
    film = make_film(title="Bare Page", year=2013)
    make_review(film=film)
    assert "Facts</h2>" not in client.get(film.get_absolute_url()).content.decode()
    pusher = Film.objects.get(title="Pusher")
    assert "Facts</h2>" in client.get(pusher.get_absolute_url()).content.decode()


def test_a_film_with_no_reviews_and_no_imdb_rating_shows_no_empty_scores(client):
    unrated = make_film(title="Unrated", year=2013)
    assert 'class="scores"' not in client.get(unrated.get_absolute_url()).content.decode()
    make_review(film=unrated, rating=None)
    refresh_film_aggregates(unrated.pk)
    page = client.get(unrated.get_absolute_url()).content.decode()
    assert 'class="scores"' in page and "1 review, none rated" in page
