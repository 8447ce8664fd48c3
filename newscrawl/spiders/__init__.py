"""Spiders: a base spider built from a site profile, thin per-site spiders, and `news`."""
