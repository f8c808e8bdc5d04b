"""The ORUK paged-list envelope (openapi.json components.schemas.Page), for the static files and the API alike."""

from __future__ import annotations

from typing import Any, Callable, Sequence

PER_PAGE = 50  # the static files' page size, and the API's default
MAX_PER_PAGE = 500  # the API caps per_page here, so one request cannot ask for the whole directory at once


def page_count(total: int, per_page: int) -> int:
    """Pages in a list; an empty list still has one (empty) page, so page 1 always exists."""
    return max(1, -(-total // per_page))


def envelope(items: Sequence[Any], page: int, per_page: int, shape: Callable[[Any], Any] = lambda item: item) -> dict:
    """Page `page` (1-based) of `items` with `per_page` per page; pages past the last are empty."""
    total = len(items)
    pages = page_count(total, per_page)
    contents = [shape(item) for item in items[(page - 1) * per_page: page * per_page]]
    return {
        "total_items": total, "total_pages": pages, "page_number": page, "size": len(contents),
        "first_page": page == 1, "last_page": page >= pages, "empty": not contents, "contents": contents,
    }
