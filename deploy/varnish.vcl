vcl 4.1;

# Newsdesk's edge cache: Varnish between nginx (TLS, static files) and gunicorn.
#
# Public pages are kept as long as the app's Cache-Control says (s-maxage: hours when the app
# purges this cache, NEWSDESK_PURGE_URLS). Every page arrives tagged with the page keys of
# what it shows (the `xkey` header); after each change the app sends `PURGE /` with the
# changed keys in `xkey-purge`, and every page carrying one of them is dropped at once.
# Nothing with a session, nothing under /admin/, no preview is ever kept or shared.
#
# scripts/varnish.sh starts varnishd with this file, the backend address filled in.

import std;
import xkey;

backend default {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# The same gunicorn, for background refreshes only (a page past its time or soft-purged, fetched
# while readers are served the old copy), at most this many at once: gunicorn's workers less one
# (scripts/varnish.sh --refresh-connections). A reader waiting for a page nobody has, such as a
# story just edited, then finds a worker free instead of queueing behind refreshes that
# only renew what readers are already being served. Varnish counts a connection once it is made,
# so refreshes that start in the same instant can pass the limit together, for one render.
backend refresh {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
    .max_connections = 1;
}

# Who may purge: the app's own servers. Add the addresses of the hosts that run gunicorn.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    # Varnish adds the address it was called from (nginx's) to X-Forwarded-For; the app reads
    # the reader's address as the last entry (nginx's), so take Varnish's own back off.
    if (req.http.X-Forwarded-For ~ ",") {
        set req.http.X-Forwarded-For = regsub(req.http.X-Forwarded-For, ",\s*[^,]*$", "");
    }
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        if (!req.http.xkey-purge && !req.http.xkey-softpurge) {
            return (synth(400, "xkey-purge or xkey-softpurge header missing"));
        }
        # Hard: gone at once, the next request waits for the new page (a story's own pages).
        # Soft: out of date at once, the next request gets the old copy once while the new one
        # is fetched (pages that only show a story's card, or a list it joined).
        set req.http.n-purged = 0;
        if (req.http.xkey-purge) {
            set req.http.n-purged = xkey.purge(req.http.xkey-purge);
        }
        if (req.http.xkey-softpurge) {
            set req.http.n-softpurged = xkey.softpurge(req.http.xkey-softpurge);
        }
        return (synth(200, "Purged " + req.http.n-purged + ", soft " + req.http.n-softpurged));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The editors' side and signed previews: always the app's own answer.
    if (req.url ~ "^/admin(/|$)" || req.url ~ "^/preview/") {
        return (pass);
    }
    # A signed-in editor sees pages the app marks private; never serve them a shared copy.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Any other cookie (analytics, a stale CSRF token) changes nothing on a public page.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_fetch {
    if (bereq.is_bgfetch) {
        set bereq.backend = refresh;
    }
}

sub vcl_backend_error {
    # A refresh that could not be made (every refresh connection busy, gunicorn down): readers
    # keep the copy they have, and the next request for it tries again.
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_backend_response {
    # A response that sets a cookie is someone's own.
    if (beresp.http.Set-Cookie) {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Errors are not kept for long, whatever they say; a refresh that fails keeps the old copy.
    if (beresp.status >= 500) {
        if (bereq.is_bgfetch) {
            return (abandon);
        }
        set beresp.ttl = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Otherwise the app's Cache-Control decides (s-maxage, or private/no-cache: not kept).
    # Grace: a page past its time or soft-purged is served once more while its new copy is
    # fetched, so readers never queue behind a render (and still get pages while gunicorn is down).
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_deliver {
    # The app's s-maxage is for this cache: downstream (nginx, browsers) revalidate every time.
    if (resp.http.xkey) {
        unset resp.http.xkey;
        set resp.http.Cache-Control = "public, max-age=0";
    }
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    return (deliver);
}
