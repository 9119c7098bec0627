"""Feeds, fetching, extraction and the inbox of foreign stories to translate."""
