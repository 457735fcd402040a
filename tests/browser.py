"""A real browser for the site's tests: Debian's headless Chromium driven through its
ChromeDriver (Selenium). Skips with the reason when either is not installed
(`.ci/run` installs both); the browser is always quit, so nothing keeps running."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMEDRIVER = shutil.which("chromedriver")
MISSING = ("headless Chromium is not installed (Debian packages chromium and chromium-driver; "
           ".ci/run installs them)")


@contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator:
    """A headless Chromium session (a Selenium WebDriver), quit on leaving."""
    if not (CHROMIUM and CHROMEDRIVER):
        pytest.skip(MISSING)
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     f"--window-size={width},{height}", "--lang=en"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        driver.set_page_load_timeout(30)
        yield driver
    finally:
        driver.quit()
