"""Screenshots of the main pages of the running demo, at 1280 and 390 px, for docs/.

    make run            # in one terminal: the demo on http://127.0.0.1:8000
    .venv/bin/python scripts/screenshots.py [--base URL] [--out docs/screenshots]

Signs in as the demo's people (demo/story.toml), visits each role's main pages and writes
<page>-1280.png and <page>-390.png. It prints the page width at 390 px, so a page that
scrolls sideways shows up here as well as in the picture.
"""

from __future__ import annotations

import argparse
import re
import shutil
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WIDTHS = (1280, 390)


def _story() -> dict:
    return tomllib.loads((ROOT / "demo" / "story.toml").read_text(encoding="utf-8"))


def _code(key_base32: str, step: int = 0) -> str:
    """The demo's published second-step key, as an authenticator app shows it."""
    import base64
    import hashlib
    import hmac
    import struct

    key = base64.b32decode(key_base32)
    counter = int(time.time()) // 30 + step
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def sign_in(page, base: str, username: str, password: str, key: str, used: set[str]) -> None:
    page.context.clear_cookies()
    page.goto(f"{base}/accounts/login/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(password)
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    if page.locator("#id_code").count():
        code = _code(key)
        while code in used:  # a code is accepted once: wait for the next one
            time.sleep(2)
            code = _code(key)
        used.add(code)
        page.locator("#id_code").fill(code)
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()


def first_link(page, base: str, path: str, pattern: str) -> str | None:
    """The first link on a page whose address matches pattern (a demo id is not fixed)."""
    page.goto(base + path)
    for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
        if re.fullmatch(pattern, href or ""):
            return href
    return None


def _compact(target: Path, *, longest: int = 2400) -> None:
    """Cut a very long page at `longest` px and store it in 256 colours: small enough to
    keep in the repository, sharp enough to read."""
    from PIL import Image

    with Image.open(target) as image:
        picture = image.convert("RGB")
    if picture.height > longest:
        picture = picture.crop((0, 0, picture.width, longest))
    picture.quantize(colors=256, method=Image.Quantize.MEDIANCUT).save(target, optimize=True)


def shoot(page, base: str, out: Path, name: str, path: str, report: list) -> None:
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.goto(base + path)
        page.wait_for_load_state("networkidle")
        target = out / f"{name}-{width}.png"
        page.screenshot(path=str(target), full_page=True)
        _compact(target)
        if width == 390:
            scroll = page.evaluate("document.documentElement.scrollWidth")
            report.append((name, path, scroll))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--only", help="a regular expression on the page names")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    story = _story()
    password, key = story["password"], story["two_factor_key"]
    executable = shutil.which("chromium")
    if executable is None:
        print("Debian's chromium is not installed (make browser installs it).", file=sys.stderr)
        return 2
    from playwright.sync_api import sync_playwright

    used: set[str] = set()
    report: list = []
    wanted = re.compile(args.only) if args.only else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)

        def take(name: str, path: str | None) -> None:
            if path and (wanted is None or wanted.search(name)):
                shoot(page, args.base, out, name, path, report)

        take("start", "/")
        take("login", "/accounts/login/")
        sign_in(page, args.base, "sanne", password, key, used)
        take("welcome", "/welcome/")
        # Daan (stage 2, on X) shows the path as a checklist and the composer's X preview.
        sign_in(page, args.base, "daan", password, key, used)
        take("path", "/path/")
        take("feed", "/share/")
        take("composer", first_link(page, args.base, "/share/", r"/share/\d+/(\?.*)?"))
        take("missions", "/missions/")
        take("courses", "/cursussen/")
        sign_in(page, args.base, "fatima", password, key, used)
        take("lesson", "/cursussen/fase-3-productie/korte-video/")
        take("help", "/help/")
        take("notifications", "/notifications/")
        take("profile", "/profile/")
        sign_in(page, args.base, "mentor", password, key, used)
        take("desk", "/desk/")
        take("desk-request", first_link(page, args.base, "/desk/", r"/desk/\d+/"))
        sign_in(page, args.base, "comms", password, key, used)
        take("programme", "/programme/")
        take("insights", "/insights/")
        browser.close()
    for name, path, scroll in report:
        flag = "" if scroll <= 390 else "  <- scrolls sideways"
        print(f"{name:14} {path:40} {scroll:>5} px at 390{flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
