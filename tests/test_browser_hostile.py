"""In the browser: Markdown payloads in data and URLs stay text, and no page asks any host but the app's."""
import re
from urllib.parse import quote, urlparse

import duckdb
import pytest

from etl import build

from browser_support import ROOT, streamlit_app, wait_until_rendered
from hostile_support import ATTACKER, MARKDOWN_PAYLOAD, hostile_data

pytestmark = pytest.mark.browser

PAGES = [("" if m.group(2) else m.group(1)) for m in re.finditer(
    r'st\.Page\("app_pages/(\w+)\.py"([^)]*default=True)?[^)]*\)', (ROOT / "app.py").read_text(encoding="utf-8"))]


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    document = hostile_data(root)
    db = root / "build" / "dashboard.duckdb"
    build.run(db, build.Inputs.from_root(root))
    with duckdb.connect(str(db), read_only=True) as con:
        doc_id = con.execute("select doc_id from documents where file_name = ?", [document]).fetchone()[0]
    with streamlit_app({"DASHBOARD_DATA": str(root), "DASHBOARD_DB": str(db)}) as url:
        yield url, doc_id


def test_payloads_stay_text_and_no_request_leaves_the_app(hostile_server, browser):
    url, doc_id = hostile_server
    payload = quote(MARKDOWN_PAYLOAD)
    addresses = [f"{url}/{page}" for page in PAGES] + [
        f"{url}/documents?van_ban={doc_id}",          # the document's title, issuer and signer carry payloads
        f"{url}/documents?van_ban={payload}",         # an unknown document named in the URL
        f"{url}/units_tasks?van_ban={payload}",
        f"{url}/?tinh={payload}",                     # the sidebar filters' notice
        f"{url}/growth?tinh=lang-son&vung={payload}",
        f"{url}/?present=1&tinh={payload}",           # the meeting view's error
        f"{url}/?present=1",
    ]
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="vi-VN")
    requests = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    shown_payloads = 0
    for address in addresses:
        page.goto(address, wait_until="domcontentloaded")
        wait_until_rendered(page)
        leaks = page.locator(f'[src*="{ATTACKER}"], [href*="{ATTACKER}"], [srcset*="{ATTACKER}"], '
                             f'[*|href*="{ATTACKER}"]')  # Plotly's SVG links use xlink:href
        assert leaks.count() == 0, (address, leaks.first.evaluate(
            "e => [e.outerHTML, ...Array.from({length: 12}, (_, i) => i).reduce((acc) => { const p = acc.el.parentElement; "
            "if (p) { acc.el = p; acc.ids.push(p.getAttribute('data-testid') || p.tagName); } return acc; }, "
            "{el: e, ids: []}).ids]"))
        foreign_images = page.locator("img").evaluate_all(
            "(images, host) => images.map(i => i.src).filter(s => /^https?:/.test(s) && new URL(s).host !== host)",
            urlparse(url).netloc)
        assert foreign_images == [], address
        exceptions = page.locator('[data-testid="stException"]')
        assert exceptions.count() == 0, exceptions.first.inner_text()
        shown_payloads += page.get_by_text(ATTACKER, exact=False).count()
    context.close()
    assert shown_payloads >= 5  # the payloads reached the sinks, shown as the characters they are
    host = urlparse(url).netloc
    foreign = sorted({r for r in requests if urlparse(r).scheme in ("http", "https", "ws", "wss")
                      and urlparse(r).netloc != host})
    print(f"{len(requests)} requests over {len(addresses)} page loads, {len(foreign)} to other hosts")
    assert foreign == []
