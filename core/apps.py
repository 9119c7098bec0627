"""Plumbing every app may use: middleware, security headers, resilience, sessions, the Redis cache."""

from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
