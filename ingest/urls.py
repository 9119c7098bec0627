"""URLs as the inbox compares them: one canonical form per article, whatever tracking a feed adds."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that say who sent the reader, never which article it is.
TRACKING_PARAMETERS = {
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid", "mc_eid", "_ga", "_gl",
    "ocid", "cmpid", "cmp", "ref", "ref_src", "ref_url", "smid", "smtyp", "taid", "guccounter", "guce_referrer",
    "guce_referrer_sig", "sr_share", "cid", "icid", "mbid", "rss", "feed", "src", "at_medium", "at_campaign",
    "wt.mc_id", "s_cid", "ito", "soc_src", "soc_trk", "spm", "share", "utm",
}


def canonical_url(url: str) -> str:
    """`url` in the form the inbox deduplicates by.

    The host in lower case without `www.`, a trailing dot or the default port;
    https for http; no fragment; tracking parameters (`utm_*`, `fbclid`, …)
    removed and the rest sorted; an empty path as `/`.
    """
    parts = urlsplit(url.strip())
    scheme = parts.scheme.lower()
    if scheme == "http":
        scheme = "https"
    host = (parts.hostname or "").rstrip(".").lower()
    host = host.removeprefix("www.")
    try:
        port = parts.port
    except ValueError:
        port = None
    netloc = host if port in (None, 80, 443) else f"{host}:{port}"
    query = sorted(
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not _is_tracking(name)
    )
    return urlunsplit((scheme, netloc, parts.path or "/", urlencode(query), ""))


def _is_tracking(name: str) -> bool:
    lowered = name.lower()
    return lowered.startswith(("utm_", "utm-", "pk_", "hsa_", "__")) or lowered in TRACKING_PARAMETERS


def without_tracking(url: str) -> str:
    """`url` as it is, less its fragment and tracking parameters: the address a story keeps as its original."""
    parts = urlsplit(url.strip())
    query = [(name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True) if not _is_tracking(name)]
    return urlunsplit((parts.scheme, parts.netloc, parts.path or "/", urlencode(query), ""))
