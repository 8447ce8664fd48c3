from __future__ import annotations

import socket

import pytest

from newscrawl.demo_site import DemoServer, crawl_commands, demo_sites
from newscrawl.demo_site.server import content_type, pages_root, resolve
from tests.demo_site.conftest import fetch


def test_binds_an_os_chosen_port_on_localhost(demo_server: DemoServer) -> None:
    assert demo_server.port > 0
    assert demo_server.base_url == f"http://127.0.0.1:{demo_server.port}/"


def test_site_url_is_the_base_url_plus_the_site_prefix(demo_server: DemoServer) -> None:
    assert demo_server.site_url("rudaw") == demo_server.base_url + "rudaw/"


def test_article_path_without_extension_is_served_as_utf8_html(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("rudaw/english/middleeast/iraq/050220192"))
    assert (reply.status, reply.content_type) == (200, "text/html; charset=utf-8")


def test_rss_feed_is_served_as_rss(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("rudaw/english/rss"))
    assert reply.content_type.startswith("application/rss+xml")


def test_atom_feed_is_served_as_atom(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("ledger/feed.atom"))
    assert reply.content_type.startswith("application/atom+xml")


def test_sitemap_is_served_as_xml(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("washingtontimes/sitemap.xml"))
    assert reply.content_type.startswith("application/xml")


def test_robots_txt_is_served_as_plain_text(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("robots.txt"))
    assert (reply.status, reply.content_type) == (200, "text/plain; charset=utf-8")


def test_directory_with_trailing_slash_serves_its_index(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("washingtontimes/rss/headlines/news/"))
    assert reply.status == 200 and b"<rss" in reply.body


def test_directory_without_trailing_slash_serves_its_index(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("rudaw/english/middleeast"))
    assert reply.status == 200 and b"news-list" in reply.body


def test_origin_placeholder_is_replaced_by_the_server_origin(demo_server: DemoServer) -> None:
    text = fetch(demo_server.url("ledger/sitemap-index.xml")).text
    assert "{{ORIGIN}}" not in text
    assert f"<loc>{demo_server.base_url}ledger/sitemap-news.xml</loc>" in text


def test_missing_path_is_404(demo_server: DemoServer) -> None:
    assert fetch(demo_server.url("rudaw/english/nothing-here")).status == 404


def test_path_cannot_climb_out_of_the_pages_folder(demo_server: DemoServer) -> None:
    assert fetch(demo_server.base_url + "../server.py").status == 404


def test_head_request_sends_headers_without_body(demo_server: DemoServer) -> None:
    reply = fetch(demo_server.url("robots.txt"), method="HEAD")
    assert (reply.status, reply.body) == (200, b"")


def test_requests_write_nothing_to_stderr(
    demo_server: DemoServer, capfd: pytest.CaptureFixture[str]
) -> None:
    fetch(demo_server.url("rudaw/english/rss"))
    fetch(demo_server.url("missing"))
    assert capfd.readouterr().err == ""


def test_stop_closes_the_listening_socket() -> None:
    with DemoServer() as srv:
        port = srv.port
    with pytest.raises(OSError), socket.create_connection(("127.0.0.1", port), timeout=1):
        pass


def test_port_is_unavailable_before_start() -> None:
    with pytest.raises(RuntimeError):
        _ = DemoServer().port


def test_resolve_maps_extensionless_feed_path_to_its_xml_file() -> None:
    found = resolve(pages_root(), "/rudaw/english/rss")
    assert found is not None and found[1] == "rss.xml"


def test_content_type_tells_rss_from_a_plain_sitemap() -> None:
    urlset = b'<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"/>'
    assert content_type("sitemap.xml", urlset) == "application/xml; charset=utf-8"


def test_crawl_commands_cover_every_demo_site() -> None:
    commands = "\n".join(crawl_commands("http://127.0.0.1:1/"))
    for spider, prefix in demo_sites().items():
        assert f"scrapy crawl {spider} " in commands
        assert f"http://127.0.0.1:1/{prefix}" in commands
