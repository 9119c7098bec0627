import datetime
import functools

from django.conf import settings
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from django.views.generic import DetailView, ListView, TemplateView

from articles import digests, page_keys, previews, rendering
from articles.days import start_of_day
from articles.models import Article, ArticleTag, Category, SlugRedirect, Source, Tag
from ranking import counting, rankings
from reader import front_page, languages, showing
from reader.filters import ArticleFilter, filtered_list_keys
from reader.pagination import WindowPaginator
from reader.related import SUGGESTIONS_MAX_AGE, related_articles, related_keys, suggestions_shown
from search import queries as search
from translation import alignment

PAGE_SIZE = 20


class FrontPageView(TemplateView):
    """The front page (reader/front_page.py): top stories, the newest, sections, rankings."""

    template_name = "articles/home.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["front"] = front_page.compose()
        context["ranking"] = ranking_context()
        return context


def front_or_latest(front_page_view):
    """`/?page=2` and `/?category=…` are the latest list's now (`/latest/`), `/?q=…` the search page's:
    a permanent redirect, query kept."""
    moved = frozenset((*ArticleFilter.base_filters, "page"))

    @functools.wraps(front_page_view)
    def view(request, *args, **kwargs):
        if moved & set(request.GET):
            to = "articles:search" if request.GET.get("q", "").strip() else "articles:latest"
            return HttpResponseRedirect(f"{reverse(to)}?{request.GET.urlencode()}", status=301)
        return front_page_view(request, *args, **kwargs)

    return view


def ranking_context(*, category_id: int | None = None) -> dict:
    """The 人気記事 block's stories per window, with the page keys of what it shows."""
    ranked = rankings.stories(category_id=category_id)
    showing.shows(page_keys.RANKING, *(page_keys.card(article.pk) for stories in ranked.values() for article in stories))
    return ranked


@csrf_exempt  # no cookie is read or set: there is no session to forge a request in
@never_cache
@require_POST
def count_view(request):
    """The article page's beacon (static/js/enhance.js): one view of a story; always 204, counted or not."""
    try:
        article_id = int(request.POST.get("article", ""))
    except ValueError:
        article_id = None
    if article_id is not None and 0 < article_id < 2**63:
        counting.record_view(
            article_id=article_id, view_id=request.POST.get("view", ""), user_agent=request.headers.get("User-Agent", ""),
        )
    return HttpResponse(status=204)


class ArticleListView(ListView):
    """Published articles as cards, filtered by the GET form, paginated with ?page=."""

    template_name = "articles/article_list.html"
    paginate_by = PAGE_SIZE
    paginator_class = WindowPaginator
    heading = _("最新記事")
    query_params = (*ArticleFilter.base_filters, "page")  # what the page reads (reader/caching.py)
    ranks_keyword = False  # the search page's job: a list sends its keyword there
    subject_param = None  # a list of one subject: the search page's filter for it, given the slug

    def get(self, request, *args, **kwargs):
        if not self.ranks_keyword and request.GET.get("q", "").strip():
            # A keyword is the search page's: ranked, its work bounded however common the term (search.ranked),
            # with passages quoted. Here every match would be scored, seconds for a common term in a large archive.
            return HttpResponseRedirect(self.search_url(), status=301)
        return super().get(request, *args, **kwargs)

    def search_url(self) -> str:
        """The search page with this list's filters and keyword, its subject among them (by slug, as the
        filters take it)."""
        params = self.request.GET.copy()
        if self.subject_param:
            params[self.subject_param] = self.kwargs["slug"]
        return f"{reverse('articles:search')}?{params.urlencode()}"

    def get_base_queryset(self):
        return Article.objects.published().with_card_data()

    def get_queryset(self):
        self.filterset = ArticleFilter(self.request.GET or None, queryset=self.get_base_queryset())
        # Invalid fields are reported on the form; the valid ones still filter.
        self.filterset.is_valid()
        return self.newest_first(self.filterset.qs)  # a keyword is the search page's (get), ranked there

    def newest_first(self, queryset):
        return queryset.order_by("-published_at", "-id")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filterset
        context["heading"] = self.heading
        showing.shows(*self.list_keys(), page_keys.TAXONOMY)  # the filter form lists categories and sources
        chosen = self.filterset.form.cleaned_data if self.filterset.is_bound else {}
        showing.shows(*filtered_list_keys(chosen))
        if chosen.get("q"):
            showing.shows_keyword_results(context["object_list"])  # cards whose snippets quote the stories
        else:
            showing.shows_cards(context["object_list"])
        return context

    def list_keys(self) -> list[str]:
        return [page_keys.LIST]


