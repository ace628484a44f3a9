#!/usr/bin/env python3
"""Opens each HTML paper in headless Chromium, runs axe-core on it (all rules, WCAG and best practice) and fails
on any violation; with --screenshots DIR also saves a full-page screenshot of each paper to look at.
Used by `make check-html` and by the Swift test HtmlAccessibilityTests when its tools are installed."""
import argparse, os, sys

from axe_selenium_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service


def browser():
    opts = Options()
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1000,1200"):
        opts.add_argument(a)
    for b in ("/usr/bin/chromium", "/usr/bin/chromium-browser"):
        if os.path.exists(b):
            opts.binary_location = b
    driver = "/usr/bin/chromedriver" if os.path.exists("/usr/bin/chromedriver") else None
    d = webdriver.Chrome(service=Service(driver) if driver else Service(), options=opts)
    d.set_script_timeout(600)  # axe on a long paper takes a while on a busy two-core machine
    return d


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--screenshots", help="directory for one full-page PNG per paper")
    ap.add_argument("papers", nargs="+")
    args = ap.parse_args()
    d = browser()
    failed = 0
    try:
        for path in args.papers:
            d.get("file://" + os.path.abspath(path))
            if args.screenshots:  # before axe runs: it scrolls elements into view
                os.makedirs(args.screenshots, exist_ok=True)
                height = d.execute_script("return document.documentElement.scrollHeight")
                d.set_window_size(1000, min(height, 16000))
                shot = os.path.join(args.screenshots, os.path.basename(path).rsplit(".", 1)[0] + ".png")
                d.save_screenshot(shot)
                d.set_window_size(1000, 1200)
                d.get("file://" + os.path.abspath(path))
            axe = Axe(d)
            axe.inject()
            r = axe.run()
            v = r["violations"]
            print(f"{path}: {len(v)} axe violations ({len(r['passes'])} rules passed, {len(r['incomplete'])} need review)")
            for x in v:
                nodes = x["nodes"]
                print(f"  {x['id']} ({x['impact']}): {x['help']} - {len(nodes)} element(s), first: {nodes[0]['target'] if nodes else ''}")
            for x in r["incomplete"]:
                print(f"  review: {x['id']}: {x['help']} ({len(x['nodes'])} element(s))")
            failed += len(v)
            if args.screenshots:
                print(f"  screenshot: {shot}")
    finally:
        d.quit()
    print(f"{len(args.papers)} paper(s), {failed} violation(s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
