"""Pagination for long lists without counting them.

COUNT(*) over every published article grows with the archive; a list page
only needs to know whether another page follows, which one extra row tells.
"""

from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.utils.translation import gettext_lazy as _

# Far past any archive; a page number of 20 digits would overflow the database's 64-bit OFFSET.
MAX_PAGE = 1_000_000


class WindowPage(Page):
    def __init__(self, object_list, number, paginator, *, more: bool):
        super().__init__(object_list, number, paginator)
        self.more = more

    def has_next(self) -> bool:
        return self.more


class WindowPaginator(Paginator):
    """Pages of `per_page` items, fetching `per_page + 1` rows and never counting the whole list."""

    def validate_number(self, number) -> int:
        try:
            number = int(number)
        except (TypeError, ValueError):
            raise PageNotAnInteger(_("ページ番号が正しくありません。"))
        if number < 1 or number > MAX_PAGE:
            raise EmptyPage(_("そのページはありません。"))
        return number

    def page(self, number) -> WindowPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom:bottom + self.per_page + 1])
        if not rows and number > 1:
            raise EmptyPage(_("そのページはありません。"))
        return WindowPage(rows[:self.per_page], number, self, more=len(rows) > self.per_page)

    @property
    def num_pages(self):
        return None  # unknown by design; ?page=last is therefore not a page

    @property
    def count(self):
        raise NotImplementedError("WindowPaginator does not count the list")