class SearchView(ArticleListView):
    """Keyword search: the list with its filters, ranked by relevance, with matching passages."""

    template_name = "articles/search.html"
    heading = _("検索")
    ranks_keyword = True
    paginator_class = Paginator  # ranked results are capped, so counting them is cheap

    def get_base_queryset(self):
        return Article.objects.published().with_card_data(full_text=True)  # snippets quote the texts

    def get_queryset(self):
        listed = super().get_queryset()
        query = self.query()
        if not query:
            return listed
        # The newest matches, if very many, ranked in one pass; the page then loads its 20 articles by id.
        return search.RankedResults(search.ranked(listed, query), card_queryset=self.get_base_queryset())

    def query(self) -> str:
        return self.filterset.form.cleaned_data.get("q", "") if self.filterset.is_bound else ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        query = context["query"] = self.query()
        for article in context["object_list"]:
            article.search_snippet = search.snippet(article, query) if query else None
        if query:
            count = context["paginator"].count
            context["results_complete"] = complete = getattr(self.object_list, "complete", True)
            if complete:
                context["result_count"] = ngettext("%(counter)s 件", "%(counter)s 件", count) % {"counter": f"{count:,}"}
            else:
                context["result_count"] = gettext("%(counter)s 件以上") % {"counter": f"{count:,}"}
                context["result_note"] = gettext(
                    "一致する記事が多いため、新しい記事と見出しに含む記事の %(counter)s 件を関連の高い順に表示しています。"
                    "それより前の記事は、期間やカテゴリーで絞り込むと見つかります。"
                ) % {"counter": f"{count:,}"}
        return context


class _PrefilteredListView(ArticleListView):
    model_for_slug = None
    filter_field = None
    subject_key = None  # the subject's page key, from its id

    def get_base_queryset(self):
        # Only while a published article carries it: a tag only drafts use is as unknown as no tag.
        self.subject = get_object_or_404(self.model_for_slug.objects.public(), slug=self.kwargs["slug"])
        return self.narrow(super().get_base_queryset(), self.subject)

    def narrow(self, queryset, subject):
        return queryset.filter(**{self.filter_field: subject})

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["heading"] = self.subject.name
        context["subject"] = self.subject
        context["subject_kind"] = self.subject_kind
        return context

    def list_keys(self) -> list[str]:
        subject = self.subject_key(self.subject.pk)
        return [subject, page_keys.listing(subject)]


class CategoryArticleListView(_PrefilteredListView):
    model_for_slug = Category
    filter_field = subject_param = "category"
    subject_kind = _("カテゴリー")
    subject_key = staticmethod(page_keys.category)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["ranking"] = ranking_context(category_id=self.subject.pk)
        return context


class TagArticleListView(_PrefilteredListView):
    model_for_slug = Tag
    subject_param = "tag"
    subject_kind = _("タグ")
    subject_key = staticmethod(page_keys.tag)

    def narrow(self, queryset, tag):
        return queryset.newest_tagged(tag)

    def newest_first(self, queryset):
        return queryset  # newest_tagged() orders by the tag's links, which its index serves


class SourceArticleListView(_PrefilteredListView):
    model_for_slug = Source
    filter_field = subject_param = "source"
    subject_kind = _("ソース")
    subject_key = staticmethod(page_keys.source)


