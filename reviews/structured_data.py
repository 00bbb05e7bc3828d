"""schema.org descriptions (JSON-LD) of films, people and reviews."""


def _url(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def _person(request, person) -> dict:
    return {"@type": "Person", "name": person.name, "url": _url(request, person)}


def movie(request, film, context) -> dict:
    data = {
        "@type": "Movie",
        "name": film.title,
        "url": _url(request, film),
        "director": [_person(request, c.person) for c in context["directors"]],
        "author": [_person(request, c.person) for c in context["writers"]],
        "actor": [_person(request, c.person) for c in context["cast"]],
    }
    if context["producers"]:
        data["producer"] = [_person(request, c.person) for c in context["producers"]]
    if context["composers"]:
        data["musicBy"] = [_person(request, c.person) for c in context["composers"]]
    other_titles = context["original_titles"] + context["other_titles"]
    if other_titles:
        data["alternateName"] = other_titles
    if genres := [note.text for note in context["notes"].get("genre", [])]:
        data["genre"] = genres
    if keywords := [note.text for note in context["notes"].get("keyword", [])]:
        data["keywords"] = ", ".join(keywords)
    if companies := context["notes"].get("company"):
        data["productionCompany"] = [
            {"@type": "Organization", "name": note.text} for note in companies
        ]
    if film.year:
        data["dateCreated"] = str(film.year)
    if film.logline:
        data["description"] = film.logline
    if film.imdb_id:
        data["sameAs"] = f"https://www.imdb.com/title/{film.imdb_id}/"
    if film.average_rating is not None:
        data["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": str(film.average_rating),
            "ratingCount": film.rated_review_count,
            "reviewCount": film.review_count,
            "bestRating": 10,
            "worstRating": 0,
        }
    return data


def person(request, person, other_names) -> dict:
    data = _person(request, person)
    if other_names:
        data["alternateName"] = [alias.name for alias in other_names]
    return data


def review(request, review) -> dict:
    data = {
        "@type": "Review",
        "url": _url(request, review),
        "name": review.title,
        "reviewBody": review.body,
        "itemReviewed": {
            "@type": "Movie",
            "name": review.film.title,
            "url": _url(request, review.film),
        },
    }
    if review.reviewer_id:
        data["author"] = {"@type": "Person", "name": review.reviewer.username}
    if review.date:
        data["datePublished"] = review.date.isoformat()
    if review.rating is not None:
        data["reviewRating"] = {
            "@type": "Rating",
            "ratingValue": str(review.rating),
            "bestRating": 10,
            "worstRating": 0,
        }
    return data
