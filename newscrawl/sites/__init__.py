"""Per-site knowledge as data: one TOML file per site, read into a SiteProfile."""

from newscrawl.sites.profile import (
    GENERIC,
    SiteProfile,
    available_sites,
    load_profile,
    profile_for_url,
)

__all__ = ["GENERIC", "SiteProfile", "available_sites", "load_profile", "profile_for_url"]
