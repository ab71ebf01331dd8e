from contextlib import contextmanager

from core.cache import content_version


@contextmanager
def page_queries(test, count):
    """
    Pin the queries a page runs itself. The page cache's content version (one query per publishable model, computed
    once after each content change) is computed first, so it is not counted against the page.
    """
    content_version()
    with test.assertNumQueries(count):
        yield
