#!/usr/bin/env python3
"""Checks each Word paper: python-docx opens it; headings use Word's Heading styles; every table's first row
repeats as a header; every picture has alt text; then LibreOffice converts it to PDF and pdftoppm makes PNG
pages to look at. Used by `make check-docx` and by the Swift test DocxCheckTests when its tools are installed."""
import argparse, os, subprocess, sys, tempfile

import docx
from docx.oxml.ns import qn


def check(path):
    problems = []
    d = docx.Document(path)
    headings = [p for p in d.paragraphs if p.style is not None and p.style.name.lower().startswith("heading")]
    if not headings:
        problems.append("no paragraph uses a Heading style")
    for i, t in enumerate(d.tables):
        first = t.rows[0]._tr
        if first.find(qn("w:trPr")) is None or first.find(qn("w:trPr")).find(qn("w:tblHeader")) is None:
            if i > 0:  # the report-details table under the title has row headers, not a header row
                problems.append(f"table {i + 1} has no repeating header row")
    pics = d.element.body.findall(".//" + qn("wp:docPr"))
    for p in pics:
        if not p.get("descr"):
            problems.append(f"picture {p.get('name')} has no alt text")
    print(f"{path}: {len(headings)} headings, {len(d.tables)} tables, {len(pics)} charts")
    return problems


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--pages", help="directory for the PDF and its PNG pages")
    ap.add_argument("papers", nargs="+")
    a = ap.parse_args()
    failed = 0
    for path in a.papers:
        problems = check(path)
        for p in problems:
            print("  problem: " + p)
        failed += len(problems)
        out = a.pages or tempfile.mkdtemp()
        os.makedirs(out, exist_ok=True)
        # A profile of its own, so a LibreOffice already running (another check, a desktop) cannot swallow the job.
        profile = "file://" + tempfile.mkdtemp(prefix="lo-profile-")
        r = subprocess.run(["soffice", "-env:UserInstallation=" + profile, "--headless", "--convert-to", "pdf", "--outdir", out, path],
                           capture_output=True, text=True, timeout=600)
        pdf = os.path.join(out, os.path.basename(path).rsplit(".", 1)[0] + ".pdf")
        if r.returncode != 0 or not os.path.exists(pdf):
            print("  problem: LibreOffice could not convert it: " + r.stderr.strip()[-300:])
            failed += 1
            continue
        info = subprocess.run(["pdfinfo", pdf], capture_output=True, text=True).stdout
        pages = next((l.split()[-1] for l in info.splitlines() if l.startswith("Pages:")), "?")
        subprocess.run(["pdftoppm", "-r", "60", "-png", pdf, pdf[:-4]], check=True)
        print(f"  LibreOffice: {pages} pages of A4 -> {pdf} and {pdf[:-4]}-N.png")
    print(f"{len(a.papers)} document(s), {failed} problem(s)")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