class ArticleDetailView(DetailView):
    template_name = "articles/article_detail.html"
    query_params = ("view",)  # ?view=bilingual

    def get_queryset(self):
        return _article_page_queryset().published()

    def get(self, request, *args, **kwargs):
        try:
            return super().get(request, *args, **kwargs)
        except Http404:
            moved = SlugRedirect.objects.filter(old_slug=kwargs["slug"]).select_related("article").first()
            if moved and moved.article.is_published():
                return HttpResponseRedirect(moved.article.get_absolute_url(), status=301)
            raise

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(article_page_context(self.object, view=self.request.GET.get("view")))
        context["ranking"] = ranking_context()
        return context


@functools.cache
def _article_page_queryset():
    """The article page's query before its time condition, built once per process (only ever cloned).

    Key points, corrections and figures come with the article, as they were
    stored when last written (its rendered_parts, articles/stored_html.py):
    with its tags and related reading, the page is three queries whatever
    the story holds.
    """
    return Article.objects.select_related("category", "source", "reviewed_by", "rendered_parts")


BILINGUAL = "bilingual"


def article_page_context(article: Article, *, view: str | None = None) -> dict:
    """What the article page shows besides the article itself (shared with previews).

    `view="bilingual"` (the page's `?view=bilingual`) pairs each translated
    block with its original. When the bodies do not align, `bilingual_rows`
    is None and the page shows the normal body with the whole original open.
    """
    shown = rendering.page_html(article)
    figures = shown["figures"]
    tags = ArticleTag.objects.tags_of(article.pk)
    related = related_articles(article, tags=tags)
    showing.shows(page_keys.story(article.pk), *showing.filing_keys(article, tags=tags), *related_keys(related))
    if suggestions_shown(related):
        showing.shows_for(SUGGESTIONS_MAX_AGE)
    context = {
        **shown,
        "tags": tags,
        **rendering.page_blocks(article.body_html, article.original_body_html, figures),
        "related": related,
        "digest_day": digests.local_date(article.published_at),
        "bilingual": view == BILINGUAL,
        "bilingual_rows": None,
    }
    if context["bilingual"]:
        context["bilingual_rows"] = alignment.bilingual_rows(alignment.align(article.original_body, article.body), figures)
    return context


@never_cache
def preview(request, token):
    """An unpublished article exactly as readers will see it, for whoever holds the signed link."""
    article = previews.article_for_token(token)
    if article is None:
        raise Http404
    article = Article.objects.select_related("category", "source", "reviewed_by", "rendered_parts").get(pk=article.pk)
    context = {
        "article": article, "object": article, "preview": True,
        **article_page_context(article, view=request.GET.get("view")),
    }
    response = render(request, "articles/article_detail.html", context)
    response["X-Robots-Tag"] = "noindex, nofollow"
    return response


class DigestView(TemplateView):
    template_name = "articles/digest.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        day = self.kwargs.get("day") or digests.today()
        context["digest"] = digest = digests.digest_for(day)
        context["is_today"] = day == digests.today()
        showing.shows(page_keys.digest(day), page_keys.day(day))
        showing.shows_stories(digest.articles, tags=False)  # with their key points
        if day >= digests.today():  # tomorrow it is yesterday's, with a link to the next day
            showing.shows_until(start_of_day(digests.today() + datetime.timedelta(days=1)))
        return context


def switch_language(request, code):
    """The old language switch (`/lang/en/?next=…`): a redirect to the same page in that language.

    The language is in the URL now (reader/languages.py); no cookie is set.
    """
    if code not in dict(settings.LANGUAGES):
        raise Http404
    target = request.GET.get("next", "/")
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        target = "/"
    # Not redirect(): it would take a `next` such as "0" or "home" for a URL pattern name.
    return HttpResponseRedirect(languages.url_in_language(target, code))
